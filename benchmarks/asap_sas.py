"""ASAP-SAS short-answer benchmark: grader's QWK against the first human (Score1) on test.

For each set (1-10) with its rubric ``rubrics/asap-N.yaml``:

(a) **zero-shot**: the rubric's count rule (credited key elements -> score), nothing
    fitted on any answer;
(b) **calibrated**: candidates fitted on *train* -- the count rule with matcher settings
    searched on train, and scikit-learn models on grader's features
    (:func:`grader.learn.point_features.result_features`): logistic regression, gradient
    boosting, and regressions cut into marks at QWK-optimal cut points
    (:class:`grader.learn.ordinal.CutPointClassifier`) -- one of them chosen by QWK on *val*;
(c) the test figure of the chosen candidate, computed once, beside the human-human QWK
    (Score1 vs Score2 on train) and a majority-class baseline.

The test split is sealed (:class:`Splits` refuses to read it) until every choice is
made; the final step opens it, marks it and scores (a) and the chosen (b) once.

    python benchmarks/asap_sas.py [--sets 5 6] [--subset 40] [--data ../shared/datasets/asap-sas]

Writes ``benchmarks/results/asap_sas.json`` and ``asap_sas.md`` (``asap_sas_subsetN.*``
in subset mode). Sentence embeddings are cached in ``benchmarks/.cache``.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

from grader.core.pipeline import Marker
from grader.core.segment import segment_many
from grader.learn.ordinal import CutPointClassifier
from grader.learn.point_features import result_features
from grader.research.evaluate import bootstrap, qwk
from grader.scheme.rubric import load_rubric
from grader.types import Document, MarkResult

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("GRADER_SHARED", ROOT.parent / "shared"))
DEFAULT_DATA = SHARED / "datasets" / "asap-sas"
ALL_SETS = tuple(range(1, 11))
# Matcher settings searched on train for the calibrated count rule.
SETTINGS_GRID = {
    "develop_min_words": (2.0, 4.0, 7.0),
    "semantic_min": (0.55, 0.7),
}


class SealedSplit(RuntimeError):
    """Raised when the test split is read before the final step."""


class Splits:
    """Reads ASAP-SAS split CSVs; the test split stays sealed until :meth:`open_test`."""

    def __init__(
        self,
        data: Path,
        subset: int | None = None,
        *,
        max_train: int | None = None,
        full_train_sets: tuple[int, ...] = (),
    ) -> None:
        self.data = data
        self.subset = subset
        self.max_train = max_train
        self.full_train_sets = full_train_sets
        self._test_open = False

    def open_test(self) -> None:
        self._test_open = True

    def load(self, set_id: int, split: str) -> pd.DataFrame:
        if split == "test" and not self._test_open:
            raise SealedSplit("the test split is sealed until every setting has been chosen")
        frame = pd.read_csv(self.data / "splits" / f"asap-{set_id}" / f"{split}.csv")
        frame["EssayText"] = frame["EssayText"].fillna("").astype(str)
        if split == "train" and self.max_train and set_id not in self.full_train_sets:
            frame = frame.head(self.max_train)
        return frame.head(self.subset) if self.subset else frame


@dataclass
class Marked:
    """One split marked by grader: documents, sentence-point similarities, human scores."""

    docs: list[Document]
    sims: list[np.ndarray]
    vectors: list[np.ndarray]
    y: np.ndarray
    y2: np.ndarray | None


def embed_split(marker: Marker, frame: pd.DataFrame, cache: Path | None, tag: str) -> Marked:
    """Segment and embed a split once (cached on disk by content)."""
    essays = [(str(i), t) for i, t in zip(frame["Id"], frame["EssayText"], strict=True)]
    key = hashlib.sha256(
        (marker.encoder.name + "\x1e" + "\x1f".join(t for _, t in essays)).encode()
    ).hexdigest()[:16]
    path = cache / f"{tag}-{key}.pkl" if cache else None
    if path and path.is_file():
        docs, vectors = pickle.loads(path.read_bytes())
    else:
        docs = segment_many(essays, sentences_per_block=marker.settings.sentences_per_block)
        flat = marker.encoder.encode([s.text for d in docs for s in d.sentences])
        vectors, offset = [], 0
        for doc in docs:
            vectors.append(flat[offset : offset + len(doc.sentences)])
            offset += len(doc.sentences)
        if path:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(pickle.dumps((docs, vectors)))
    sims = [v @ marker.point_vectors.T for v in vectors]
    y2 = frame["Score2"].to_numpy() if "Score2" in frame else None
    return Marked(docs, sims, vectors, frame["Score1"].to_numpy(), y2)


def assess(marker: Marker, marked: Marked) -> list[MarkResult]:
    return [marker.assess(doc, v) for doc, v in zip(marked.docs, marked.vectors, strict=True)]


def count_marks(marker: Marker, marked: Marked) -> np.ndarray:
    return np.array([r.level.mark for r in assess(marker, marked)])


def feature_matrix(marker: Marker, marked: Marked) -> np.ndarray:
    """:func:`result_features` of every script, the :data:`TOTALS` columns first."""
    rows = []
    for result, sims in zip(assess(marker, marked), marked.sims, strict=True):
        features = result_features(result, sims)
        rows.append([features[n] for n in TOTALS] + list(features.values()))
    return np.array(rows, dtype=np.float64)


#: Script-level features (no per-point columns): few enough for the rare top marks.
TOTALS = ("top_sim_1", "top_sim_2", "top_sim_3", "n_credited", "n_named", "count_mark")


def _columns(names: tuple[str, ...]) -> FunctionTransformer:
    """Select the feature columns ``names`` (the first columns of :func:`feature_matrix`)."""
    return FunctionTransformer(lambda x, names=names: x[:, [TOTALS.index(n) for n in names]])


def models() -> dict[str, Any]:
    """scikit-learn candidates for the calibrated mark, each fitted on train only.

    Each takes the feature matrix whose first ``len(TOTALS)`` columns are
    :data:`TOTALS` (see :func:`feature_matrix`).
    """
    candidates: dict[str, Any] = {}
    # the count rule's own evidence, with the count -> mark cut points fitted on train
    candidates["credited count + cut points"] = CutPointClassifier(
        make_pipeline(_columns(("n_credited",)), LinearRegression())
    )
    candidates["script totals: ridge + cut points"] = CutPointClassifier(
        make_pipeline(_columns(TOTALS), StandardScaler(), Ridge(alpha=1.0))
    )
    for c, weight in itertools.product((0.1, 1.0, 10.0), (None, "balanced")):
        candidates[f"logistic C={c} weight={weight}"] = make_pipeline(
            StandardScaler(), LogisticRegression(C=c, class_weight=weight, max_iter=2000)
        )
    candidates["gradient boosting"] = HistGradientBoostingClassifier(
        max_iter=200, learning_rate=0.05, random_state=0
    )
    # ordinal-ish: a regression on the mark, cut where QWK on out-of-fold predictions is best
    for alpha in (1.0, 10.0):
        candidates[f"ridge alpha={alpha} + cut points"] = CutPointClassifier(
            make_pipeline(StandardScaler(), Ridge(alpha=alpha))
        )
    candidates["gradient boosting regressor + cut points"] = CutPointClassifier(
        HistGradientBoostingRegressor(max_iter=200, learning_rate=0.05, random_state=0)
    )
    return candidates


def choose(marker: Marker, train: Marked, val: Marked) -> dict[str, Any]:
    """Fit every candidate on train and pick the one with the best QWK on val."""
    defaults = marker.settings
    best_rule = (-2.0, defaults)
    for values in itertools.product(*SETTINGS_GRID.values()):
        marker.settings = defaults.with_overrides(**dict(zip(SETTINGS_GRID, values, strict=True)))
        score = qwk(train.y, count_marks(marker, train))
        if score > best_rule[0]:
            best_rule = (score, marker.settings)
    marker.settings = best_rule[1]
    overrides = {k: getattr(best_rule[1], k) for k in SETTINGS_GRID}
    candidates = [("count rule " + json.dumps(overrides), qwk(val.y, count_marks(marker, val)))]
    marker.settings = defaults
    x_train, x_val = feature_matrix(marker, train), feature_matrix(marker, val)
    fitted = {}
    for name, model in models().items():
        fitted[name] = clone(model).fit(x_train, train.y)
        candidates.append((name, qwk(val.y, fitted[name].predict(x_val))))
    name, val_qwk = max(candidates, key=lambda c: np.nan_to_num(c[1], nan=-2.0))
    return {
        "chosen": name,
        "val_qwk": val_qwk,
        "candidates": dict(candidates),
        "rule_settings": best_rule[1] if name.startswith("count rule") else None,
        "model": fitted.get(name),
        "baseline": DummyClassifier(strategy="most_frequent").fit(x_train, train.y),
    }


def run(
    sets: tuple[int, ...],
    data: Path,
    subset: int | None,
    cache: Path | None,
    n_boot: int = 1000,
    *,
    max_train: int | None = None,
    full_train_sets: tuple[int, ...] = (5, 6),
) -> dict[str, Any]:
    splits = Splits(data, subset, max_train=max_train, full_train_sets=full_train_sets)
    started = time.time()
    chosen: dict[int, dict[str, Any]] = {}
    markers: dict[int, Marker] = {}
    human: dict[int, float] = {}
    sizes: dict[int, dict[str, int]] = {}
    for set_id in sets:  # every choice, with test sealed
        marker = Marker(load_rubric(f"asap-{set_id}"))
        markers[set_id] = marker
        tag = f"asap-{set_id}"
        train = embed_split(marker, splits.load(set_id, "train"), cache, f"{tag}-train")
        val = embed_split(marker, splits.load(set_id, "val"), cache, f"{tag}-val")
        human[set_id] = qwk(train.y, train.y2)
        chosen[set_id] = choose(marker, train, val)
        sizes[set_id] = {"train": len(train.y), "val": len(val.y)}
        print(  # progress; the test split is still sealed here
            f"set {set_id}: chose {chosen[set_id]['chosen']} (val QWK "
            f"{chosen[set_id]['val_qwk']:.3f})",
            file=sys.stderr,
        )
    splits.open_test()  # the final step: each test figure is computed once
    results: dict[str, Any] = {"sets": {}}
    for set_id in sets:
        marker, choice = markers[set_id], chosen[set_id]
        test = embed_split(marker, splits.load(set_id, "test"), cache, f"asap-{set_id}-test")
        zero_shot = count_marks(marker, test)
        x_test = feature_matrix(marker, test)
        if choice["rule_settings"] is not None:
            rubric_settings = marker.settings
            marker.settings = choice["rule_settings"]
            calibrated = count_marks(marker, test)
            marker.settings = rubric_settings
        else:
            calibrated = choice["model"].predict(x_test)
        baseline = choice["baseline"].predict(x_test)
        sizes[set_id]["test"] = len(test.y)
        results["sets"][str(set_id)] = {
            "n": sizes[set_id],
            "human_human_qwk_train": human[set_id],
            "zero_shot_test_qwk": _estimate(test.y, zero_shot, n_boot),
            "calibrated_test_qwk": _estimate(test.y, calibrated, n_boot),
            "calibrated_choice": choice["chosen"],
            "calibrated_val_qwk": choice["val_qwk"],
            "val_candidates": choice["candidates"],
            "majority_baseline_test_qwk": qwk(test.y, baseline),
        }
    results["settings"] = {
        "model": next(iter(markers.values())).settings.model if markers else "",
        "subset": subset,
        "max_train": max_train,
        "full_train_sets": list(full_train_sets) if max_train else "all",
        "bootstrap": n_boot,
        "settings_grid": SETTINGS_GRID,
        "seconds": round(time.time() - started, 1),
    }
    return results


def _estimate(y: np.ndarray, pred: np.ndarray, n_boot: int) -> dict[str, float]:
    est = bootstrap(qwk, y, pred, n_boot=n_boot, seed=0)
    return {"value": est.value, "ci_low": est.low, "ci_high": est.high}


def markdown(results: dict[str, Any]) -> str:
    lines = [
        "| set | human-human QWK (train) | zero-shot QWK (test) | calibrated QWK (test) "
        "| majority baseline | chosen on val (val QWK) | n train/val/test |",
        "|---|---|---|---|---|---|---|",
    ]
    for set_id, r in results["sets"].items():
        z, c, n = r["zero_shot_test_qwk"], r["calibrated_test_qwk"], r["n"]
        lines.append(
            f"| {set_id} | {r['human_human_qwk_train']:.3f} "
            f"| {z['value']:.3f} ({z['ci_low']:.2f}-{z['ci_high']:.2f}) "
            f"| {c['value']:.3f} ({c['ci_low']:.2f}-{c['ci_high']:.2f}) "
            f"| {r['majority_baseline_test_qwk']:.3f} "
            f"| {r['calibrated_choice']} ({r['calibrated_val_qwk']:.3f}) "
            f"| {n['train']}/{n['val']}/{n['test']} |"
        )
    return "\n".join(lines) + "\n"


def _json_safe(value: Any) -> Any:
    if isinstance(value, float | np.floating):
        return None if np.isnan(value) else round(float(value), 4)
    if isinstance(value, dict):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_safe(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    return value


def merge(out: Path) -> int:
    """Combine the per-part results of parallel runs (``--part``) into one table."""
    parts = sorted((out / "parts").glob("*.json"))
    if not parts:
        print(f"no parts in {out / 'parts'}", file=sys.stderr)
        return 1
    merged: dict[str, Any] = {"sets": {}, "settings": {}, "parts": []}
    for path in parts:
        part = json.loads(path.read_text(encoding="utf-8"))
        merged["sets"].update(part["sets"])
        merged["settings"] = {**part["settings"], "seconds": None}
        merged["parts"].append({"part": path.stem, "seconds": part["settings"]["seconds"]})
    merged["sets"] = dict(sorted(merged["sets"].items(), key=lambda kv: int(kv[0])))
    (out / "asap_sas.json").write_text(json.dumps(merged, indent=2) + "\n", encoding="utf-8")
    table = markdown(merged)
    (out / "asap_sas.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """The options both ASAP-SAS benchmarks take: data, sets, subset, out, cache, bootstrap."""
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--sets", type=int, nargs="+", default=list(ALL_SETS))
    parser.add_argument("--subset", type=int, default=None, help="First N rows of each split.")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    parser.add_argument("--cache", type=Path, default=ROOT / "benchmarks" / ".cache")
    parser.add_argument("--no-cache", action="store_true")
    parser.add_argument("--bootstrap", type=int, default=1000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_data_arguments(parser)
    parser.add_argument("--threads", type=int, default=1, help="torch CPU threads.")
    parser.add_argument(
        "--max-train", type=int, default=None, help="Use the first N train rows only ..."
    )
    parser.add_argument(
        "--full-train-sets", type=int, nargs="*", default=[5, 6], help="... except in these sets."
    )
    parser.add_argument(
        "--part", default=None, help="Write this run's sets to OUT/parts/NAME.json (see --merge)."
    )
    parser.add_argument(
        "--merge", action="store_true", help="Combine OUT/parts/*.json into the results files."
    )
    args = parser.parse_args(argv)
    if args.merge:
        return merge(args.out)
    import torch

    torch.set_num_threads(args.threads)
    if not (args.data / "splits").is_dir():
        parser.error(f"ASAP-SAS splits not found under {args.data}; pass --data.")
    results = run(
        tuple(args.sets),
        args.data,
        args.subset,
        None if args.no_cache else args.cache,
        args.bootstrap,
        max_train=args.max_train,
        full_train_sets=tuple(args.full_train_sets),
    )
    if args.part:
        (args.out / "parts").mkdir(parents=True, exist_ok=True)
        path = args.out / "parts" / f"{args.part}.json"
        path.write_text(json.dumps(_json_safe(results), indent=2) + "\n", encoding="utf-8")
        print(markdown(results))
        return 0
    stem = f"asap_sas_subset{args.subset}" if args.subset else "asap_sas"
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / f"{stem}.json").write_text(
        json.dumps(_json_safe(results), indent=2) + "\n", encoding="utf-8"
    )
    table = markdown(results)
    (args.out / f"{stem}.md").write_text(table, encoding="utf-8")
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
