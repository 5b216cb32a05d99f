from django.urls import path

from shiliu.guide import views, views_public

app_name = "guide"
urlpatterns = [
    path("", views.home, name="home"),
    path("items/new/", views.item_create, name="create"),
    path("items/<int:pk>/", views.item_detail, name="detail"),
    path("items/<int:pk>/edit/", views.item_edit, name="edit"),
    path("items/<int:pk>/active/", views.item_active, name="active"),
    path("items/<int:pk>/compare/", views.version_compare, name="compare"),
    path("domains/", views.named_list, {"kind": "domains"}, name="domains"),
    path("domains/<int:pk>/", views.named_edit, {"kind": "domains"}, name="domain_edit"),
    path("life-events/", views.named_list, {"kind": "life-events"}, name="life_events"),
    path("life-events/<int:pk>/", views.named_edit, {"kind": "life-events"}, name="life_event_edit"),
    path("transfer/", views.transfer, name="transfer"),
    path("export.xlsx", views.export, {"fmt": "xlsx"}, name="export_xlsx"),
    path("export.json", views.export, {"fmt": "json"}, name="export_json"),
    # Public: the guide for residents, no account needed.
    path("public/", views_public.index, name="public"),
    path("public/search/", views_public.search, name="public_search"),
    path("public/domains/<str:code>/", views_public.by_domain, name="public_domain"),
    path("public/life-events/<str:code>/", views_public.by_life_event, name="public_life_event"),
    path("public/items/<str:code>/", views_public.item, name="public_item"),
    path("public/items/<str:code>/what-to-bring/", views_public.checklist, name="public_checklist"),
]
