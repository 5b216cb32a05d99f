from django.urls import path

from shiliu.creation import views

app_name = "creation"
urlpatterns = [
    path("", views.home, name="home"),
    path("sites/export.xlsx", views.sites_export, name="sites_export"),
    path("sites/new/", views.site_new, name="site_new"),
    path("sites/<int:pk>/", views.site_detail, name="site"),
    path("sites/<int:pk>/edit/", views.site_edit, name="site_edit"),
    path("sites/<int:pk>/items/<slug:kind>/", views.item_detail, name="item"),
    path("sites/<int:pk>/items/<slug:kind>/note/", views.item_note, name="item_note"),
    path("evidence/<int:pk>/withdraw/", views.evidence_withdraw, name="evidence_withdraw"),
    path("evidence/<int:pk>/file/", views.evidence_file, name="evidence_file"),
    path("brands/", views.brands, name="brands"),
    path("brands/export.xlsx", views.brands_export, name="brands_export"),
    path("brands/new/", views.brand_new, name="brand_new"),
    path("brands/<int:pk>/", views.brand_detail, name="brand"),
    path("brands/<int:pk>/edit/", views.brand_edit, name="brand_edit"),
    path("honours/", views.honours, name="honours"),
    path("honours/export.xlsx", views.honours_export, name="honours_export"),
    path("honours/new/", views.honour_new, name="honour_new"),
    path("honours/<int:pk>/", views.honour_detail, name="honour"),
    path("honours/<int:pk>/edit/", views.honour_edit, name="honour_edit"),
]
