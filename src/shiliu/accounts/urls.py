from django.urls import path

from shiliu.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("2fa/", views.two_factor, name="two_factor"),
    path("reauth/", views.reauth, name="reauth"),
    path("password/", views.password_change, name="password_change"),
]
