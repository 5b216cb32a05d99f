from django.http import HttpResponse
from django.views.decorators.http import require_GET

from shiliu.access.rules import public


@require_GET
@public
def ask(request):
    return HttpResponse("")


@require_GET
@public
def done(request):
    return HttpResponse("")
