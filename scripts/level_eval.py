"""Level, mark, judgement and balance agreement on the development essays (../shared/devset).

Two estimators, each beside a trivial baseline:

- **rules**: grader's transparent rule-based estimator, no fitting at all (its cue
  lists and steps were chosen by reading the ``ussr-1920s`` essays, q1);
- **calibrated**: ``LevelModel`` with leave-one-question-out cross-validation: fitted
  on q1's essays and human marks to score q2, and on q2's to score q1. No essay is
  ever scored by a model fitted on it.

Baselines are fitted the same leave-one-question-out way: the most common level /
label and the median mark of the *other* question. Each fold checks that no essay
it scores is among those it was fitted on, and the output names what each question's
figures were fitted on. Figures are given per question (q1, q2) and pooled, each
beside the baseline, with 95 % bootstrap intervals (2000 resamples of essays,
seed 0): thirty essays is a small sample.

    python scripts/level_eval.py [--devset ../shared/devset] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.dummy import DummyClassifier, DummyRegressor
from sklearn.metrics import accuracy_score, cohen_kappa_score

from grader.core.level.rules import band_for_mark
from grader.core.pipeline import Marker
from grader.learn.features import feature_matrix
from grader.learn.level_model import LevelModel
from grader.scheme.rubric import load_rubric
from grader.types import MarkResult

QUESTIONS = {"q1": "ussr-1920s", "q2": "league-1920s"}
BOOTSTRAP = 2000


def load_labels(devset: Path, question: str) -> list[dict]:
    path = devset / f"labels-{question}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def mark_devset(devset: Path) -> dict[str, tuple[list[dict], list[MarkResult]]]:
    """Every development essay marked by the rules, per question."""
    marked = {}
    for question, rubric in QUESTIONS.items():
        labels = load_labels(devset, question)
        marker = Marker(rubric)
        texts = [(d["id"], (devset / d["file"]).read_text(encoding="utf-8")) for d in labels]
        results = marker.mark_many(texts)
        if not all(isinstance(r, MarkResult) for r in results):
            raise SystemExit(f"some {question} essays could not be marked")
        marked[question] = (labels, results)  # type: ignore[assignment]
    return marked


def _metrics(gold_level, pred_level, gold_mark, pred_mark, max_mark: int = 20) -> dict[str, float]:
    gold_level, pred_level = np.asarray(gold_level), np.asarray(pred_level)
    return {
        "level_exact": float(np.mean(gold_level == pred_level)),
        "level_adjacent": float(np.mean(np.abs(gold_level - pred_level) <= 1)),
        "mark_qwk": float(
            cohen_kappa_score(
                gold_mark, pred_mark, weights="quadratic", labels=list(range(max_mark + 1))
            )
        ),
        "mark_mae": float(np.mean(np.abs(np.asarray(gold_mark) - np.asarray(pred_mark)))),
    }


def _interval(gold_level, pred_level, gold_mark, pred_mark) -> dict[str, list[float]]:
    rng = np.random.default_rng(0)
    arrays = [np.asarray(a) for a in (gold_level, pred_level, gold_mark, pred_mark)]
    n = len(arrays[0])
    draws: dict[str, list[float]] = {}
    for _ in range(BOOTSTRAP):
        pick = rng.integers(0, n, n)
        for key, value in _metrics(*(a[pick] for a in arrays)).items():
            draws.setdefault(key, []).append(value)
    return {
        key: [float(np.nanpercentile(v, 2.5)), float(np.nanpercentile(v, 97.5))]
        for key, v in draws.items()
    }


def evaluate(devset: Path) -> dict:
    """All figures as a dict (see module docstring)."""
    marked = mark_devset(devset)
    rows: dict[str, list] = {
        k: []
        for k in (
            "id",
            "question",
            "gold_level",
            "gold_mark",
            "rules_level",
            "rules_mark",
            "cal_level",
            "cal_mark",
            "base_level",
            "base_mark",
            "gold_judgement",
            "rules_judgement",
            "base_judgement",
            "gold_balance",
            "rules_balance",
            "base_balance",
            "case",
            "review",
        )
    }
    folds = []
    for question, (labels, results) in marked.items():
        other = next(q for q in QUESTIONS if q != question)
        other_labels, other_results = marked[other]
        fitted_on = {d["id"] for d in other_labels}
        scored = {d["id"] for d in labels}
        if fitted_on & scored:
            raise SystemExit(f"leave-one-question-out broken: {sorted(fitted_on & scored)}")
        folds.append(
            {"scored": question, "fit_on": other, "n_fit": len(fitted_on), "n_scored": len(scored)}
        )
        rubric = load_rubric(QUESTIONS[question])
        X_train = feature_matrix(other_results)
        y_train = [d["mark"] for d in other_labels]
        model = LevelModel(max_mark=rubric.max_mark).fit(X_train, y_train)
        cal_marks = model.predict(feature_matrix(results))
        X_dummy = np.zeros((len(other_labels), 1))
        X_test = np.zeros((len(labels), 1))

        def dummy_labels(
            key: str, labels=labels, other_labels=other_labels, X_dummy=X_dummy, X_test=X_test
        ):
            fitted = DummyClassifier(strategy="most_frequent").fit(
                X_dummy, [d[key] for d in other_labels]
            )
            return list(fitted.predict(X_test))

        base_mark = DummyRegressor(strategy="median").fit(X_dummy, y_train).predict(X_test)
        rows["id"] += [d["id"] for d in labels]
        rows["question"] += [question] * len(labels)
        rows["gold_level"] += [d["level"] for d in labels]
        rows["gold_mark"] += [d["mark"] for d in labels]
        rows["rules_level"] += [r.level.level for r in results]
        rows["rules_mark"] += [r.level.mark for r in results]
        rows["cal_mark"] += [int(m) for m in cal_marks]
        rows["cal_level"] += [band_for_mark(rubric, int(m)).level for m in cal_marks]
        rows["base_level"] += dummy_labels("level")
        rows["base_mark"] += [int(round(m)) for m in base_mark]
        rows["gold_judgement"] += [d["judgement"] for d in labels]
        rows["rules_judgement"] += [r.argument.judgement for r in results]
        rows["base_judgement"] += dummy_labels("judgement")
        rows["gold_balance"] += [d["balance"] for d in labels]
        rows["rules_balance"] += [r.argument.balance for r in results]
        rows["base_balance"] += dummy_labels("balance")
        rows["case"] += [d["case"] for d in labels]
        rows["review"] += [list(r.level.review_reasons) for r in results]

    figures: dict = {"n_essays": len(rows["id"]), "folds": folds}
    for scope in ("q1", "q2", "both"):
        keep = [i for i, q in enumerate(rows["question"]) if scope in (q, "both")]

        def col(name: str, keep=keep) -> list:
            return [rows[name][i] for i in keep]

        scope_figures = {}
        for method, level_key, mark_key in (
            ("rules", "rules_level", "rules_mark"),
            ("calibrated (LOQO)", "cal_level", "cal_mark"),
            ("baseline (LOQO)", "base_level", "base_mark"),
        ):
            args = (col("gold_level"), col(level_key), col("gold_mark"), col(mark_key))
            scope_figures[method] = {**_metrics(*args), "ci95": _interval(*args)}
        for label in ("judgement", "balance"):
            scope_figures[f"{label}_accuracy"] = {
                "rules": accuracy_score(col(f"gold_{label}"), col(f"rules_{label}")),
                "baseline (LOQO)": accuracy_score(col(f"gold_{label}"), col(f"base_{label}")),
            }
        figures[scope] = scope_figures
    errors = sorted(
        range(len(rows["id"])),
        key=lambda i: -abs(rows["gold_mark"][i] - rows["rules_mark"][i]),
    )
    figures["worst_rules"] = [
        {
            "id": rows["id"][i],
            "gold": f"L{rows['gold_level'][i]} {rows['gold_mark'][i]}",
            "rules": f"L{rows['rules_level'][i]} {rows['rules_mark'][i]}",
            "calibrated": f"L{rows['cal_level'][i]} {rows['cal_mark'][i]}",
            "judgement": f"{rows['gold_judgement'][i]} / {rows['rules_judgement'][i]}",
            "balance": f"{rows['gold_balance'][i]} / {rows['rules_balance'][i]}",
            "case": rows["case"][i],
        }
        for i in errors[:6]
    ]
    figures["rows"] = {k: v for k, v in rows.items() if k != "case"}
    return figures


METHODS = ("rules", "calibrated (LOQO)", "baseline (LOQO)")
ROWS = (
    ("level exact", "level_exact", "{:.0%}", "[{:.0%}-{:.0%}]"),
    ("level adjacent", "level_adjacent", "{:.0%}", "[{:.0%}-{:.0%}]"),
    ("mark QWK", "mark_qwk", "{:.2f}", "[{:.2f}-{:.2f}]"),
    ("mark MAE", "mark_mae", "{:.1f}", "[{:.1f}-{:.1f}]"),
)


def print_figures(figures: dict) -> None:
    """One table per question and one pooled, each method beside the baseline."""
    print(f"{figures['n_essays']} essays; 95% bootstrap intervals in brackets")
    fit_on = {f["scored"]: f for f in figures["folds"]}
    for scope in ("q1", "q2", "both"):
        if scope == "both":
            title = "pooled (q1 + q2), calibrated and baseline scored out of fold"
        else:
            fold = fit_on[scope]
            title = (
                f"{scope} ({QUESTIONS[scope]}, {fold['n_scored']} essays); calibrated and "
                f"baseline fitted on {fold['fit_on']} only ({fold['n_fit']} essays)"
            )
        print(f"\n== {title}")
        print(f"{'':18}" + "".join(f"{m:>22}" for m in METHODS))
        for name, key, fmt, ci_fmt in ROWS:
            cells = []
            for method in METHODS:
                f = figures[scope][method]
                cells.append(f"{fmt.format(f[key])} {ci_fmt.format(*f['ci95'][key])}")
            print(f"{name:18}" + "".join(f"{c:>22}" for c in cells))
        for label in ("judgement", "balance"):
            f = figures[scope][f"{label}_accuracy"]
            cells = [f"{f['rules']:.0%}", "-", f"{f['baseline (LOQO)']:.0%}"]
            print(f"{label + ' accuracy':18}" + "".join(f"{c:>22}" for c in cells))
    print("\nlargest rule-based mark errors:")
    for row in figures["worst_rules"]:
        print(
            f"  {row['id']}: gold {row['gold']}, rules {row['rules']}, calibrated "
            f"{row['calibrated']}; judgement gold/rules {row['judgement']}; balance "
            f"{row['balance']} -- {row['case']}"
        )


def _plain(value: object) -> object:
    return value.item() if isinstance(value, np.generic) else str(value)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=Path("../shared/devset"))
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if not (args.devset / "labels-q1.jsonl").is_file():
        print(f"development set not found at {args.devset}", file=sys.stderr)
        return 1
    figures = evaluate(args.devset)
    print_figures(figures)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(figures, indent=2, default=_plain), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
