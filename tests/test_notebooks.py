"""The teacher notebook runs top to bottom on a few scripts (so it cannot silently rot)."""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from tests.conftest import ROOT


@pytest.mark.slow
def test_teacher_notebook_runs(devset: Path, tmp_path: Path, monkeypatch):
    scripts = tmp_path / "scripts"
    scripts.mkdir()
    for essay in sorted((devset / "essays").glob("dev-q1-*.txt"))[:12]:
        shutil.copy(essay, scripts / essay.name)
    (scripts / "blank.txt").write_text("", encoding="utf-8")
    monkeypatch.setenv("GRADER_SCRIPTS", str(scripts))
    monkeypatch.setenv("GRADER_OUT", str(tmp_path / "marked"))
    monkeypatch.setenv("GRADER_MODELS", str(tmp_path / "models"))
    notebook = nbformat.read(ROOT / "notebooks" / "teacher.ipynb", as_version=4)
    NotebookClient(notebook, timeout=600, resources={"metadata": {"path": str(tmp_path)}}).execute()
    printed = "".join(
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
    )
    assert "12 marked, 1 not marked" in printed
    assert "blank.txt - [D002]" in printed
    assert "learned from 12 answers" in printed
    assert "marks changed:" in printed
    assert (tmp_path / "models" / "ussr-1920s.joblib").is_file()
