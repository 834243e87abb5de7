"""Time batch marking of the 30 development essays, cold and warm.

Cold: each question's folder is marked by a fresh ``python -m grader mark DIR --out``
process (interpreter start, imports, model load, marking, writing every output),
exactly as a teacher runs it. Warm: the same 30 essays marked again in one process
with the model already loaded (``mark_batch``, outputs written), which is the
throughput of a large class.

Usage::

    python benchmarks/batch_devset.py [--devset PATH] [--out benchmarks/results/batch_devset.json]

The development set is looked for at ``$GRADER_SHARED/devset`` (default
``../shared/devset`` beside the repository); it is not part of grader.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
QUESTIONS = {"dev-q1-*.txt": "ussr-1920s", "dev-q2-*.txt": "league-1920s"}


def _folders(devset: Path, work: Path) -> dict[str, Path]:
    folders = {}
    for pattern, rubric in QUESTIONS.items():
        folder = work / rubric
        folder.mkdir()
        for essay in sorted((devset / "essays").glob(pattern)):
            shutil.copy(essay, folder / essay.name)
        folders[rubric] = folder
    return folders


def cold(folders: dict[str, Path], work: Path) -> dict[str, float]:
    times = {}
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for rubric, folder in folders.items():
        command = [sys.executable, "-m", "grader", "mark", str(folder), "--rubric", rubric]
        command += ["--out", str(work / f"out-{rubric}"), "--force", "--level-model", "none"]
        start = time.perf_counter()
        subprocess.run(command, check=True, env=env, capture_output=True, cwd=work)
        times[rubric] = time.perf_counter() - start
    return times


def warm(folders: dict[str, Path], work: Path) -> tuple[float, float]:
    sys.path.insert(0, str(ROOT))
    from grader.apps.batch import mark_batch
    from grader.core.pipeline import Marker

    start = time.perf_counter()
    markers = {rubric: Marker(rubric) for rubric in folders}
    load = time.perf_counter() - start
    for rubric, folder in folders.items():  # one untimed pass: spaCy and torch warm up
        mark_batch(folder, rubric, marker=markers[rubric])
    start = time.perf_counter()
    for rubric, folder in folders.items():
        mark_batch(folder, rubric, marker=markers[rubric], out=work / f"warm-{rubric}", force=True)
    return load, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    shared = Path(os.environ.get("GRADER_SHARED", ROOT.parent / "shared"))
    parser.add_argument("--devset", type=Path, default=shared / "devset")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/results/batch_devset.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folders = _folders(args.devset, work)
        n = sum(len(list(f.iterdir())) for f in folders.values())
        cold_times = cold(folders, work)
        load, warm_time = warm(folders, work)
    total = sum(cold_times.values())
    figures = {
        "essays": n,
        "cold_seconds_total": round(total, 2),
        "cold_seconds_by_rubric": {k: round(v, 2) for k, v in cold_times.items()},
        "cold_essays_per_second": round(n / total, 2),
        "model_load_seconds_in_process": round(load, 2),
        "warm_seconds": round(warm_time, 2),
        "warm_essays_per_second": round(n / warm_time, 2),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "note": "cold = one 'grader mark DIR --out' process per question (start, model load, "
        "marking, all outputs); warm = same essays re-marked with the model loaded",
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    for key, value in figures.items():
        print(f"{key}: {value}")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    main()
