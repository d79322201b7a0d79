from django.urls import path

from runcare.web.plan import views

app_name = "runplan"
urlpatterns = [
    path("settings/", views.run_settings, name="settings"),
    path("pain/", views.pain, name="pain"),
    path("runners/<int:runner_id>/", views.plan_page, name="plan"),
]
