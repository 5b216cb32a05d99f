from django.urls import path

from shiliu.mydata import views

app_name = "mydata"
urlpatterns = [
    # The resident (a phone proved on the portal).
    path("", views.mine, name="mine"),
    path("ask/<str:kind>/", views.ask, name="ask"),
    path("download.json", views.download_json, name="download_json"),
    path("download.xlsx", views.download_xlsx, name="download_xlsx"),
    # The district office.
    path("requests/", views.queue, name="requests"),
    path("requests/<int:pk>/", views.detail, name="detail"),
    path("requests/<int:pk>/start/", views.start, name="start"),
    path("requests/<int:pk>/erase/", views.erase, name="erase"),
    path("requests/<int:pk>/answer/", views.answer, name="answer"),
]
