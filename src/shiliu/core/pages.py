"""Small helpers every app's pages share: the POST data of a form, the valid filters of a filter
form, a page of a list, and saving a form through a service with its refusal next to the fields."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.shortcuts import redirect, render

from shiliu.core.concurrency import StaleVersion
from shiliu.core.forms import add_service_errors

PAGE_SIZE = 25


def posted(request):
    """The POST data of a POST (bound even when empty, so its errors show), else None."""
    return request.POST if request.method == "POST" else None


def filters_of(form) -> dict:
    """The valid filters of a bound filter form (an invalid field shows its error and is ignored)."""
    if not form.is_bound:
        return {}
    form.is_valid()
    return {k: v for k, v in getattr(form, "cleaned_data", {}).items() if v not in (None, "")}


def paginate(request, queryset) -> Page:
    """The page ``?page=`` asks for, of PAGE_SIZE rows (the last one for a number past the end)."""
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


def save_form(request, form, call, *, success: str, template: str, context: dict):
    """Run ``call(form)`` on a valid POST; show the service's refusal next to the fields."""
    if request.method == "POST" and form.is_valid():
        try:
            record = call(form)
        except (ValidationError, StaleVersion) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect(record)
    return render(request, template, {"form": form, **context})
