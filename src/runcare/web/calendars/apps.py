from django.apps import AppConfig


class CalendarsConfig(AppConfig):
    name = "runcare.web.calendars"
    label = "calendars"
    verbose_name = "Calendars: appointment files, private feeds and reminders"
