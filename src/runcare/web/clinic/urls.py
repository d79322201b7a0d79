from django.urls import path

from runcare.web.clinic import views_clients, views_intake

app_name = "clinic"
urlpatterns = [
    path("clients/", views_clients.client_list, name="client_list"),
    path("clients/<int:runner_id>/", views_clients.client_detail, name="client_detail"),
    path("intake/", views_intake.intake, name="intake"),
    path("clients/<int:runner_id>/intake/", views_intake.intake_for_client, name="intake_for"),
    path("intake/<int:intake_id>/", views_intake.intake_result, name="intake_result"),
]
