from django.apps import AppConfig


class RightsConfig(AppConfig):
    name = "runcare.web.rights"
    label = "rights"
    verbose_name = "A person's data: export and erasure"
