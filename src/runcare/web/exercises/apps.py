from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _seed(sender: AppConfig, **kwargs: Any) -> None:
    # The shipped library lives in a data file; every migrate brings the database up to it.
    # Imported here: models cannot be imported before the app registry is ready.
    from runcare.web.exercises.services import seed_library  # noqa: PLC0415

    seed_library(using=kwargs.get("using", "default"))


class ExercisesConfig(AppConfig):
    name = "runcare.web.exercises"
    label = "exercises"
    verbose_name = "Home stretches: library, programs, completions"

    def ready(self) -> None:
        post_migrate.connect(_seed, sender=self)
