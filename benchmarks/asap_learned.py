"""ASAP-SAS, learned from marked answers: :class:`grader.learn.answer_model.AnswerModel`.

For each set (1-10):

1. every split is segmented, embedded and marked zero-shot once (cached in
   ``benchmarks/.cache`` by rubric hash and text);
2. the learner's configuration (which blocks to stack, ridge penalty) is chosen by QWK
   on *val*, each candidate fitted on *train*; the test split stays sealed;
3. the chosen configuration is refitted on train + val and scored once on test, beside
   the zero-shot count rule, with bootstrap 95 % intervals;
4. learning curves: the same configuration fitted on 25, 50, 100, 200, 400 answers
   drawn from train + val (three draws each, mean and spread) and on all of them,
   each scored on test, with the zero-shot figure as the floor.

    python benchmarks/asap_learned.py [--sets 5 6] [--subset 60] [--curve-sizes 25 50]

Writes ``benchmarks/results/asap_sas_learned.json`` (``..._subsetN.json`` in subset
mode), ``asap_sas_learning_curves.json`` and ``asap_sas_learning_curves.png``, then
merges the learned column into ``asap_sas.json`` / ``asap_sas.md``
(:func:`benchmarks.asap_report.write_report`).
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import pickle
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone

from benchmarks.asap_sas import Marked, Splits, add_data_arguments, embed_split
from grader.core.pipeline import Marker
from grader.learn.answer_model import AnswerModel, answer_frame, answer_row
from grader.research.evaluate import bootstrap, qwk
from grader.scheme.rubric import load_rubric

CURVE_SIZES = (25, 50, 100, 200, 400)
CURVE_DRAWS = 3
#: Candidates chosen between on val: which views to stack, and the ridge penalty.
BLOCK_CHOICES: tuple[tuple[str, ...], ...] = (
    ("words", "chars", "rubric"),
    ("words", "chars", "embedding", "rubric"),
    ("words", "chars", "embedding", "rubric", "zero_shot"),
)
ALPHAS = (1.0, 3.0)


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def frames(marker: Marker, marked: Marked, cache: Path | None, tag: str) -> tuple[Any, np.ndarray]:
    """The split's :func:`answer_frame` and zero-shot marks (cached by rubric and text)."""
    key = hashlib.sha256(
        (marker.rubric_hash + "\x1e" + "\x1f".join(d.text for d in marked.docs)).encode()
    ).hexdigest()[:16]
    path = cache / f"{tag}-answers-{key}.pkl" if cache else None
    if path and path.is_file():
        return pickle.loads(path.read_bytes())
    rows, zero_shot = [], []
    for doc, vectors in zip(marked.docs, marked.vectors, strict=True):
        result = marker.assess(doc, vectors)
        rows.append(answer_row(result, vectors, marker.point_vectors))
        zero_shot.append(result.level.mark)
    out = (answer_frame(rows), np.array(zero_shot))
    if path:
        path.write_bytes(pickle.dumps(out))
    return out


def candidates() -> dict[str, AnswerModel]:
    return {
        f"{'+'.join(blocks)} alpha={alpha}": AnswerModel(blocks=blocks, alpha=alpha)
        for blocks, alpha in itertools.product(BLOCK_CHOICES, ALPHAS)
    }


def choose(x_train: Any, y_train: np.ndarray, x_val: Any, y_val: np.ndarray) -> dict[str, Any]:
    """Fit every candidate on train; the best val QWK wins."""
    scores = {}
    for name, model in candidates().items():
        scores[name] = qwk(y_val, clone(model).fit(x_train, y_train).predict(x_val))
    name = max(scores, key=lambda n: np.nan_to_num(scores[n], nan=-2.0))
    return {"chosen": name, "val_qwk": scores[name], "val_candidates": scores}


def _estimate(y: np.ndarray, pred: np.ndarray, n_boot: int) -> dict[str, float]:
    est = bootstrap(qwk, y, pred, n_boot=n_boot, seed=0)
    return {"value": est.value, "ci_low": est.low, "ci_high": est.high}


def _draw(y: np.ndarray, size: int, seed: int) -> np.ndarray:
    """``size`` row indices drawn without replacement, with at least two distinct marks."""
    rng = np.random.default_rng(seed)
    while True:
        idx = rng.choice(len(y), size=size, replace=False)
        if len(np.unique(y[idx])) > 1:
            return idx


def learning_curve(
    model: AnswerModel,
    x_pool: Any,
    y_pool: np.ndarray,
    x_test: Any,
    y_test: np.ndarray,
    sizes: tuple[int, ...],
) -> list[dict[str, Any]]:
    """Test QWK of ``model`` fitted on ``size`` answers drawn from the pool (and on all)."""
    points = []
    for size in [s for s in sizes if s < len(y_pool)]:
        scores = []
        for seed in range(CURVE_DRAWS):
            idx = _draw(y_pool, size, seed)
            fitted = clone(model).fit(x_pool.iloc[idx], y_pool[idx])
            scores.append(qwk(y_test, fitted.predict(x_test)))
        points.append(
            {
                "n_marked": size,
                "test_qwk_mean": float(np.nanmean(scores)),
                "test_qwk_min": float(np.nanmin(scores)),
                "test_qwk_max": float(np.nanmax(scores)),
                "draws": CURVE_DRAWS,
            }
        )
    return points


def run(
    sets: tuple[int, ...],
    data: Path,
    subset: int | None,
    cache: Path | None,
    n_boot: int,
    curve_sizes: tuple[int, ...],
) -> dict[str, Any]:
    splits = Splits(data, subset)
    started, cpu_started = time.time(), cpu_seconds()
    prepared: dict[int, dict[str, Any]] = {}
    for set_id in sets:  # every choice, with test sealed
        marker = Marker(load_rubric(f"asap-{set_id}"))
        tag = f"asap-{set_id}"
        train = embed_split(marker, splits.load(set_id, "train"), cache, f"{tag}-train")
        val = embed_split(marker, splits.load(set_id, "val"), cache, f"{tag}-val")
        x_train, _ = frames(marker, train, cache, f"{tag}-train")
        x_val, _ = frames(marker, val, cache, f"{tag}-val")
        choice = choose(x_train, train.y, x_val, val.y)
        prepared[set_id] = {"marker": marker, "choice": choice, "train": (x_train, train.y)}
        prepared[set_id]["val"] = (x_val, val.y)
        print(
            f"set {set_id}: chose {choice['chosen']} (val QWK {choice['val_qwk']:.3f}), "
            f"{cpu_seconds() - cpu_started:.0f} CPU s so far",
            file=sys.stderr,
        )
    splits.open_test()  # the final step: each test figure is computed once
    results: dict[str, Any] = {"sets": {}, "learning_curves": {}, "predictions": {}}
    for set_id in sets:
        step = prepared[set_id]
        marker, choice = step["marker"], step["choice"]
        test = embed_split(marker, splits.load(set_id, "test"), cache, f"asap-{set_id}-test")
        x_test, zero_shot = frames(marker, test, cache, f"asap-{set_id}-test")
        x_pool = pd.concat([step["train"][0], step["val"][0]], ignore_index=True)
        x_pool = x_pool.reindex(columns=step["train"][0].columns, fill_value=0.0)
        x_test = x_test.reindex(columns=x_pool.columns, fill_value=0.0)
        y_pool = np.concatenate([step["train"][1], step["val"][1]])
        model = candidates()[choice["chosen"]]
        learned = clone(model).fit(x_pool, y_pool).predict(x_test)
        zero = _estimate(test.y, zero_shot, n_boot)
        curve = learning_curve(model, x_pool, y_pool, x_test, test.y, curve_sizes)
        curve.append({"n_marked": int(len(y_pool)), "test_qwk_mean": qwk(test.y, learned)})
        results["sets"][str(set_id)] = {
            "n": {"train": len(step["train"][1]), "val": len(step["val"][1]), "test": len(test.y)},
            "zero_shot_test_qwk": zero,
            "learned_test_qwk": _estimate(test.y, learned, n_boot),
            "learned_choice": choice["chosen"],
            "learned_val_qwk": choice["val_qwk"],
            "learned_val_candidates": choice["val_candidates"],
            "learned_fitted_on": "train+val",
        }
        results["learning_curves"][str(set_id)] = {
            "zero_shot_floor": zero["value"],
            "learning_curve": curve,
        }
        results["predictions"][str(set_id)] = {
            "y": test.y.tolist(),
            "zero_shot": zero_shot.tolist(),
            "learned": learned.tolist(),
        }
        print(f"set {set_id}: test learned {qwk(test.y, learned):.3f}", file=sys.stderr)
    results["settings"] = {
        "model": marker.settings.model if sets else "",
        "subset": subset,
        "bootstrap": n_boot,
        "curve_sizes": list(curve_sizes),
        "curve_draws": CURVE_DRAWS,
        "candidates": list(candidates()),
        "seconds": round(time.time() - started, 1),
        "cpu_seconds": round(cpu_seconds() - cpu_started, 1),
    }
    return results


def main(argv: list[str] | None = None) -> int:
    from benchmarks.asap_report import write_report

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_arguments(parser)
    parser.add_argument("--curve-sizes", type=int, nargs="*", default=list(CURVE_SIZES))
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads.")
    args = parser.parse_args(argv)
    import torch

    torch.set_num_threads(args.threads)
    if not (args.data / "splits").is_dir():
        parser.error(f"ASAP-SAS splits not found under {args.data}; pass --data.")
    cache = None if args.no_cache else args.cache
    if cache:
        cache.mkdir(parents=True, exist_ok=True)
    results = run(
        tuple(args.sets), args.data, args.subset, cache, args.bootstrap, tuple(args.curve_sizes)
    )
    print(write_report(results, args.out, subset=args.subset))
    return 0


if __name__ == "__main__":
    sys.exit(main())
