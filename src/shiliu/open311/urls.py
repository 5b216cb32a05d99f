from django.urls import path

from shiliu.open311 import views

app_name = "open311"
urlpatterns = [
    path("discovery.<str:fmt>", views.discovery, name="discovery"),
    path("services.<str:fmt>", views.services, name="services"),
    path("services/<str:code>.<str:fmt>", views.service_definition, name="service"),
    path("requests.<str:fmt>", views.requests, name="requests"),
    path("requests/<str:request_id>.<str:fmt>", views.request_detail, name="request"),
    path("tokens/<str:token>.<str:fmt>", views.token, name="token"),
]
