"""Speed benchmark: the marking pipeline against the encoder floor, in one run.

Measures, on N essays (the development essays repeated, and ASAP-SAS short answers):

- the *floor*: one ``Encoder.encode`` over exactly the sentences the pipeline embeds;
- the full pipeline (read files -> segment -> embed -> match -> argue -> level -> JSON
  report) end to end, and each stage on its own;
- essays/s, and the pipeline/floor ratio (floor and pipeline alternate, ``--repeats``
  times, and the medians are reported: the machine is shared, so only figures taken
  under the same conditions are compared);
- fast mode (``--model fast``) the same way, and how time grows with N;
- cold start: ``grader mark`` in a fresh subprocess (interpreter start, model load,
  marking, and for a class every output file), for one essay and a 30-essay class;
- fast mode across two worker processes (``--workers 2``), start-up included;
- peak RSS of the benchmark process and of the cold-start subprocesses.

Writes ``benchmarks/results/speed.json`` and ``speed.md``.

    python benchmarks/bench_speed.py --devset ../shared/devset --asap ../shared/datasets/asap-sas
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.core.parallel import CHUNK_SIZE, chunks, mark_essays  # noqa: E402
from grader.core.pipeline import Marker  # noqa: E402
from grader.core.segment import segment_many  # noqa: E402
from grader.io.documents import read_script  # noqa: E402
from grader.render.report import result_to_json  # noqa: E402
from grader.scheme.rubric import load_rubric  # noqa: E402
from grader.settings import Settings  # noqa: E402
from grader.types import MarkResult  # noqa: E402

STAGES = ("read", "segment", "embed", "match", "argue", "level", "report")
Essays = list[tuple[str, str]]


# ----------------------------------------------------------------------------- corpora


def devset_corpus(devset: Path, n: int) -> Essays:
    """The development essays (both questions) repeated to ``n`` essays."""
    files = sorted((devset / "essays").glob("dev-q1-*.txt"))
    if not files:
        raise SystemExit(f"No development essays under {devset / 'essays'}; pass --devset.")
    texts = [p.read_text(encoding="utf-8") for p in files]
    return [(f"dev-{i:05d}", texts[i % len(texts)]) for i in range(n)]


def asap_corpus(asap: Path, sets: Sequence[int], n: int) -> Essays:
    """ASAP-SAS test answers of ``sets``, repeated to ``n``."""
    texts = []
    for s in sets:
        with open(asap / "splits" / f"asap-{s}" / "test.csv", encoding="utf-8", newline="") as f:
            texts += [row["EssayText"] for row in csv.DictReader(f) if row["EssayText"].strip()]
    return [(f"asap-{i:05d}", texts[i % len(texts)]) for i in range(n)]


def words(essays: Essays) -> int:
    return sum(len(text.split()) for _, text in essays)


# ----------------------------------------------------------------------------- timing


def timed(func: Callable[[], Any]) -> tuple[float, Any]:
    start = time.perf_counter()
    value = func()
    return time.perf_counter() - start, value


def write_files(essays: Essays, folder: Path) -> list[Path]:
    paths = []
    for essay_id, text in essays:
        path = folder / f"{essay_id}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def floor_time(marker: Marker, essays: Essays, chunk_size: int) -> tuple[float, int]:
    """One encode per chunk over exactly the sentences the pipeline embeds (segmented
    beforehand, outside the timer)."""
    batches = [
        [s.text for doc in segment_many(part) for s in doc.sentences]
        for part in chunks(essays, chunk_size)
    ]
    seconds = 0.0
    for sentences in batches:
        elapsed, _ = timed(lambda s=sentences: marker.encoder.encode(s))
        seconds += elapsed
    return seconds, sum(len(b) for b in batches)


def pipeline_time(marker: Marker, paths: list[Path], chunk_size: int) -> float:
    """End to end as a user runs it: read the files, mark in chunks, render JSON."""

    def run() -> None:
        essays = [(p.name, read_script(p)) for p in paths]
        results = mark_essays(marker.rubric, essays, marker=marker, chunk_size=chunk_size)
        for result in results:
            if isinstance(result, MarkResult):
                result_to_json(result)

    return timed(run)[0]


def stage_times(marker: Marker, paths: list[Path], chunk_size: int) -> dict[str, float]:
    """The same work as :func:`pipeline_time`, with the marker's stage timer on.

    ``read`` is reading the files plus the marker's checks of the text; ``level`` is the
    level estimate with screening; ``report`` is rendering each result as JSON.
    """
    marker.stage_seconds = dict.fromkeys(STAGES, 0.0)
    try:
        for part in chunks(paths, chunk_size):
            t, essays = timed(lambda part=part: [(p.name, read_script(p)) for p in part])
            marker.stage_seconds["read"] += t
            for result in marker.mark_many(essays):
                if isinstance(result, MarkResult):
                    marker.stage_seconds["report"] += timed(lambda r=result: result_to_json(r))[0]
        return dict(marker.stage_seconds)
    finally:
        marker.stage_seconds = None


def measure(marker: Marker, essays: Essays, *, repeats: int, chunk_size: int) -> dict[str, Any]:
    """Floor and pipeline alternately ``repeats`` times; medians and the per-pair ratio."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = write_files(essays, Path(tmp))
        floors, pipes, ratios, cpus = [], [], [], []
        n_sentences = 0
        for _ in range(repeats):
            floor, n_sentences = floor_time(marker, essays, chunk_size)
            cpu = time.process_time()
            pipe = pipeline_time(marker, paths, chunk_size)
            cpus.append(time.process_time() - cpu)
            floors.append(floor)
            pipes.append(pipe)
            ratios.append(pipe / floor)
        stages = stage_times(marker, paths, chunk_size)
    pipe, cpu = statistics.median(pipes), statistics.median(cpus)
    return {
        "essays": len(essays),
        "words_per_essay": round(words(essays) / len(essays), 1),
        "sentences": n_sentences,
        "repeats": repeats,
        "floor_s": round(statistics.median(floors), 3),
        "pipeline_s": round(pipe, 3),
        "ratio": round(statistics.median(ratios), 3),
        "ratios": [round(r, 3) for r in ratios],
        "essays_per_s": round(len(essays) / pipe, 2),
        "words_per_s": round(words(essays) / pipe, 1),
        "essays_per_s_at_600_words": round(words(essays) / pipe / 600, 2),
        # CPU seconds of this process (all threads): less sensitive to other users of the
        # machine. One essay per CPU-second is one essay per second on a single free core.
        "pipeline_cpu_s": round(cpu, 3),
        "essays_per_cpu_s": round(len(essays) / cpu, 2),
        "essays_per_cpu_s_at_600_words": round(words(essays) / cpu / 600, 2),
        "stages_s": {k: round(v, 4) for k, v in stages.items()},
    }


def scaling(marker: Marker, make: Callable[[int], Essays], sizes: Sequence[int], chunk_size: int):
    rows = []
    for n in sizes:
        essays = make(n)
        cpu = time.process_time()
        seconds, _ = timed(
            lambda e=essays: mark_essays(marker.rubric, e, marker=marker, chunk_size=chunk_size)
        )
        cpu = time.process_time() - cpu
        rows.append(
            {
                "essays": n,
                "seconds": round(seconds, 3),
                "ms_per_essay": round(1000 * seconds / n, 2),
                "cpu_s": round(cpu, 3),
                "cpu_ms_per_essay": round(1000 * cpu / n, 2),
            }
        )
    return rows


COLD_SCRIPT = """
import sys, resource
from grader.apps.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the forking parent across exec.
    hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")]
    kb = hwm[0].split()[1] if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("RSS_KB", kb)
"""


def cold_start(essays: Essays, rubric: str, model: str, repeats: int) -> dict[str, Any]:
    """``grader mark`` in a fresh interpreter, as a teacher runs it: process start, imports,
    model load, marking and (for a class) every output file: marks.xlsx/.csv, reports,
    summary."""
    seconds, rss, cpu = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        scripts = Path(tmp) / "scripts"
        scripts.mkdir()
        paths = write_files(essays, scripts)
        target = [str(paths[0])] if len(paths) == 1 else [str(scripts), "--out", f"{tmp}/out"]
        options = ["--rubric", rubric, "--model", model]
        if len(paths) > 1:
            options += ["--force", "--level-model", "none"]
        for _ in range(repeats):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", COLD_SCRIPT, "mark", *target, *options],
                capture_output=True, text=True, cwd=ROOT, env=_env(), check=True,
            )  # fmt: skip
            seconds.append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            rss.append(int(done.stdout.rsplit("RSS_KB", 1)[1]) / 1024)
    return {
        "essays": len(essays),
        "model": model,
        "command": " ".join(["grader", "mark", "SCRIPTS" if len(paths) > 1 else "ESSAY.txt"])
        + (" --out OUT " if len(paths) > 1 else " ")
        + " ".join(options),
        "seconds_median": round(statistics.median(seconds), 2),
        "seconds": [round(s, 2) for s in seconds],
        "cpu_s_median": round(statistics.median(cpu), 2),
        "peak_rss_mb": round(max(rss), 1),
    }


def with_workers(rubric: str, essays: Essays, model: str, workers: int) -> dict[str, Any]:
    """Wall clock of :func:`mark_essays` across ``workers`` processes, their start and
    model loads included (what a large run with ``--workers`` pays)."""
    settings, loaded = Settings(model=model), load_rubric(rubric)
    seconds, results = timed(
        lambda: mark_essays(loaded, essays, settings=settings, workers=workers)
    )
    assert len(results) == len(essays)
    return {
        "essays": len(essays),
        "model": model,
        "workers": workers,
        "seconds": round(seconds, 2),
        "essays_per_s": round(len(essays) / seconds, 1),
        "words_per_essay": round(words(essays) / len(essays), 1),
    }


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


# ----------------------------------------------------------------------------- report


def markdown(figures: dict[str, Any]) -> str:
    t = figures["targets"]
    lines = [
        "# Speed benchmark",
        "",
        f"`{figures['command']}`",
        "",
        f"{figures['machine']}; {figures['when']}. Floor and pipeline runs alternate, so the "
        "pipeline/floor ratio compares runs taken back to back.",
        "",
        f"Load average (1 min) at the start: {figures['load_start']}, at the end: "
        f"{figures.get('load_end', '?')} (2 cores: above 2, other work was waiting for a core).",
        "",
        "| run | model | essays | words/essay | floor s | pipeline s | pipeline/floor "
        "| essays/s | essays/s at 600 words | pipeline CPU s | essays per CPU-s "
        "| at 600 words per CPU-s |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, run in figures["runs"].items():
        lines.append(
            f"| {name} | {run['model']} | {run['essays']} | {run['words_per_essay']} "
            f"| {run['floor_s']} | {run['pipeline_s']} | {run['ratio']} "
            f"| {run['essays_per_s']} | {run['essays_per_s_at_600_words']} "
            f"| {run.get('pipeline_cpu_s', '')} | {run.get('essays_per_cpu_s', '')} "
            f"| {run.get('essays_per_cpu_s_at_600_words', '')} |"
        )
    lines += ["", "Per-stage seconds (one pass, stages timed separately):", ""]
    lines += ["| run | " + " | ".join(STAGES) + " |", "|---|" + "---:|" * len(STAGES)]
    for name, run in figures["runs"].items():
        lines.append(f"| {name} | " + " | ".join(str(run["stages_s"][s]) for s in STAGES) + " |")
    for name, rows in figures.get("scaling", {}).items():
        lines += ["", f"Scaling ({name}):", ""]
        lines += ["| essays | seconds | ms/essay | CPU s | CPU ms/essay |"]
        lines += ["|---:|---:|---:|---:|---:|"]
        lines += [
            f"| {r['essays']} | {r['seconds']} | {r['ms_per_essay']} | {r.get('cpu_s', '')} "
            f"| {r.get('cpu_ms_per_essay', '')} |"
            for r in rows
        ]
    lines += [
        "",
        "Cold start (`grader mark` in a fresh process: imports, model load, marking, and "
        "for a class every output file):",
        "",
    ]
    lines += ["| what | model | essays | median s | runs s | CPU s (median) | peak RSS MB |"]
    lines += ["|---|---|---:|---:|---|---:|---:|"]
    for name, c in figures.get("cold", {}).items():
        lines.append(
            f"| {name} | {c['model']} | {c['essays']} | {c['seconds_median']} "
            f"| {', '.join(map(str, c['seconds']))} | {c.get('cpu_s_median', '')} "
            f"| {c['peak_rss_mb']} |"
        )
    if "workers" in figures:
        w = figures["workers"]
        lines += [
            "",
            f"Fast mode across {w['workers']} worker processes (`grader mark --workers "
            f"{w['workers']} --model fast`; process start and model loads included): "
            f"{w['essays']} essays of {w['words_per_essay']} words in {w['seconds']} s, "
            f"{w['essays_per_s']} essays/s.",
        ]
    lines += ["", f"Peak RSS of the benchmark process: {figures['peak_rss_mb']} MB.", ""]
    lines += ["## Targets", "", "| target | figure | met |", "|---|---|---|"]
    lines += [f"| {row['target']} | {row['figure']} | {row['met']} |" for row in t]
    return "\n".join(lines) + "\n"


def targets(figures: dict[str, Any]) -> list[dict[str, str]]:
    rows = []
    runs, cold = figures["runs"], figures.get("cold", {})

    def add(target: str, figure: str, met: bool | None) -> None:
        rows.append(
            {"target": target, "figure": figure, "met": {True: "yes", False: "NO"}.get(met, "n/a")}
        )  # noqa: E501

    if "devset default" in runs:
        r = runs["devset default"]
        add("default pipeline <= 1.3x encode floor", f"{r['ratio']}x", r["ratio"] <= 1.3)
        add(
            "default >= 5 essays/s (600-word essays)",
            f"{r['essays_per_s_at_600_words']} /s wall clock, 600-word equivalent "
            f"({r['essays_per_s']} /s at {r['words_per_essay']} words); "
            f"{r['essays_per_cpu_s_at_600_words']} per CPU-second",
            r["essays_per_s_at_600_words"] >= 5,
        )
    if "devset fast" in runs:
        r = runs["devset fast"]
        add(
            "fast >= 150 essays/s",
            f"{r['essays_per_s']} /s wall clock at {r['words_per_essay']} words "
            f"({r['essays_per_s_at_600_words']} /s 600-word equivalent); "
            f"{r['essays_per_cpu_s']} per CPU-second",
            r["essays_per_s"] >= 150,
        )
    if "workers" in figures:
        w = figures["workers"]
        add(
            f"fast >= 150 essays/s, {w['workers']} worker processes",
            f"{w['essays_per_s']} /s wall clock over {w['essays']} essays, start-up included",
            w["essays_per_s"] >= 150,
        )
    if "class of 30" in cold:
        c = cold["class of 30"]
        add(
            "30-essay class cold < 15 s",
            f"{c['seconds_median']} s wall clock; {c['cpu_s_median']} CPU-s",
            c["seconds_median"] < 15,
        )
    rss = max([figures["peak_rss_mb"]] + [c["peak_rss_mb"] for c in cold.values()])
    add("peak RSS < 1.5 GB", f"{rss} MB", rss < 1536)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    parser.add_argument(
        "--asap", type=Path, default=ROOT.parent / "shared" / "datasets" / "asap-sas"
    )
    parser.add_argument("--n", type=int, default=120, help="essays in the default-mode run")
    parser.add_argument("--n-fast", type=int, default=2000, help="essays in the fast-mode run")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--chunk-size", type=int, default=CHUNK_SIZE)
    parser.add_argument(
        "--scaling", default="100,500,1000,2000", help="fast-mode scaling sizes ('' to skip)"
    )
    parser.add_argument(
        "--scaling-default", default="100,500,1000,2000", help="default-mode scaling sizes"
    )
    parser.add_argument("--cold-repeats", type=int, default=3)
    parser.add_argument(
        "--workers-n", type=int, default=10000, help="essays for the fast 2-worker run (0: skip)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)

    figures: dict[str, Any] = {
        "command": " ".join(["python benchmarks/bench_speed.py", *(sys.argv[1:] or argv or [])]),
        "machine": f"{platform.processor() or platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}",
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "load_start": round(os.getloadavg()[0], 2),
        "runs": {},
        "scaling": {},
        "cold": {},
    }
    rubric = "ussr-1920s"
    dev = devset_corpus(args.devset, args.n)
    markers = {"default": Marker(rubric), "fast": Marker(rubric, settings=Settings(model="fast"))}
    for m in markers.values():
        m.mark_many(dev[:3])  # warm-up: first-call costs belong to the cold start, not here
    runs = [
        ("devset default", "default", dev),
        ("devset fast", "fast", devset_corpus(args.devset, args.n_fast)),
    ]
    if (args.asap / "splits").is_dir():
        runs += [
            ("asap-sas 5/6 default", "default", asap_corpus(args.asap, [5, 6], args.n * 4)),
            ("asap-sas 5/6 fast", "fast", asap_corpus(args.asap, [5, 6], args.n_fast)),
        ]
    for name, model, essays in runs:
        print(f"{name}: {len(essays)} essays ...", flush=True)
        run = measure(markers[model], essays, repeats=args.repeats, chunk_size=args.chunk_size)
        figures["runs"][name] = {"model": model, **run}
        print(json.dumps(figures["runs"][name]), flush=True)
    for model, spec in (("fast", args.scaling), ("default", args.scaling_default)):
        sizes = [int(s) for s in spec.split(",") if s]
        if not sizes:
            continue
        print(f"scaling {model} {sizes} ...", flush=True)
        figures["scaling"][f"devset, {model}"] = scaling(
            markers[model], lambda n: devset_corpus(args.devset, n), sizes, args.chunk_size
        )
        print(json.dumps(figures["scaling"][f"devset, {model}"]), flush=True)
    if args.workers_n:
        print(f"fast mode with 2 workers: {args.workers_n} essays ...", flush=True)
        figures["workers"] = with_workers(
            rubric, devset_corpus(args.devset, args.workers_n), "fast", 2
        )
        print(json.dumps(figures["workers"]), flush=True)
    if args.cold_repeats:
        class_of_30 = devset_corpus(args.devset, 30)
        cold_runs = [
            ("one essay", "default", dev[:1]),
            ("class of 30", "default", class_of_30),
            ("class of 30, fast", "fast", class_of_30),
        ]
        for name, model, essays in cold_runs:
            print(f"cold start: {name} ...", flush=True)
            figures["cold"][name] = cold_start(essays, rubric, model, args.cold_repeats)
            print(json.dumps(figures["cold"][name]), flush=True)
    figures["peak_rss_mb"] = peak_rss_mb()
    figures["load_end"] = round(os.getloadavg()[0], 2)
    figures["targets"] = targets(figures)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "speed.json").write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    (args.out / "speed.md").write_text(markdown(figures), encoding="utf-8")
    print(markdown(figures))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
