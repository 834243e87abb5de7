"""Cold single-essay marking: ``grader mark essay --rubric R`` in a fresh process, 5 times.

"Cold" means a new Python process each run (interpreter start, imports, model load,
marking, printing the report); the operating system's file cache stays warm, as it
would for a teacher marking a second essay. For each source tree it reports the median
wall time of ``--runs`` runs of three commands:

- ``mark``: marking the bundled model essay (the figure of issue #17);
- ``help``: ``grader --help`` (start-up and the command line's own imports);
- ``unknown rubric``: ``grader mark essay --rubric no-such-rubric`` (how long a typo
  takes to be reported);

and, from one extra ``mark`` run under ``python -X importtime``, the total import time
and the slowest packages, so the time besides the model load can be seen.

``--baseline DIR`` times another source tree (e.g. a checkout of an older commit) in
the same session, alternating run by run with this one, so both are measured under
the same load on a shared machine. Results are kept by label in
``benchmarks/results/cold.json`` and tabulated in ``cold.md``.

    git worktree add /tmp/before <commit>
    python benchmarks/bench_cold.py --baseline /tmp/before --baseline-label before --label after
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
ESSAY = Path("examples") / "ussr-1920s-model-essay.txt"


def _env(tree: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(tree)
    return env


def timed(tree: Path, args: list[str], expect: int = 0) -> float:
    """Wall seconds of one fresh ``python -m grader <args>`` run from ``tree``."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "grader", *args],
        capture_output=True,
        text=True,
        env=_env(tree),
        cwd=tree,
    )
    elapsed = time.perf_counter() - start
    if done.returncode != expect:
        raise SystemExit(
            f"grader {' '.join(args)} in {tree} exited {done.returncode}:\n{done.stderr}"
        )
    return elapsed


def import_profile(tree: Path, args: list[str], top: int = 10) -> dict[str, Any]:
    """Total import time and the slowest packages, from one run under ``-X importtime``.

    A package's figure is the cumulative time of its root module (its own imports
    included, so packages that import each other overlap).
    """
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "grader", *args],
        capture_output=True,
        text=True,
        env=_env(tree),
        cwd=tree,
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
        "sklearn_imported": "sklearn" in roots,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--label", default="current", help="Name of this tree's figures.")
    parser.add_argument("--baseline", type=Path, help="Another source tree, timed alternately.")
    parser.add_argument("--baseline-label", default="baseline")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--rubric", default="ussr-1920s")
    args = parser.parse_args(argv)
    trees = {args.label: ROOT}
    if args.baseline is not None:
        trees = {args.baseline_label: args.baseline.resolve(), **trees}
    cases = {
        "mark": (["mark", str(ESSAY), "--rubric", args.rubric], 0),
        "help": (["--help"], 0),
        "unknown rubric": (["mark", str(ESSAY), "--rubric", "no-such-rubric"], 1),
    }
    load_before = os.getloadavg()
    times: dict[str, dict[str, list[float]]] = {label: {c: [] for c in cases} for label in trees}
    for _ in range(args.runs):
        for label, tree in trees.items():  # alternate, so both see the same load
            for case, (command, expect) in cases.items():
                times[label][case].append(timed(tree, command, expect))
    load_after = os.getloadavg()
    path = RESULTS / "cold.json"
    kept = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    for label, tree in trees.items():
        runs = times[label]
        kept[label] = {
            "label": label,
            "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "alternated_with": [other for other in trees if other != label],
            "command": f"grader mark {ESSAY.name} --rubric {args.rubric}",
            "runs": args.runs,
            **{
                f"{case}_median_s": round(statistics.median(t), 2)
                for case, t in times[label].items()
            },
            **{f"{case}_runs_s": [round(x, 2) for x in t] for case, t in runs.items()},
            **import_profile(tree, cases["mark"][0]),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in load_after],
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
        }
        print(json.dumps(kept[label], indent=2))
    RESULTS.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(kept, indent=2) + "\n", encoding="utf-8")
    (RESULTS / "cold.md").write_text(markdown(kept), encoding="utf-8")
    return 0


def markdown(records: dict[str, dict[str, Any]]) -> str:
    lines = [
        "# Cold single-essay marking",
        "",
        "`python benchmarks/bench_cold.py`: a fresh process per run (file cache warm), median "
        "of the runs; trees measured in one session alternate run by run.",
        "",
        "| label | measured | alternated with | mark median (s) | mark runs (s) | --help (s) "
        "| unknown rubric (s) | imports (s) | sklearn imported | load avg (1 min) before, after |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in records.values():
        lines.append(
            f"| {r['label']} | {r['measured_at']} | {', '.join(r['alternated_with']) or '-'} | "
            f"{r['mark_median_s']} | {', '.join(map(str, r['mark_runs_s']))} | "
            f"{r['help_median_s']} | {r['unknown rubric_median_s']} | {r['total_import_s']} | "
            f"{'yes' if r['sklearn_imported'] else 'no'} | "
            f"{r['load_average_before'][0]}, {r['load_average_after'][0]} |"
        )
    lines += ["", "Slowest imports of one `mark` run (cumulative s, overlapping):", ""]
    for r in records.values():
        lines.append(f"- {r['label']}: " + ", ".join(f"{n} {s}" for n, s in r["slowest"]))
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
