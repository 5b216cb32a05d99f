"""Staff pages of news and notices: the list, a draft's editor, review, pictures.

Order of checks: the access rule (403 without ``news.write`` anywhere), the scoped lookup (404
outside the user's places), then the service (403 without the capability at the article's place,
a message next to the field for a refused change). Public pages are in ``views_public``.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from shiliu.access.policy import Cap
from shiliu.access.rules import access_rule, public
from shiliu.access.scope import can
from shiliu.core.concurrency import StaleVersion
from shiliu.core.forms import add_service_errors
from shiliu.core.pages import filters_of, paginate, posted
from shiliu.news import selectors, services
from shiliu.news.choices import EDITABLE, ArticleStatus
from shiliu.news.forms import ApproveForm, ArticleForm, FilterForm, ImageForm, ReturnForm, VersionForm


@require_GET
@access_rule(Cap.NEWS_WRITE)
def home(request):
    form = FilterForm(request.GET or None)
    filters = filters_of(form)
    return render(request, "news/home.html", {
        "form": form, "page": paginate(request, selectors.article_list(request.user, **filters)),
        "to_review": list(selectors.to_review(request.user)[:20]),
    })


@require_http_methods(["GET", "POST"])
@access_rule(Cap.NEWS_WRITE)
def article_new(request):
    form = ArticleForm(posted(request), user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.service_arguments()
        try:
            article = services.article_create(by=request.user, kind=data["kind"] or "news", place=data["place"],
                                              title=data["title"], summary=data["summary"], body=data["body"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The draft was saved. Add pictures, then submit it for review."))
            return redirect("news:detail", pk=article.pk)
    return render(request, "news/form.html", {"form": form, "title": _("New article"),
                                              "back_url": reverse("news:home")})


def _detail_context(request, article, **forms) -> dict:
    user = request.user
    reviewer = can(user, Cap.NEWS_REVIEW, article.place) and article.created_by_id != user.pk
    return {
        "article": article, "images": list(article.images.all()),
        "can_edit": article.status in EDITABLE and can(user, Cap.NEWS_WRITE, article.place),
        "can_submit": article.status == ArticleStatus.DRAFT,
        "can_review": reviewer and article.status == ArticleStatus.SUBMITTED,
        "can_withdraw": can(user, Cap.NEWS_REVIEW, article.place) and article.status == ArticleStatus.PUBLISHED,
        "own_submitted": article.status == ArticleStatus.SUBMITTED and article.created_by_id == user.pk,
        "approve_form": forms.get("approve_form") or ApproveForm(initial={"version": article.version}),
        "return_form": forms.get("return_form") or ReturnForm(initial={"version": article.version}),
        "image_form": forms.get("image_form") or ImageForm(),
        "version_form": VersionForm(initial={"version": article.version}),
    }


@require_GET
@access_rule(Cap.NEWS_WRITE)
def article_detail(request, pk: int):
    article = selectors.article_get(request.user, pk)
    return render(request, "news/detail.html", _detail_context(request, article))


@require_http_methods(["GET", "POST"])
@access_rule(Cap.NEWS_WRITE)
def article_edit(request, pk: int):
    article = selectors.article_get(request.user, pk)
    initial = {"kind": article.kind, "place": article.place_id, "title": article.title,
               "summary": article.summary, "body": article.body, "version": article.version}
    form = ArticleForm(posted(request), user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.service_arguments()
        try:
            services.article_update(article=article, by=request.user,
                                    version=form.cleaned_data["version"] or article.version,
                                    kind=data["kind"] or article.kind, place=data["place"], title=data["title"],
                                    summary=data["summary"], body=data["body"])
        except (ValidationError, StaleVersion) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The draft was saved."))
            return redirect("news:detail", pk=article.pk)
    return render(request, "news/form.html", {"form": form, "title": _("Edit the article"),
                                              "back_url": article.staff_url})


def _step(request, pk: int, form_class, call, *, success: str, form_name: str):
    """Run one workflow step from the article page; a refusal shows on that page."""
    article = selectors.article_get(request.user, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            call(article, form.cleaned_data)
        except (ValidationError, StaleVersion) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, success)
            return redirect("news:detail", pk=article.pk)
    context = _detail_context(request, article, **{form_name: form})
    if form_name == "version_form":
        context["version_form"] = form
    return render(request, "news/detail.html", context, status=422)


@require_POST
@access_rule(Cap.NEWS_WRITE)
def article_submit(request, pk: int):
    return _step(request, pk, VersionForm, lambda a, d: services.article_submit(
        article=a, by=request.user, version=d["version"]),
        success=_("The article was submitted for review."), form_name="version_form")


@require_POST
@access_rule(Cap.NEWS_REVIEW)
def article_approve(request, pk: int):
    return _step(request, pk, ApproveForm, lambda a, d: services.article_approve(
        article=a, by=request.user, version=d["version"], publish_at=d["publish_at"]),
        success=_("The article was approved."), form_name="approve_form")


@require_POST
@access_rule(Cap.NEWS_REVIEW)
def article_return(request, pk: int):
    return _step(request, pk, ReturnForm, lambda a, d: services.article_return(
        article=a, by=request.user, version=d["version"], reason=d["reason"]),
        success=_("The article was sent back to its writers."), form_name="return_form")


@require_POST
@access_rule(Cap.NEWS_REVIEW)
def article_withdraw(request, pk: int):
    return _step(request, pk, VersionForm, lambda a, d: services.article_withdraw(
        article=a, by=request.user, version=d["version"]),
        success=_("The article was withdrawn from the public pages."), form_name="version_form")


@require_POST
@access_rule(Cap.NEWS_WRITE)
def image_upload(request, pk: int):
    article = selectors.article_get(request.user, pk)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.image_add(article=article, by=request.user, upload=form.cleaned_data["image"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The picture was added. Copy its tag into the text."))
            return redirect(reverse("news:detail", args=[article.pk]) + "#images")
    return render(request, "news/detail.html", _detail_context(request, article, image_form=form), status=422)


@require_GET
@public
def image_file(request, token: str):
    """A picture of an article: anyone's once the article is live, before that only its staff's (B6)."""
    image = selectors.image_for_viewer(getattr(request, "user", None), token)
    response = FileResponse(image.file.open("rb"), content_type=image.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if image.article.is_live:
        response["Cache-Control"] = "public, max-age=3600"
    return response
