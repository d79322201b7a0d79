"""``runcare import`` in an 80-column terminal: one zone for every time, paths cut from the
left so that the file names stay readable."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from runcare.cli.format import short_path
from runcare.cli.main import main
from tests.builders import gpx_run


@pytest.fixture
def deep_folder(tmp_path: Path) -> Path:
    deep = tmp_path / "exports" / "a folder with a very long name indeed" / "and another one"
    deep.mkdir(parents=True)
    for day in (1, 2, 3):
        start = datetime(2024, 5, day, 22, 30, tzinfo=UTC)
        (deep / f"evening-run-{day}.gpx").write_bytes(gpx_run(start))
    (deep / "a-broken-file-whose-name-is-longer-than-the-terminal-is-wide.fit").write_bytes(
        b"not a fit file"
    )
    return tmp_path


def test_it_fits_80_columns_and_keeps_the_file_names(
    deep_folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    main(["import", str(deep_folder), "--tz", "Europe/Berlin"])
    out = capsys.readouterr().out
    assert max(len(line) for line in out.splitlines()) <= 80, out
    for day in (1, 2, 3):
        assert f"/evening-run-{day}.gpx" in out
    assert str(deep_folder) not in out
    assert "…" in out
    assert "is-wide.fit" in out


def test_it_shows_every_time_in_the_named_zone(
    deep_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["import", str(deep_folder), "--tz", "Europe/Berlin"])
    out = capsys.readouterr().out
    assert "start times in Europe/Berlin" in out
    # 22:30 UTC on 1 May is 00:30 on 2 May in Berlin (summer time), and the range says so.
    assert "2024-05-02 00:30" in out
    assert "22:30" not in out
    assert "from 2024-05-02 to 2024-05-04" in out


def test_it_refuses_an_unknown_zone(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["import", str(tmp_path), "--tz", "Mars/Olympus"])
    assert exit_info.value.code == 2
    assert "unknown time zone 'Mars/Olympus'" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("run.fit", 20, "run.fit"),
        ("/home/mia/watch/run.fit", 23, "/home/mia/watch/run.fit"),
        ("/home/mia/watch/run.fit", 14, "…/run.fit"),
        ("/home/mia/watch/2024-05-01-morning.fit", 12, "…morning.fit"),
        ("abc", 1, "…"),
    ],
)
def test_it_cuts_paths_from_the_left(text: str, width: int, expected: str) -> None:
    assert short_path(text, width) == expected


@given(st.text(alphabet="ab/.-", min_size=0, max_size=60), st.integers(1, 40))
def test_a_cut_path_fits_and_ends_like_the_path(text: str, width: int) -> None:
    cut = short_path(text, width)
    assert len(cut) <= width
    assert text.endswith(cut.removeprefix("…"))
