from django.urls import path

from runcare.web.media import views

app_name = "media"
urlpatterns = [
    path("", views.picture_list, name="picture_list"),
    path("new/", views.picture_new, name="picture_new"),
    path("<int:picture_id>/", views.picture_detail, name="picture_detail"),
    path("<int:picture_id>/edit/", views.picture_edit, name="picture_edit"),
    path("<int:picture_id>/delete/", views.picture_delete, name="picture_delete"),
    path("<int:picture_id>/file/", views.picture_file, name="picture_file"),
]
