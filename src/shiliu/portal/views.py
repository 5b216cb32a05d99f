from django.shortcuts import render
from django.views.decorators.http import require_GET

from shiliu.access.rules import public


@require_GET
@public
def home(request):
    return render(request, "portal/home.html", {})
