from django.urls import path

from shiliu.places import views

app_name = "places"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("export.xlsx", views.export, name="export"),
    path("import/", views.import_, name="import"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/new/", views.create_child, name="create_child"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/move/", views.move, name="move"),
]
