"""`runcare refresh-summaries`: the cron line that keeps the stored summaries current."""

from __future__ import annotations

import pytest

from runcare.cli.main import main
from runcare.web.summaries.models import RunnerSummary
from tests.web.conftest import Personas
from tests.web.helpers import add_runs, spiky_runs, today

pytestmark = pytest.mark.django_db


def test_it_recomputes_only_what_is_stale(
    personas: Personas, capsys: pytest.CaptureFixture[str]
) -> None:
    add_runs(personas.runner, spiky_runs(today()))
    assert main(["refresh-summaries"]) == 0
    assert "2 runner summaries brought up to date" in capsys.readouterr().out
    assert RunnerSummary.objects.get(runner=personas.runner).level == "too_much_too_soon"
    assert main(["refresh-summaries"]) == 0
    assert "0 runner summaries brought up to date" in capsys.readouterr().out
    assert main(["refresh-summaries", "--all", "--quiet"]) == 0
    assert capsys.readouterr().out == ""
    assert RunnerSummary.objects.count() == 2  # the runners, never the therapists
