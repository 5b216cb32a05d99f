from django.urls import path

from shiliu.windows import views, views_intake, views_public

app_name = "windows"
urlpatterns = [
    path("", views.home, name="home"),
    path("export.xlsx", views.export, name="export"),
    path("new/", views.window_new, name="new"),
    path("figures/", views.figures, name="figures"),
    path("public/", views_public.public_list, name="public"),
    path("intake/", views_intake.choose, name="intake_choose"),
    path("visits/<int:pk>/", views_intake.visit, name="visit"),
    path("visits/<int:pk>/receipt.pdf", views_intake.visit_receipt, name="receipt"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/edit/", views.window_edit, name="edit"),
    path("<int:pk>/hours/", views.hours_edit, name="hours"),
    path("<int:pk>/closures/", views.closure_add, name="closure_add"),
    path("<int:pk>/closures/<int:closure_pk>/remove/", views.closure_remove, name="closure_remove"),
    path("<int:pk>/duty/", views.duty_add, name="duty_add"),
    path("<int:pk>/duty/<int:shift_pk>/remove/", views.duty_remove, name="duty_remove"),
    path("<int:pk>/intake/", views_intake.intake, name="intake"),
]
