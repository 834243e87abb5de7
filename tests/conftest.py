"""Shared fixtures: the encoder is loaded once per test session."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GRADER_SHARED", ROOT.parent / "shared"))
DEVSET = SHARED / "devset"
MODEL_ESSAY = ROOT / "examples" / "ussr-1920s-model-essay.txt"


@pytest.fixture(scope="session")
def ussr_marker():
    from grader.core.pipeline import Marker

    return Marker("ussr-1920s")


@pytest.fixture(scope="session")
def league_marker():
    from grader.core.pipeline import Marker

    return Marker("league-1920s")


@pytest.fixture(scope="session")
def devset() -> Path:
    if not (DEVSET / "labels-q1.jsonl").is_file():
        pytest.skip(f"development set not found at {DEVSET}")
    return DEVSET


@pytest.fixture(autouse=True)
def _no_user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """No test reads or writes the real user data folder (saved rubrics, calibrated models)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("user-data")))
    monkeypatch.delenv("GRADER_DATA_DIR", raising=False)
