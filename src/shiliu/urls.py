from django.urls import include, path
from django.views.i18n import set_language

from shiliu.access.rules import public
from shiliu.api.api import api
from shiliu.core.views import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("api/v1/", api.urls),
    path("accounts/", include("shiliu.accounts.urls")),
    path("places/", include("shiliu.places.urls")),
    path("residents/", include("shiliu.people.urls")),
    path("audit/", include("shiliu.audit.urls")),
    path("calendar/", include("shiliu.workdays.urls")),
    path("notifications/", include("shiliu.notify.urls")),
    path("orders/", include("shiliu.workorders.urls")),
    path("hotline/", include("shiliu.hotline.urls")),
    path("knowledge/", include("shiliu.knowledge.urls")),
    path("figures/", include("shiliu.figures.urls")),
    path("open311/v2/", include("shiliu.open311.urls")),
    path("organizations/", include("shiliu.organizations.urls")),
    path("activities/", include("shiliu.activities.urls")),
    path("creation/", include("shiliu.creation.urls")),
    path("culture/", include("shiliu.culture.urls")),
    path("guide/", include("shiliu.guide.urls")),
    path("windows/", include("shiliu.windows.urls")),
    path("news/", include("shiliu.news.urls")),
    path("jobs/", include("shiliu.jobs.urls")),
    path("portal/", include("shiliu.portal.urls")),
    path("my-data/", include("shiliu.mydata.urls")),
    path("", include("shiliu.core.urls")),
]

handler400 = "shiliu.core.errors.bad_request"
handler403 = "shiliu.core.errors.forbidden"
handler404 = "shiliu.core.errors.not_found"
handler500 = "shiliu.core.errors.server_error"
