from django.urls import path

from shiliu.organizations import views, views_groups, views_place, views_transfer

app_name = "organizations"
urlpatterns = [
    path("", views.org_list, name="list"),
    path("new/", views.org_create, name="create"),
    path("export.xlsx", views_transfer.export, name="export"),
    path("members.xlsx", views_transfer.members_export, name="members_export"),
    path("import/", views_transfer.import_orgs, name="import"),
    path("import/template.xlsx", views_transfer.import_template, name="import_template"),
    path("members/import/", views_transfer.import_members_page, name="members_import"),
    path("members/import/template.xlsx", views_transfer.members_import_template, name="members_import_template"),
    path("<int:pk>/", views.org_detail, name="detail"),
    path("<int:pk>/edit/", views.org_edit, name="edit"),
    path("<int:pk>/dissolve/", views.org_dissolve, name="dissolve"),
    path("<int:pk>/members/new/", views.member_add, name="member_add"),
    path("<int:pk>/members/<int:member_pk>/edit/", views.member_edit, name="member_edit"),
    path("<int:pk>/members/<int:member_pk>/end/", views.member_end, name="member_end"),
    path("groups/", views_groups.group_list, name="groups"),
    path("groups/new/", views_groups.group_new, name="group_create"),
    path("groups/export.xlsx", views_transfer.groups_export, name="groups_export"),
    path("groups/<int:pk>/", views_groups.group_detail, name="group_detail"),
    path("groups/<int:pk>/edit/", views_groups.group_edit, name="group_edit"),
    path("groups/<int:pk>/members/new/", views_groups.group_member_new, name="group_member_add"),
    path("groups/<int:pk>/members/<int:member_pk>/end/", views_groups.group_member_finish, name="group_member_end"),
    path("place/<int:pk>/", views_place.place, name="place"),
]
