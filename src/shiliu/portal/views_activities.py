from django.http import HttpResponse
from django.views.decorators.http import require_GET

from shiliu.access.rules import public
from shiliu.portal.identity import resident_required


@require_GET
@public
def activity_list(request):
    return HttpResponse("")


@require_GET
@public
@resident_required
def sign_up(request, pk):
    return HttpResponse("")
