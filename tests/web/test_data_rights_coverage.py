"""Every kind of row that can point to a person is either exported or set aside with a
reason, so a new model cannot be forgotten by the export (and so by the erasure docs)."""

from __future__ import annotations

from django.apps import apps

from runcare.web.accounts.models import User
from runcare.web.rights.export import EXPORTED, NOT_EXPORTED, records_by_kind


def models_pointing_to_people() -> set[str]:
    return {
        model._meta.label
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.concrete and field.is_relation and field.related_model is User
    }


def test_it_exports_or_explains_every_model_that_points_to_a_person() -> None:
    exported = {model._meta.label for model in EXPORTED}
    forgotten = models_pointing_to_people() - exported - set(NOT_EXPORTED) - {"auth.User"}
    assert forgotten == set(), (
        "add these to runcare.web.rights.export (EXPORTED and records_by_kind, and the list "
        "in docs/data-rights.md) or to NOT_EXPORTED with the reason"
    )


def test_it_has_a_file_for_every_exported_kind(db: None) -> None:
    runner = User.objects.create_user(username="nobody_yet", role="runner")
    assert set(EXPORTED.values()) == set(records_by_kind(runner))


def test_it_sets_aside_only_models_that_exist() -> None:
    assert {label for label in NOT_EXPORTED if apps.get_model(label)} == set(NOT_EXPORTED)
