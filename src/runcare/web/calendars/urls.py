from django.urls import path

from runcare.web.calendars import views

app_name = "calendars"
urlpatterns = [
    path("", views.calendar_page, name="page"),
    path("new-link/", views.new_link, name="new_link"),
    path("stop-link/", views.stop_link, name="stop_link"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
    path("appointments/<int:appointment_id>.ics", views.appointment_file, name="appointment"),
]
