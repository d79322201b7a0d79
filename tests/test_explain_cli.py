"""`runcare explain`: an intake file explained in the terminal and as JSON, bad files named."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from runcare.care.explain_json import json_schema
from runcare.care.intake_json import json_schema as intake_schema
from runcare.care.intake_json import template
from runcare.cli.main import main
from tests.test_check_cli import steady, write_history

AS_OF = "2024-05-20"


def intake(tmp_path: Path, **changes: Any) -> str:
    data = template(date(2024, 5, 20))
    for key, value in changes.items():
        if key in data["red_flags"]:
            data["red_flags"][key] = value
        else:
            data[key] = value
    path = tmp_path / "intake.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return str(path)


def explain(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["explain", *args, "--as-of", AS_OF])
    captured = capsys.readouterr()
    return code, " ".join(captured.out.split()), captured.err


def explain_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, Any]:
    code = main(["explain", *args, "--as-of", AS_OF, "--json"])
    assert code == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    jsonschema.validate(data, json_schema())
    return data


def test_it_prints_a_template_that_it_reads_back(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["explain", "--template", "--as-of", AS_OF]) == 0
    printed = json.loads(capsys.readouterr().out)
    jsonschema.validate(printed, intake_schema())
    assert printed["pain_since"] == "2024-04-29"
    path = tmp_path / "t.json"
    path.write_text(json.dumps(printed))
    code, out, _ = explain(capsys, str(path))
    assert code == 0
    assert "Front of the hip and lower back, with running" in out


def test_it_explains_hip_and_back_pain_after_runs_with_sources(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = explain(capsys, intake(tmp_path))
    assert code == 0
    assert out.index("not a diagnosis") < out.index("Front of the hip and lower back")
    assert "Iliopsoas is the name for psoas major and iliacus together" in out
    assert "Left front of hip / groin 5/10" in out
    assert out.index("What usually helps") < out.index("Exercise comes first")
    assert out.index("Exercise comes first") < out.index("Massage and stretching")
    assert "When to see a doctor" in out
    assert "No runs were given" in out
    # Every reference number used has its source listed at the end.
    sources = out.split("Sources", 1)[1]
    assert "[1] " in sources
    assert "https://www.nice.org.uk/guidance/ng59" in sources
    assert "teachmeanatomy.info" in sources


def test_it_adds_the_training_part_from_activity_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    runs = tmp_path / "runs"
    runs.mkdir()
    write_history(runs, {**steady(), 49: 15.0})
    data = explain_json(capsys, intake(tmp_path), str(runs))
    assert data["training"]["level"] == "too_much_too_soon"
    assert data["training"]["codes"] == ["single_run_spike"]
    reason = data["training"]["statements"][1]["text"]
    assert reason.startswith("Your 15 km run on Monday 20 May was 50 % longer")
    helps = [s["text"] for s in data["helps"]]
    assert any("within 10 %" in text for text in helps)


def test_it_prints_the_documented_json_shape(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = explain_json(capsys, intake(tmp_path))
    assert data["kind"] == "explanation"
    assert data["as_of"] == AS_OF
    assert data["doctor_first"] is None
    assert data["findings"][0]["rule"] == "hip_front_and_low_back_with_running"
    assert data["findings"][0]["muscles"][0] == {
        "key": "psoas_major",
        "name": "psoas major",
        "plain_name": "the deep hip flexor that starts on the lower spine",
    }
    cited = {
        s
        for part in ("intro", "helps", "see_a_doctor_if")
        for x in data[part]
        for s in x["sources"]
    }
    assert cited <= set(data["sources"])


@pytest.mark.parametrize(("flag", "when"), [("both_legs", "today"), ("trauma", "before_advice")])
def test_it_says_nothing_but_see_a_doctor_after_a_red_flag(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], flag: str, when: str
) -> None:
    runs = tmp_path / "runs"
    runs.mkdir()
    write_history(runs, {**steady(), 49: 15.0})
    path = intake(tmp_path, **{flag: True})
    data = explain_json(capsys, path, str(runs))
    assert data["kind"] == "see_doctor"
    assert data["doctor_first"]["when"] == when
    assert data["doctor_first"]["flagged"][0]["key"] == flag
    assert data["findings"] == data["helps"] == data["intro"] == data["see_a_doctor_if"] == []
    assert data["training"] is None
    code, out, _ = explain(capsys, path, str(runs))
    assert code == 0
    assert ("See a doctor today" if when == "today" else "See a doctor first") in out
    for advice in ("hip flexor", "usually helps", "training", "Frandsen", "Exercise"):
        assert advice not in out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"pain_0_10": {"hip_front_left": 11}, "timing": [], "red_flags": {}}',
         "intake.json: pain_0_10.hip_front_left: Pain for left front of hip / groin must be"),
        ('{"pain_0_10": {}, "timing": ["after_run"], "red_flags": {}}',
         "intake.json: timing: Unknown pain timing: after_run."),
        ('{"pain_0_10": {}, "timing": []}', "intake.json: red_flags: missing"),
        ('{"pain_0_10": {}, "timing": [], "red_flags": {"trauma": "no"}}',
         "intake.json: red_flags.trauma: answer true or false"),
        ('{"pain_0_10": {},', "intake.json is not valid JSON (line 1, column"),
        ("[]", "intake.json: (top level): the intake must be a JSON object"),
        ("", "intake.json is not valid JSON"),
    ],
)  # fmt: skip
def test_it_names_the_field_of_a_bad_intake_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str, words: str
) -> None:
    (tmp_path / "intake.json").write_text(content, encoding="utf-8")
    code, out, err = explain(capsys, str(tmp_path / "intake.json"))
    assert code == 2
    assert out == ""
    assert words in " ".join(err.split())
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("args", "words"),
    [
        ([], "give an intake file"),
        (["missing.json"], "cannot read missing.json: No such file or directory"),
        (["--tz", "Mars/Base", "x.json"], "unknown time zone 'Mars/Base'"),
    ],
)
def test_it_explains_bad_arguments_and_exits_2(
    capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    code, _, err = explain(capsys, *args)
    assert code == 2
    assert words in " ".join(err.split())


def test_it_refuses_pain_that_started_after_the_as_of_day(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = explain(capsys, intake(tmp_path, pain_since="2024-06-01"))
    assert code == 2
    assert "pain_since: 2024-06-01 is after the as-of date 2024-05-20" in err


def test_it_refuses_a_file_that_is_not_utf8(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "i.json").write_bytes(b'{"question": "\xff"}')
    code, _, err = explain(capsys, str(tmp_path / "i.json"))
    assert code == 2
    assert "is not UTF-8 text" in err


def test_it_reads_the_intake_from_stdin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    text = Path(intake(tmp_path)).read_text()
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    data = explain_json(capsys, "-")
    assert data["kind"] == "explanation"
    monkeypatch.setattr(sys, "stdin", io.StringIO("{}"))
    code, _, err = explain(capsys, "-")
    assert code == 2
    assert "stdin: pain_0_10: missing" in err


def test_it_runs_as_an_installed_command_without_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "i.json").write_text(
        '{"pain_0_10": {"knee_left": true}, "timing": [], "red_flags": {}}'
    )
    done = subprocess.run(
        [str(Path(sys.executable).with_name("runcare")), "explain", str(tmp_path / "i.json")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "pain_0_10.knee_left: must be a whole number from 0 to 10" in done.stderr
    assert "Traceback" not in done.stderr
