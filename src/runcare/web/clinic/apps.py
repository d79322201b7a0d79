from django.apps import AppConfig


class ClinicConfig(AppConfig):
    name = "runcare.web.clinic"
    label = "clinic"
    verbose_name = "Clinic"
