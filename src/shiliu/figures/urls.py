from django.urls import path

from shiliu.figures import views

app_name = "figures"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("orders/", views.drill_down, name="orders"),
    path("export/", views.export, name="export"),
]
