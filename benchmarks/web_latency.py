"""Time the web app's feedback page: first request (models loading) and warm requests.

    python benchmarks/web_latency.py [--repeat 5]

Runs the app in-process (FastAPI TestClient), posts the bundled example essays to
``/feedback`` and prints, then writes to ``benchmarks/results/web_latency.txt``, the
seconds per request: the cold first request, and the median of warm ones.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from pathlib import Path

from fastapi.testclient import TestClient

from grader.apps.web import create_app

ROOT = Path(__file__).resolve().parents[1]
ESSAYS = {
    "model essay": ROOT / "examples" / "ussr-1920s-model-essay.txt",
    "short answer": ROOT / "examples" / "ussr-1920s-short-answer.txt",
}


def post(client: TestClient, text: str) -> float:
    start = time.perf_counter()
    if "grader_form" not in client.cookies:  # the form token a browser gets with the page
        client.get("/")
    form = {"rubric": "ussr-1920s", "essay": text, "form_token": client.cookies["grader_form"]}
    response = client.post("/feedback", data=form)
    elapsed = time.perf_counter() - start
    if response.status_code != 200:
        raise SystemExit(f"/feedback answered {response.status_code}: {response.text[:300]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    texts = {name: path.read_text(encoding="utf-8") for name, path in ESSAYS.items()}
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    lines = [
        f"web feedback latency ({platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, load average {load} at start)"
    ]
    with tempfile.TemporaryDirectory() as data:
        client = TestClient(create_app(data), base_url="http://127.0.0.1:8000")
        cold = post(client, texts["short answer"])
        lines.append(f"first request (loads models)      {cold:6.2f} s")
        for name, text in texts.items():
            times = [post(client, text) for _ in range(args.repeat)]
            words = len(text.split())
            lines.append(
                f"warm, {name:<13} ({words:4d} words) {statistics.median(times):6.2f} s "
                f"median of {args.repeat} (max {max(times):.2f} s)"
            )
    report = "\n".join(lines) + "\n"
    print(report, end="")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "web_latency.txt").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
