from django.apps import AppConfig


class CareConfig(AppConfig):
    name = "runcare.web.care"
    label = "care"
    verbose_name = "Care: templates, session plans and notes"
