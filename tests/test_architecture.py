"""The house rules that keep the core framework-free."""

from __future__ import annotations

import subprocess
import sys

import pytest

CORE = [
    "runcare.activities",
    "runcare.body.drawings",
    "runcare.calendar",
    "runcare.booking",
    "runcare.body.muscles",
    "runcare.body.painmap",
    "runcare.care.explain",
    "runcare.care.explain_json",
    "runcare.care.intake_json",
    "runcare.care.plans",
    "runcare.care.protocols",
    "runcare.care.redflags",
    "runcare.care.techniques",
    "runcare.credits",
    "runcare.credits.commons",
    "runcare.demo.generate",
    "runcare.exercises",
    "runcare.load",
    "runcare.plan",
    "runcare.posts",
    "runcare.report.html",
    "runcare.report.numbers",
    "runcare.report.terminal",
]


@pytest.mark.parametrize("module", CORE)
def test_it_keeps_django_out_of_the_core(module: str) -> None:
    code = (
        f"import sys, importlib; importlib.import_module({module!r}); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'django'))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
