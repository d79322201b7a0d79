"""``runcare import``, ``check``, ``plan`` and ``explain`` keep parsed files in the user's cache
folder, answer the same from it, and carry on with a warning when it cannot be used."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from runcare.activities import filecache
from runcare.activities.filecache import CACHE_FILE
from runcare.cli.history import cache_folder
from runcare.cli.main import main

END = "2026-03-01"


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("history") / "watch"
    assert main(["demo-data", str(folder), "--end", END, "--quiet"]) == 0
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_it_keeps_the_cache_in_the_users_cache_folder(private_cache_home: Path) -> None:
    assert cache_folder() == private_cache_home / "runcare"


@pytest.mark.parametrize(
    "command",
    [
        ["import", "--json"],
        ["check", "--json", "--as-of", END, "--tz", "UTC"],
        ["plan", "--json", "--as-of", END, "--tz", "UTC"],
    ],
)
def test_it_answers_the_same_from_the_cache(
    capsys: pytest.CaptureFixture[str], history: Path, command: list[str]
) -> None:
    name, *options = command
    fresh = run(capsys, name, str(history), *options, "--no-cache")
    assert not (cache_folder() / CACHE_FILE).exists()  # --no-cache writes nothing
    filling = run(capsys, name, str(history), *options)
    assert (cache_folder() / CACHE_FILE).stat().st_size > 0
    cached = run(capsys, name, str(history), *options)
    assert fresh == filling == cached
    assert json.loads(cached[1])


def test_it_explains_the_same_from_the_cache(
    capsys: pytest.CaptureFixture[str], history: Path, tmp_path: Path
) -> None:
    assert main(["explain", "--template", "--as-of", END]) == 0
    intake = tmp_path / "intake.json"
    intake.write_text(capsys.readouterr().out)
    args = ["explain", str(intake), str(history), "--as-of", END, "--tz", "UTC", "--json"]
    fresh = run(capsys, *args, "--no-cache")
    assert fresh == run(capsys, *args) == run(capsys, *args)
    assert (cache_folder() / CACHE_FILE).exists()


def test_it_does_not_parse_a_file_twice(
    capsys: pytest.CaptureFixture[str], history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "import", str(history), "--json")
    reads: list[str] = []
    from runcare.activities import decode

    real = decode.get_reader

    def counting(kind: str) -> object:
        reads.append(kind)
        return real(kind)

    monkeypatch.setattr(decode, "get_reader", counting)
    run(capsys, "import", str(history), "--json")
    assert reads == []
    run(capsys, "import", str(history), "--json", "--no-cache")
    files = [path for path in history.rglob("*") if path.suffix in {".fit", ".gpx", ".tcx"}]
    assert len(reads) == len(files) > 50


def test_it_warns_once_and_answers_when_the_cache_is_unusable(
    capsys: pytest.CaptureFixture[str], history: Path
) -> None:
    fresh = run(capsys, "import", str(history), "--json", "--no-cache")
    cache_folder().parent.mkdir(parents=True, exist_ok=True)
    cache_folder().write_text("not a folder")
    code, out, err = run(capsys, "import", str(history), "--json")
    assert (code, out) == fresh[:2]
    assert err.count("warning") == 1 and "cache" in err


def test_it_warns_once_and_answers_when_the_cache_file_is_damaged(
    capsys: pytest.CaptureFixture[str], history: Path
) -> None:
    fresh = run(capsys, "check", str(history), "--json", "--as-of", END, "--no-cache")
    cache_folder().mkdir(parents=True)
    (cache_folder() / CACHE_FILE).write_bytes(os.urandom(4096))
    code, out, err = run(capsys, "check", str(history), "--json", "--as-of", END)
    assert (code, out) == fresh[:2]
    assert err.count("warning") == 1


def test_it_answers_when_the_cache_folder_vanishes_between_runs(
    capsys: pytest.CaptureFixture[str], history: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(filecache, "COMMIT_EVERY", 7)
    fresh = run(capsys, "import", str(history), "--json")
    shutil.rmtree(cache_folder())
    assert run(capsys, "import", str(history), "--json") == fresh
