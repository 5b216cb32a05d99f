"""Public pages: the windows and centres with hours and open now. No account needed, no personal
data (never duty, never visits), cacheable for a few minutes."""

from django.shortcuts import render
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from shiliu.access.rules import public
from shiliu.core.caching import cacheable
from shiliu.windows import selectors


@require_GET
@public
@cacheable
def public_list(request):
    windows = selectors.annotate_states(list(
        selectors.windows_public().prefetch_related("items__current").order_by("place__path", "kind", "name")))
    return render(request, "windows/public_list.html", {"windows": windows, "language": get_language()})
