"""docs/sessions.md stays true to the technique registry and the default template."""

from __future__ import annotations

from pathlib import Path

import pytest

from runcare.care.protocols import AREAS, MUSCLES
from runcare.care.techniques import TECHNIQUES

DOC = (Path(__file__).resolve().parents[1] / "docs" / "sessions.md").read_text()


@pytest.mark.parametrize("key", sorted(TECHNIQUES))
def test_it_documents_every_technique_with_its_dose_fields(key: str) -> None:
    technique = TECHNIQUES[key]
    row = next(line for line in DOC.splitlines() if line.startswith(f"| `{key}` |"))
    assert f"| {technique.name} |" in row
    assert f"| {', '.join(technique.dose_fields)} |" in row


@pytest.mark.parametrize("key", sorted({*AREAS, *MUSCLES}))
def test_it_documents_every_target_key(key: str) -> None:
    assert f"`{key}`" in DOC
