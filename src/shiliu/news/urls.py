from django.urls import path

from shiliu.news import views, views_public

app_name = "news"
urlpatterns = [
    path("", views.home, name="home"),
    path("new/", views.article_new, name="create"),
    path("<int:pk>/", views.article_detail, name="detail"),
    path("<int:pk>/edit/", views.article_edit, name="edit"),
    path("<int:pk>/submit/", views.article_submit, name="submit"),
    path("<int:pk>/approve/", views.article_approve, name="approve"),
    path("<int:pk>/return/", views.article_return, name="return"),
    path("<int:pk>/withdraw/", views.article_withdraw, name="withdraw"),
    path("<int:pk>/images/", views.image_upload, name="image_upload"),
    path("images/<str:token>/", views.image_file, name="image"),
    # Public: published articles, for anyone.
    path("public/", views_public.public_list, name="public_list"),
    path("public/<int:pk>/", views_public.public_detail, name="public_detail"),
]
