"""``mypy grader`` is clean: the type check runs with the tests, so CI runs it too.

The configuration (strictness, libraries without type information) is ``[tool.mypy]`` in
pyproject.toml; this runs exactly what a developer runs at the repository root.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def test_mypy_reports_no_errors_in_the_package() -> None:
    pytest.importorskip("mypy", reason="mypy comes with the test extras")
    run = subprocess.run(
        [sys.executable, "-m", "mypy", "grader"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert run.stdout.startswith("Success: no issues found")
