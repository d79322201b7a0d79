from django.apps import AppConfig


class MediaConfig(AppConfig):
    name = "runcare.web.media"
    label = "media"
    verbose_name = "Pictures"
