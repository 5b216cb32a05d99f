from django.urls import path

from shiliu.knowledge import views

app_name = "knowledge"
urlpatterns = [
    path("", views.article_list, name="list"),
    path("search/", views.search_partial, name="search_partial"),
    path("new/", views.article_create, name="create"),
    path("synonyms/", views.synonym_list, name="synonyms"),
    path("synonyms/<int:pk>/delete/", views.synonym_delete, name="synonym_delete"),
    path("<int:pk>/", views.article_detail, name="detail"),
    path("<int:pk>/edit/", views.article_edit, name="edit"),
    path("<int:pk>/publish/", views.article_publish, name="publish"),
    path("<int:pk>/retire/", views.article_retire, name="retire"),
    path("<int:pk>/revisions/", views.article_revisions, name="revisions"),
]
