from django.urls import path

from shiliu.jobs import views, views_desk, views_public

app_name = "jobs"
urlpatterns = [
    path("", views.home, name="home"),
    path("employers/", views.employers, name="employers"),
    path("employers/new/", views.employer_new, name="employer_new"),
    path("employers/<int:pk>/", views.employer_detail, name="employer"),
    path("employers/<int:pk>/edit/", views.employer_edit, name="employer_edit"),
    path("employers/<int:pk>/<str:decision>/", views.employer_decide, name="employer_decide"),
    path("postings/", views.postings, name="postings"),
    path("postings/new/", views.posting_new, name="posting_new"),
    path("postings/<int:pk>/", views.posting_detail, name="posting"),
    path("postings/<int:pk>/edit/", views.posting_edit, name="posting_edit"),
    path("postings/<int:pk>/do/<str:action>/", views.posting_action, name="posting_action"),
    path("seekers/", views.seekers, name="seekers"),
    path("seekers/new/", views.seeker_new, name="seeker_new"),
    path("seekers/<int:pk>/", views.seeker_detail, name="seeker"),
    path("seekers/<int:pk>/edit/", views.seeker_edit, name="seeker_edit"),
    path("seekers/<int:pk>/refer/", views.seeker_refer, name="seeker_refer"),
    path("seekers/<int:pk>/placements/", views.placement_new, name="placement_new"),
    path("referrals/<int:pk>/outcome/", views.referral_outcome, name="referral_outcome"),
    path("figures/", views.figures, name="figures"),
    # Public: no account.
    path("public/", views_public.public_list, name="public_list"),
    path("public/<int:pk>/", views_public.public_detail, name="public_detail"),
    path("public/employers/register/", views_public.employer_register, name="public_employer_register"),
    path("public/employers/register/done/", views_public.employer_register_done, name="public_employer_done"),
    # The employers' desk: the employer's contact, with a verified phone (no account).
    path("desk/", views_desk.home, name="desk"),
    path("desk/<int:pk>/", views_desk.employer, name="desk_employer"),
    path("desk/<int:pk>/postings/new/", views_desk.posting_new, name="desk_posting_new"),
    path("desk/<int:pk>/postings/<int:posting_pk>/", views_desk.posting, name="desk_posting"),
    path("desk/<int:pk>/postings/<int:posting_pk>/edit/", views_desk.posting_edit, name="desk_posting_edit"),
    path("desk/<int:pk>/postings/<int:posting_pk>/close/", views_desk.posting_close, name="desk_posting_close"),
]
