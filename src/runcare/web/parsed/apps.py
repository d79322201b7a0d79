from django.apps import AppConfig


class ParsedConfig(AppConfig):
    name = "runcare.web.parsed"
    label = "parsed"
    verbose_name = "Parsed uploaded files, kept by their content"
