from django.urls import path

from shiliu.accounts import views, views_me, views_staff

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("2fa/", views.two_factor, name="two_factor"),
    path("reauth/", views.reauth, name="reauth"),
    path("password/", views.password_change, name="password_change"),
    path("me/", views_me.account, name="me"),
    path("me/tokens/", views_me.token_create, name="token_create"),
    path("me/tokens/<int:pk>/revoke/", views_me.token_revoke, name="token_revoke"),
    path("me/2fa/remove/", views_me.second_factor_remove, name="second_factor_remove"),
    path("me/backup-codes/", views_me.backup_codes, name="backup_codes"),
    path("staff/", views_staff.staff_list, name="staff_list"),
    path("staff/new/", views_staff.staff_create, name="staff_create"),
    path("staff/<int:pk>/", views_staff.staff_detail, name="staff_detail"),
    path("staff/<int:pk>/roles/", views_staff.role_grant, name="role_grant"),
    path("staff/<int:pk>/roles/<int:assignment_pk>/revoke/", views_staff.role_revoke, name="role_revoke"),
    path("staff/<int:pk>/active/", views_staff.staff_set_active, name="staff_set_active"),
    path("staff/<int:pk>/2fa-reset/", views_staff.staff_second_factor_reset, name="staff_second_factor_reset"),
]
