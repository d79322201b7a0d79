from django.urls import path

from runcare.web.training import views_activities, views_dashboard, views_upload

app_name = "training"
urlpatterns = [
    path("", views_dashboard.dashboard, name="dashboard"),
    path("upload/", views_upload.upload, name="upload"),
    path("clients/<int:runner_id>/upload/", views_upload.upload_for_client, name="upload_for"),
    path("uploads/<int:upload_id>/", views_upload.upload_status, name="upload_status"),
    path(
        "runners/<int:runner_id>/activities/",
        views_activities.activity_list,
        name="activity_list",
    ),
    path("activities/<int:activity_id>/", views_activities.activity_detail, name="activity"),
    path(
        "activities/<int:activity_id>/delete/",
        views_activities.activity_delete,
        name="activity_delete",
    ),
    path("uploads/<int:upload_id>/delete/", views_activities.upload_delete, name="upload_delete"),
    path("uploads/<int:upload_id>/progress.json", views_upload.upload_progress, name="progress"),
]
