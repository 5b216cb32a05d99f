"""Knowledge-base pages: parse, authorise, call knowledge.selectors / knowledge.services, render.

Reading needs ``order.view`` (every role that handles orders); writing ``knowledge.edit``.
``search_partial`` is the compact list the hotline screen embeds with htmx.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule
from shiliu.core import ratelimit
from shiliu.core.concurrency import StaleVersion
from shiliu.core.errors import too_many_requests
from shiliu.core.forms import add_service_errors
from shiliu.knowledge import selectors, services
from shiliu.knowledge.choices import PUBLISH_FROM, RETIRE_FROM, ArticleStatus
from shiliu.knowledge.forms import SEARCH_LIMIT, ArticleForm, ArticleSearchForm, SynonymForm, VersionForm
from shiliu.knowledge.models import Synonym
from shiliu.workorders.models import Category

PAGE_SIZE = 20
PARTIAL_LIMIT = 8


def _wants_fragment(request) -> bool:
    """htmx swapping the results; not htmx restoring a page from history (that needs the whole page)."""
    return (request.headers.get("HX-Request") == "true"
            and request.headers.get("HX-History-Restore-Request") != "true")


def _search_form(request) -> ArticleSearchForm:
    form = ArticleSearchForm(request.GET or None, categories=selectors.categories(),
                             editor=selectors.may_edit(request.user))
    form.is_valid()
    return form


def _limited(request, query: str):
    """None, or the 429 page when this user searched too often (F6)."""
    if not query:
        return None
    try:
        ratelimit.hit(SEARCH_LIMIT, str(request.user.pk))
    except ratelimit.RateLimited as exc:
        return too_many_requests(request, exc.retry_after)
    return None


@require_GET
@access_rule(Cap.ORDER_VIEW)
def article_list(request):
    """Search box with live results (htmx swaps the results only), category filter, list."""
    form = _search_form(request)
    values = form.values()
    refused = _limited(request, values["q"])
    if refused:
        return refused
    found = selectors.article_search(request.user, values["q"], category=values["category"],
                                     status=values["status"])
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "articles": page.object_list, "query": values["q"],
               "filtered": bool(values["q"] or values["category"] or values["status"]),
               "can_edit": selectors.may_edit(request.user),
               "params": {k: v for k, v in request.GET.items() if k in ("q", "category", "status") and v}}
    template = "knowledge/_list_results.html" if _wants_fragment(request) else "knowledge/list.html"
    return render(request, template, context)


@require_GET
@access_rule(Cap.ORDER_VIEW)
def search_partial(request):
    """GET ?q=&category= → a compact list (title, category, first lines, link) for the hotline screen.

    Published articles only, whoever asks: an operator answers callers from what is in force.
    Without q and category it shows a hint and runs no search.
    """
    form = _search_form(request)
    values = form.values()
    refused = _limited(request, values["q"])
    if refused:
        return refused
    asked = bool(values["q"] or values["category"])
    articles = selectors.knowledge_search(request.user, values["q"], category=values["category"],
                                          limit=PARTIAL_LIMIT, status=ArticleStatus.PUBLISHED) if asked else []
    return render(request, "knowledge/_search_results.html",
                  {"articles": articles, "query": values["q"], "asked": asked})


@require_GET
@access_rule(Cap.ORDER_VIEW)
def article_detail(request, pk: int):
    article = selectors.article_get(request.user, pk)
    can_edit = selectors.may_edit(request.user)
    return render(request, "knowledge/detail.html", {
        "article": article, "can_edit": can_edit,
        "can_publish": can_edit and article.status in PUBLISH_FROM,
        "can_retire": can_edit and article.status in RETIRE_FROM,
    })


def _categories_for(article=None):
    q = Q(active=True)
    if article is not None and article.category_id:
        q |= Q(pk=article.category_id)
    return Category.objects.filter(q).order_by("code")


@require_http_methods(["GET", "POST"])
@access_rule(Cap.KNOWLEDGE_EDIT)
def article_create(request):
    form = ArticleForm(request.POST or None, categories=_categories_for())
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_create(by=request.user, **form.content())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The article was saved as a draft. Publish it when it is ready."))
            return redirect("knowledge:detail", pk=article.pk)
    return render(request, "knowledge/form.html", {"form": form, "title": _("New article"), "submit": _("Save draft")})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.KNOWLEDGE_EDIT)
def article_edit(request, pk: int):
    article = selectors.article_get_for_edit(request.user, pk)
    initial = {"category": article.category_id, "title": article.title, "body": article.body,
               "keywords": article.keywords, "title_en": article.title_en, "body_en": article.body_en,
               "version": article.version}
    form = ArticleForm(request.POST or None, initial=initial, categories=_categories_for(article), editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.article_update(article=article, by=request.user, version=form.cleaned_data["version"],
                                    **form.content())
        except (StaleVersion, ValidationError) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The article was saved."))
            return redirect("knowledge:detail", pk=article.pk)
    return render(request, "knowledge/form.html", {
        "form": form, "article": article, "title": _("Edit article"), "submit": _("Save")})


def _status_change(request, pk: int, service, done: str):
    article = selectors.article_get_for_edit(request.user, pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, StaleVersion.message)
        return redirect("knowledge:detail", pk=article.pk)
    try:
        service(article=article, by=request.user, version=form.cleaned_data["version"])
    except StaleVersion:
        messages.error(request, StaleVersion.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect("knowledge:detail", pk=article.pk)


@require_POST
@access_rule(Cap.KNOWLEDGE_EDIT)
def article_publish(request, pk: int):
    return _status_change(request, pk, services.article_publish, _("The article is published: operators see it now."))


@require_POST
@access_rule(Cap.KNOWLEDGE_EDIT)
def article_retire(request, pk: int):
    return _status_change(request, pk, services.article_retire,
                          _("The article is retired: operators no longer see it."))


@require_GET
@access_rule(Cap.KNOWLEDGE_EDIT)
def article_revisions(request, pk: int):
    article = selectors.article_get_for_edit(request.user, pk)
    return render(request, "knowledge/revisions.html",
                  {"article": article, "revisions": list(selectors.revisions(request.user, article))})


@require_http_methods(["GET", "POST"])
@access_rule(Cap.KNOWLEDGE_EDIT)
def synonym_list(request):
    """The synonym table, and a form to link two more terms."""
    form = SynonymForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            synonym = services.synonym_create(by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Linked: %(term)s = %(means)s. Every article was indexed again.")
                             % {"term": synonym.term, "means": synonym.expands_to})
            return redirect("knowledge:synonyms")
    return render(request, "knowledge/synonyms.html",
                  {"form": form, "synonyms": list(selectors.synonym_list(request.user))})


@require_POST
@access_rule(Cap.KNOWLEDGE_EDIT)
def synonym_delete(request, pk: int):
    synonym = get_object_or_404(Synonym, pk=pk)
    services.synonym_delete(by=request.user, synonym=synonym)
    messages.success(request, _("Unlinked: %(term)s = %(means)s. Every article was indexed again.")
                     % {"term": synonym.term, "means": synonym.expands_to})
    return redirect("knowledge:synonyms")
