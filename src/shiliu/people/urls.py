from django.urls import path

from shiliu.people import views

app_name = "people"
urlpatterns = [
    path("", views.resident_list, name="list"),
    path("new/", views.resident_new, name="create"),
    path("<int:pk>/", views.resident_detail, name="detail"),
    path("<int:pk>/edit/", views.resident_edit, name="edit"),
    path("<int:pk>/reveal/", views.resident_reveal_view, name="reveal"),
    path("<int:pk>/consents/<int:consent_pk>/withdraw/", views.consent_withdraw_view, name="consent_withdraw"),
]
