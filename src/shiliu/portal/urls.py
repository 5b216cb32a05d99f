from django.urls import path

from shiliu.portal import views, views_activities, views_ask, views_code, views_jobs, views_mine

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("code/", views_code.code, name="code"),
    path("sign-out/", views_code.sign_out, name="sign_out"),
    path("ask/", views_ask.ask, name="ask"),
    path("ask/done/", views_ask.done, name="ask_done"),
    path("mine/", views_mine.mine, name="mine"),
    path("mine/<str:tracking>/", views_mine.detail, name="mine_detail"),
    path("jobs/profile/", views_jobs.profile, name="jobs_profile"),
    path("jobs/profile/edit/", views_jobs.profile_edit, name="jobs_profile_edit"),
    path("jobs/profile/status/", views_jobs.profile_status, name="jobs_profile_status"),
    path("activities/", views_activities.activity_list, name="activities"),
    path("activities/<int:pk>/sign-up/", views_activities.sign_up, name="sign_up"),
]
