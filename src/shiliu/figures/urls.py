from django.urls import path

from shiliu.figures import items, views

app_name = "figures"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("orders/", views.drill_down, name="orders"),
    path("export/", views.export, name="export"),
    path("items/", items.items_page, name="items"),
]
