from django.urls import path

from shiliu.culture import museum_views, views

app_name = "culture"
urlpatterns = [
    path("", views.home, name="home"),
    path("troupes/", views.troupes, name="troupes"),
    path("troupes/export.xlsx", views.troupes_export, name="troupes_export"),
    path("troupes/new/", views.troupe_new, name="troupe_new"),
    path("troupes/<int:pk>/", views.troupe_detail, name="troupe"),
    path("troupes/<int:pk>/edit/", views.troupe_edit, name="troupe_edit"),
    path("troupes/<int:pk>/members/", views.member_add, name="member_add"),
    path("troupes/<int:pk>/members/<int:member_pk>/remove/", views.member_remove, name="member_remove"),
    path("troupes/<int:pk>/repertoire/", views.repertoire_add, name="repertoire_add"),
    path("troupes/<int:pk>/repertoire/<int:piece_pk>/remove/", views.repertoire_remove, name="repertoire_remove"),
    path("troupes/<int:pk>/performances/", views.performance_add, name="performance_add"),
    path("performances/", views.performances, name="performances"),
    path("performances/export.xlsx", views.performances_export, name="performances_export"),
    path("positions/", views.positions, name="positions"),
    path("positions/export.xlsx", views.positions_export, name="positions_export"),
    path("positions/new/", views.position_new, name="position_new"),
    path("positions/<int:pk>/", views.position_detail, name="position"),
    path("positions/<int:pk>/edit/", views.position_edit, name="position_edit"),
    path("museums/new/", museum_views.museum_new, name="museum_new"),
    path("museums/<int:pk>/", museum_views.museum_detail, name="museum"),
    path("museums/<int:pk>/edit/", museum_views.museum_edit, name="museum_edit"),
    path("museums/<int:pk>/slots/new/", museum_views.slot_new, name="slot_new"),
    path("slots/<int:slot_pk>/book/", museum_views.booking_new, name="booking_new"),
    path("bookings/", museum_views.bookings, name="bookings"),
    path("bookings/export.xlsx", museum_views.bookings_export, name="bookings_export"),
    path("bookings/<int:pk>/", museum_views.booking_detail, name="booking"),
    path("bookings/<int:pk>/<slug:action>/", museum_views.booking_action, name="booking_action"),
    path("visit/<int:pk>/", museum_views.public_booking, name="public_booking"),
    path("visit/<int:pk>/done/", museum_views.public_booking_done, name="public_booking_done"),
]
