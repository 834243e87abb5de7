"""Point-detection precision/recall/F1 on the development essays (../shared/devset).

Credited points are compared with each essay's labelled ``points`` (ids ``other:*``,
relevant points outside the mark scheme, are ignored); name-drops with ``namedrops``.
Nothing is fitted: the thresholds are grader's defaults (see grader/settings.py).

    python scripts/point_detection.py [--devset ../shared/devset] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sklearn.metrics import precision_recall_fscore_support

from grader.core.pipeline import Marker
from grader.settings import Settings
from grader.types import MarkResult

QUESTIONS = {"q1": "ussr-1920s", "q2": "league-1920s"}


def load_devset(devset: Path, question: str) -> list[dict]:
    path = devset / f"labels-{question}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def flatten(
    labels: list[dict], results: list[MarkResult], point_ids: list[str], gold_key: str, status: str
) -> tuple[list[int], list[int]]:
    y_true, y_pred = [], []
    for label, result in zip(labels, results, strict=False):
        for point_id in point_ids:
            y_true.append(int(point_id in label[gold_key]))
            y_pred.append(int(result.status_of(point_id) == status))
    return y_true, y_pred


def evaluate(devset: Path, settings: Settings) -> dict[str, dict[str, float]]:
    figures: dict[str, dict[str, float]] = {}
    pooled: dict[str, tuple[list[int], list[int]]] = {
        "credited": ([], []),
        "name_dropped": ([], []),
    }
    for question, rubric in QUESTIONS.items():
        labels = load_devset(devset, question)
        marker = Marker(rubric, settings=settings)
        texts = [(d["id"], (devset / d["file"]).read_text(encoding="utf-8")) for d in labels]
        results = marker.mark_many(texts)
        point_ids = [p.id for p in marker.points]
        for name, gold_key, status in (
            ("credited", "points", "credited"),
            ("name_dropped", "namedrops", "name_dropped"),
        ):
            y_true, y_pred = flatten(labels, results, point_ids, gold_key, status)  # type: ignore[arg-type]
            pooled[name][0].extend(y_true)
            pooled[name][1].extend(y_pred)
            p, r, f, _ = precision_recall_fscore_support(
                y_true, y_pred, average="binary", zero_division=0
            )
            figures[f"{rubric} {name}"] = {
                "precision": p,
                "recall": r,
                "f1": f,
                "n_essays": len(labels),
            }
    for name, (y_true, y_pred) in pooled.items():
        p, r, f, _ = precision_recall_fscore_support(
            y_true, y_pred, average="binary", zero_division=0
        )
        figures[f"both {name}"] = {"precision": p, "recall": r, "f1": f, "n_essays": 30}
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--devset",
        type=Path,
        default=Path(__file__).resolve().parents[1].parent / "shared" / "devset",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    if not (args.devset / "labels-q1.jsonl").is_file():
        print(f"No devset at {args.devset}; pass --devset.", file=sys.stderr)
        return 2
    figures = evaluate(args.devset, Settings())
    print(f"{'set':<32}{'precision':>10}{'recall':>10}{'F1':>8}")
    for name, row in figures.items():
        print(f"{name:<32}{row['precision']:>10.3f}{row['recall']:>10.3f}{row['f1']:>8.3f}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
