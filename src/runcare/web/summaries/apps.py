from django.apps import AppConfig


class SummariesConfig(AppConfig):
    name = "runcare.web.summaries"
    label = "summaries"
    verbose_name = "Stored runner summaries (the client list's cache)"
