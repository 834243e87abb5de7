"""Accuracy of fast mode next to the default model, so users can choose.

Same thresholds, same pipeline, only the embedding model differs. Nothing is fitted.

- development essays: point-detection F1 (credited, name-dropped) and agreement of
  level and mark with the labels (quadratic-weighted kappa, exact level, mark MAE);
- ASAP-SAS sets 5 and 6, when ``rubrics/asap-5.yaml`` / ``asap-6.yaml`` exist:
  quadratic-weighted kappa of the mark with ``Score1`` on the val and test splits.

Writes ``benchmarks/results/fast_accuracy.json`` and ``.md``.

    python benchmarks/fast_accuracy.py --devset ../shared/devset --asap ../shared/datasets/asap-sas
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import Any

from sklearn.metrics import cohen_kappa_score, mean_absolute_error

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.core.parallel import mark_essays  # noqa: E402
from grader.scheme.rubric import load_rubric  # noqa: E402
from grader.settings import Settings  # noqa: E402
from grader.types import MarkResult  # noqa: E402
from scripts.point_detection import QUESTIONS, evaluate, load_devset  # noqa: E402

MODELS = ("all-MiniLM-L6-v2", "fast")


def devset_agreement(devset: Path, settings: Settings) -> dict[str, float]:
    gold_level, gold_mark, level, mark = [], [], [], []
    for question, rubric in QUESTIONS.items():
        labels = load_devset(devset, question)
        texts = [(d["id"], (devset / d["file"]).read_text(encoding="utf-8")) for d in labels]
        results = mark_essays(load_rubric(rubric), texts, settings=settings)
        for label, result in zip(labels, results, strict=True):
            if isinstance(result, MarkResult):
                gold_level.append(label["level"])
                gold_mark.append(label["mark"])
                level.append(result.level.level)
                mark.append(result.level.mark)
    return {
        "level_qwk": round(cohen_kappa_score(gold_level, level, weights="quadratic"), 3),
        "level_exact": round(
            sum(a == b for a, b in zip(gold_level, level, strict=True)) / len(level), 3
        ),  # noqa: E501
        "mark_mae": round(mean_absolute_error(gold_mark, mark), 2),
        "essays": len(level),
    }


def asap_qwk(asap: Path, set_id: int, split: str, settings: Settings) -> dict[str, Any] | None:
    rubric = ROOT / "rubrics" / f"asap-{set_id}.yaml"
    if not rubric.is_file():
        return None
    with open(asap / "splits" / f"asap-{set_id}" / f"{split}.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    essays = [(row["Id"], row["EssayText"]) for row in rows]
    results = mark_essays(load_rubric(rubric), essays, settings=settings)
    gold, pred = [], []
    for row, result in zip(rows, results, strict=True):
        gold.append(int(row["Score1"]))
        pred.append(result.level.mark if isinstance(result, MarkResult) else 0)
    return {"qwk": round(cohen_kappa_score(gold, pred, weights="quadratic"), 3), "n": len(rows)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    parser.add_argument(
        "--asap", type=Path, default=ROOT.parent / "shared" / "datasets" / "asap-sas"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args(argv)
    figures: dict[str, Any] = {}
    for model in MODELS:
        settings = Settings(model=model)
        row: dict[str, Any] = {}
        if (args.devset / "labels-q1.jsonl").is_file():
            points = evaluate(args.devset, settings)
            row["credited_f1"] = round(points["both credited"]["f1"], 3)
            row["name_dropped_f1"] = round(points["both name_dropped"]["f1"], 3)
            row.update(devset_agreement(args.devset, settings))
        for set_id in (5, 6):
            for split in ("val", "test"):
                if (args.asap / "splits").is_dir():
                    found = asap_qwk(args.asap, set_id, split, settings)
                    if found:
                        row[f"asap-{set_id} {split} qwk"] = found["qwk"]
        figures[model] = row
        print(model, json.dumps(row), flush=True)
    columns = sorted({k for row in figures.values() for k in row})
    lines = ["| model | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    for model, row in figures.items():
        lines.append(f"| {model} | " + " | ".join(str(row.get(c, "")) for c in columns) + " |")
    table = "\n".join(lines) + "\n"
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "fast_accuracy.json").write_text(json.dumps(figures, indent=2) + "\n")
    (args.out / "fast_accuracy.md").write_text("# Fast mode accuracy\n\n" + table)
    print(table)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
