from django.urls import path

from shiliu.activities import views, views_public, views_published

app_name = "activities"
urlpatterns = [
    path("", views.activity_list, name="list"),
    path("export.xlsx", views.activity_export, name="export"),
    path("calendar/", views.activity_calendar, name="calendar"),
    path("new/", views.activity_create, name="create"),
    path("<int:pk>/", views.activity_detail, name="detail"),
    path("<int:pk>/edit/", views.activity_edit, name="edit"),
    path("<int:pk>/status/", views.activity_status, name="status"),
    path("<int:pk>/publish/", views.activity_publish, name="publish"),
    path("<int:pk>/registrations/", views.registration_list, name="registrations"),
    path("<int:pk>/registrations/export.xlsx", views.registration_export, name="registrations_export"),
    path("<int:pk>/registrations/<int:rid>/check-in/", views.registration_checkin, name="registration_checkin"),
    path("<int:pk>/registrations/<int:rid>/cancel/", views.registration_cancel_view, name="registration_cancel"),
    path("<int:pk>/qr/", views.activity_qr, name="qr"),
    path("<int:pk>/qr.svg", views.activity_qr_image, name="qr_image"),
    path("<int:pk>/outcome/", views.activity_outcome, name="outcome"),
    path("<int:pk>/photos/", views.photo_upload, name="photo_upload"),
    path("photos/<str:token>/", views.photo_file, name="photo"),
    path("photos/<str:token>/thumbnail/", views.photo_thumbnail, name="photo_thumbnail"),
    path("photos/<str:token>/delete/", views.photo_delete, name="photo_delete"),
    # Public: published activities, for anyone.
    path("public/", views_published.public_list, name="public_list"),
    path("public/<int:pk>/", views_published.public_detail, name="public_detail"),
    # Public: the page a venue's QR code opens (no account), and leaving with one's code.
    path("checkin/<str:token>/", views_public.checkin, name="checkin"),
    path("checkin/<str:token>/leave/", views_public.leave, name="leave"),
]
