from django.urls import path

from shiliu.workdays import views

app_name = "workdays"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("day/<str:day>/", views.day, name="day"),
    path("confirm/", views.confirm, name="confirm"),
    path("withdraw/", views.withdraw, name="withdraw"),
    path("export.xlsx", views.export, name="export"),
    path("import/", views.import_, name="import"),
]
