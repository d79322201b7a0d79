from django.apps import AppConfig


class PlanConfig(AppConfig):
    name = "runcare.web.plan"
    label = "runplan"
    verbose_name = "Run plan: settings, pain after runs, progress"
