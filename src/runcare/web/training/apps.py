from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "runcare.web.training"
    label = "training"
    verbose_name = "Training"
