from django.urls import path

from runcare.web.body import views

app_name = "body"
urlpatterns = [
    path("", views.index, name="index"),
    path("hip-flexors/", views.hip_flexors, name="hip_flexors"),
    path("muscles/<slug:key>/", views.muscle, name="muscle"),
    path("figures/<slug:key>/", views.figure, name="figure"),
    path("figures/<slug:key>.svg", views.figure_file, name="figure_file"),
    path("exercises/<slug:key>/", views.exercise, name="exercise"),
]
