from django.urls import include, path

from benchsite.bare.views import bare_insert

urlpatterns = [
    path("bench/bare", bare_insert),
    path("", include("shiliu.urls")),
]
