from django.urls import path

from shiliu.workorders import views, views_config, views_detail, views_public, views_steps

app_name = "workorders"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.order_create, name="create"),
    path("<int:pk>/", views_detail.order_detail, name="detail"),
    path("<int:pk>/receipt/", views.receipt, name="receipt"),
    path("<int:pk>/act/<slug:action>/", views_detail.act, name="act"),
    path("<int:pk>/steps/<int:position>/complete/", views_steps.complete, name="step_complete"),
    path("<int:pk>/consent/", views_steps.consent, name="consent"),
    path("<int:pk>/files/<slug:token>/", views_detail.attachment_download, name="attachment"),
    path("track/", views_public.track, name="track"),
    path("track/<str:code>/", views_public.track_code, name="track_code"),
    path("categories/", views_config.categories, name="categories"),
    path("categories/new/", views_config.category_create, name="category_create"),
    path("categories/<int:pk>/", views_config.category_edit, name="category_edit"),
    path("routing/", views_config.routing, name="routing"),
    path("routing/<int:pk>/delete/", views_config.routing_delete, name="routing_delete"),
]
