from django.urls import path

from shiliu.hotline import views, views_records

app_name = "hotline"
urlpatterns = [
    path("", views.desk, name="desk"),
    path("incoming/", views.incoming, name="incoming"),
    path("lookup/", views.lookup, name="lookup"),
    path("record/", views.record, name="record"),
    path("articles/", views.articles, name="articles"),
    path("calls/", views_records.call_list, name="calls"),
    path("calls/export/", views_records.calls_export, name="calls_export"),
    path("calls/<int:pk>/", views_records.call_detail, name="call_detail"),
    path("calls/<int:pk>/take/", views.take, name="take"),
    path("calls/<int:pk>/answer/", views.answer, name="answer"),
    path("calls/<int:pk>/other/", views.other, name="other"),
    path("calls/<int:pk>/order/", views.open_order, name="open_order"),
]
