"""A class batch killed half-way and re-run finishes with nothing lost or duplicated.

1. ``grader mark DIR --out OUT`` marks six scripts (a completed earlier run).
2. Six more scripts arrive; the batch is re-run and killed with SIGKILL (no clean-up
   runs) right after it has written its third student report file.
3. ``grader mark DIR --out OUT`` is run again.

After the kill every file in OUT is complete (writes are atomic: no half-written
spreadsheet, no temporary files) and the first run's marks are intact. Each result was
saved as it was made (``.grader/journal.jsonl``), so the re-run marks nothing again: all
twelve are reused, and every output lists each script once.
"""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow

# Runs grader's own CLI with one change: after the third report file is written, the
# process kills itself the way an out-of-memory killer or a closed laptop would.
KILLED_RUN = textwrap.dedent(
    """
    import os, signal, sys
    import grader.apps.batch as batch

    write = batch.write_text_atomic
    reports = []

    def write_then_die(path, text):
        done = write(path, text)
        if done.parent.name == "reports":
            reports.append(done)
            if len(reports) == 3:
                os.kill(os.getpid(), signal.SIGKILL)
        return done

    batch.write_text_atomic = write_then_die
    from grader.apps.cli import app
    app(args=sys.argv[1:], prog_name="grader")
    """
)

SIDES = [
    "the Treaty of Rapallo in 1922 ended the isolation of the USSR because Germany "
    "recognised it and traded with it",
    "the Genoa conference failed because France demanded that the Tsarist debts be repaid",
    "the Zinoviev letter of 1924 damaged relations with Britain and helped the Conservatives",
    "the Anglo-Soviet trade agreement of 1921 gave the USSR its first recognition",
]


def script(n: int) -> str:
    first, second = SIDES[n % 4], SIDES[(n + 1) % 4]
    return (
        f"Student {n} writes that {first}. However, {second}. "
        f"Overall, student {n} judges that the USSR was only partly successful."
    )


def run(args: list[str], *, cwd: Path, program: list[str] | None = None):
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, *(program or ["-m", "grader"]), *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, cwd=cwd, timeout=900)


def csv_rows(out: Path) -> list[dict[str, str]]:
    with (out / "marks.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def check_complete(out: Path) -> None:
    """Every file present can be read whole; no temporary file is left behind."""
    leftovers = [p.name for p in out.rglob("*.tmp")]
    assert leftovers == []
    for report in (out / "reports").glob("*.html"):
        assert report.read_text(encoding="utf-8").rstrip().endswith("</html>")
    json.loads((out / ".grader" / "manifest.json").read_text(encoding="utf-8"))
    import pandas as pd

    assert len(pd.read_excel(out / "marks.xlsx")) == len(csv_rows(out))


def test_a_killed_batch_resumes_with_nothing_lost_or_duplicated(tmp_path: Path):
    scripts, out = tmp_path / "scripts", tmp_path / "marked"
    scripts.mkdir()
    for n in range(1, 7):
        (scripts / f"s{n:02d}.txt").write_text(script(n), encoding="utf-8")

    first = run(["mark", str(scripts), "--rubric", "ussr-1920s", "--out", str(out)], cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    before = {row["script"]: row["mark"] for row in csv_rows(out)}
    assert sorted(before) == [f"s{n:02d}.txt" for n in range(1, 7)]

    for n in range(7, 13):
        (scripts / f"s{n:02d}.txt").write_text(script(n), encoding="utf-8")
    killed = run(
        ["mark", str(scripts), "--rubric", "ussr-1920s", "--out", str(out)],
        cwd=tmp_path,
        program=["-c", KILLED_RUN],
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    check_complete(out)
    # the killed run rewrote reports, but the first run's outputs are all still there
    reports = {p.name for p in (out / "reports").glob("*.html")}
    assert reports >= {f"s{n:02d}.txt.html" for n in range(1, 7)}
    assert {row["script"]: row["mark"] for row in csv_rows(out)} == before

    again = run(["mark", str(scripts), "--rubric", "ussr-1920s", "--out", str(out)], cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    # the killed run had marked all twelve before it died: each was kept as it was made
    assert "Marked 12 of 12 scripts (12 unchanged since the last run, not re-marked)" in (
        again.stdout + again.stderr
    )
    assert not (out / ".grader" / "journal.jsonl").exists()  # folded into the manifest
    check_complete(out)
    rows = csv_rows(out)
    expected = [f"s{n:02d}.txt" for n in range(1, 13)]
    assert sorted(row["script"] for row in rows) == expected  # each exactly once
    assert all(row["status"] == "marked" and row["mark"] != "" for row in rows)
    assert {row["script"]: row["mark"] for row in rows if row["script"] in before} == before
    manifest = json.loads((out / ".grader" / "manifest.json").read_text(encoding="utf-8"))
    assert sorted(manifest["scripts"]) == expected
    assert len(list((out / "reports").glob("*.html"))) == 12
