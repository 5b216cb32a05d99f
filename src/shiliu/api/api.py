"""The /api/v1/ assembly. Each app owns its router in its own api.py."""

from ninja import NinjaAPI

from shiliu.accounts.api import router as accounts_router
from shiliu.accounts.api_staff import router as staff_router
from shiliu.activities.api import router as activities_router
from shiliu.api import errors
from shiliu.api.auth import BearerToken, StaffSession
from shiliu.audit.api import router as audit_router
from shiliu.creation.api import router as creation_router
from shiliu.culture.api import router as culture_router
from shiliu.figures.api import router as figures_router
from shiliu.guide.api import router as guide_router
from shiliu.hotline.api import router as hotline_router
from shiliu.jobs.api import router as jobs_router
from shiliu.jobs.api_desk import router as jobs_desk_router
from shiliu.knowledge.api import router as knowledge_router
from shiliu.mydata.api import router as mydata_router
from shiliu.news.api import router as news_router
from shiliu.notify.api import router as notify_router
from shiliu.organizations.api import router as organizations_router
from shiliu.people.api import router as people_router
from shiliu.places.api import router as places_router
from shiliu.portal.api import router as portal_router
from shiliu.windows.api import router as windows_router
from shiliu.workdays.api import router as workdays_router
from shiliu.workorders.api import router as workorders_router

api = NinjaAPI(
    title="Shiliu API",
    version="1",
    description="The working system of a district's urban ethnic-affairs work. "
    "Authenticate with POST /api/v1/auth/token, then send 'Authorization: Bearer <token>'.",
    auth=[BearerToken(), StaffSession()],
    urls_namespace="api",
)
errors.install(api)
api.add_router("/auth", accounts_router)
api.add_router("/places", places_router)
api.add_router("/residents", people_router)
api.add_router("/audit", audit_router)
api.add_router("/staff", staff_router)
api.add_router("/calendar", workdays_router)
api.add_router("/notifications", notify_router)
api.add_router("/orders", workorders_router)
api.add_router("/hotline", hotline_router)
api.add_router("/figures", figures_router)
api.add_router("/knowledge", knowledge_router)
api.add_router("/organizations", organizations_router)
api.add_router("/activities", activities_router)
api.add_router("/creation", creation_router)
api.add_router("/culture", culture_router)
api.add_router("/guide", guide_router)
api.add_router("/windows", windows_router)
api.add_router("/news", news_router)
api.add_router("/jobs", jobs_router)
api.add_router("/jobs/desk", jobs_desk_router)
api.add_router("/portal", portal_router)
api.add_router("/my-data", mydata_router)
