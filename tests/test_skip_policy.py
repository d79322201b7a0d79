import subprocess
import sys
from pathlib import Path


def test_it_turns_a_skip_into_a_failure_when_everything_is_required(tmp_path: Path) -> None:
    conftest = Path(__file__).with_name("conftest.py").read_text()
    (tmp_path / "conftest.py").write_text(conftest)
    (tmp_path / "test_x.py").write_text(
        "import pytest\n\ndef test_gap():\n    pytest.skip('no server')\n"
    )
    env = {"RUNCARE_REQUIRE_ALL": "1", "PATH": "/usr/bin:/bin"}
    strict = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert strict.returncode == 1, strict.stdout
    assert "skipped under RUNCARE_REQUIRE_ALL=1" in strict.stdout
    assert "1 failed" in strict.stdout
    env["RUNCARE_REQUIRE_ALL"] = "0"
    lenient = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        check=False,
    )
    assert lenient.returncode == 0, lenient.stdout
    assert "1 skipped" in lenient.stdout
