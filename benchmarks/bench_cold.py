"""Cold single-essay marking: ``grader mark essay --rubric R`` in a fresh process, 5 times.

"Cold" means a new Python process each run (interpreter start, imports, model load,
marking, printing the report); the operating system's file cache stays warm, as it
would for a teacher marking a second essay. Reports the median wall time of ``--runs``
runs, the wall time of ``grader --help`` (imports only), and, from one extra run under
``python -X importtime``, the total import time and the slowest top-level imports, so
the time besides the model load can be seen.

Results are kept by ``--label`` (e.g. ``before`` and ``after`` a change) in
``benchmarks/results/cold.json`` and tabulated in ``cold.md``. Run it alone
(``flock cpu.lock``): timings on a shared machine are only comparable under the same load.

    python benchmarks/bench_cold.py --label after
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results"
ESSAY = ROOT / "examples" / "ussr-1920s-model-essay.txt"


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def timed(args: list[str]) -> float:
    """Wall seconds of one fresh ``python -m grader <args>``; fails loudly if it fails."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "grader", *args], capture_output=True, text=True, env=_env()
    )
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"grader {' '.join(args)} failed:\n{done.stderr}")
    return elapsed


def import_profile(args: list[str], top: int = 12) -> dict[str, Any]:
    """Total import time and the slowest packages, from one run under ``-X importtime``.

    A package's figure is the cumulative time of its root module (its own imports
    included, so packages that import each other overlap).
    """
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "grader", *args],
        capture_output=True,
        text=True,
        env=_env(),
    )
    total = 0.0
    roots: dict[str, float] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        _, cumulative, field = line.split("|", 2)
        name = field[1:]
        seconds = int(cumulative) / 1e6
        if not name.startswith(" "):
            total += seconds
        name = name.strip()
        if "." not in name:
            roots[name] = max(roots.get(name, 0.0), seconds)
    slowest = sorted(roots.items(), key=lambda kv: -kv[1])[:top]
    return {
        "total_import_s": round(total, 3),
        "slowest": [[name, round(seconds, 3)] for name, seconds in slowest],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--label", default="current", help="Name of this measurement.")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--essay", type=Path, default=ESSAY)
    parser.add_argument("--rubric", default="ussr-1920s")
    args = parser.parse_args(argv)
    mark = ["mark", str(args.essay), "--rubric", args.rubric]
    load_before = os.getloadavg()
    marks = [timed(mark) for _ in range(args.runs)]
    helps = [timed(["--help"]) for _ in range(args.runs)]
    profile = import_profile(mark)
    record = {
        "label": args.label,
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": "grader " + " ".join(["mark", args.essay.name, "--rubric", args.rubric]),
        "runs": args.runs,
        "mark_median_s": round(statistics.median(marks), 2),
        "mark_runs_s": [round(t, 2) for t in marks],
        "help_median_s": round(statistics.median(helps), 2),
        **profile,
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "cpus": os.cpu_count(),
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "cold.json"
    kept = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    kept[args.label] = record
    path.write_text(json.dumps(kept, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "cold.md").write_text(markdown(kept), encoding="utf-8")
    print(json.dumps(record, indent=2))
    return 0


def markdown(records: dict[str, dict[str, Any]]) -> str:
    lines = [
        "# Cold single-essay marking",
        "",
        "`python benchmarks/bench_cold.py --label <label>`: a fresh process per run "
        "(file cache warm); median of the runs.",
        "",
        "| label | measured | mark median (s) | runs (s) | --help median (s) | imports (s) "
        "| slowest imports (s) | load avg before |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in records.values():
        slowest = ", ".join(f"{n} {s}" for n, s in r["slowest"][:6])
        lines.append(
            f"| {r['label']} | {r['measured_at']} | {r['mark_median_s']} | "
            f"{', '.join(map(str, r['mark_runs_s']))} | {r['help_median_s']} | "
            f"{r['total_import_s']} | {slowest} | {r['load_average_before'][0]} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
