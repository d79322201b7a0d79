from django.urls import path

from runcare.web.booking import views

app_name = "booking"
urlpatterns = [
    path("hours/", views.hours, name="hours"),
    path("diary/", views.diary, name="diary"),
    path("mine/", views.mine, name="mine"),
    path("runners/<int:runner_id>/book/", views.book, name="book"),
    path("appointments/<int:appointment_id>/", views.appointment_page, name="appointment"),
    path("appointments/<int:appointment_id>/move/", views.move, name="move"),
    path("appointments/<int:appointment_id>/cancel/", views.cancel, name="cancel"),
]
