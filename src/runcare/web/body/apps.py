from django.apps import AppConfig


class BodyConfig(AppConfig):
    name = "runcare.web.body"
    label = "body"
    verbose_name = "Body knowledge"
