"""Tables, JSON and the learning-curve plot for the learned ASAP-SAS figures.

The learned run (:mod:`benchmarks.asap_learned`) is merged into ``asap_sas.json`` beside
the earlier zero-shot / calibrated run (:mod:`benchmarks.asap_sas`), the human-human
agreement and the published figures quoted in issue #18.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np

from grader.research.evaluate import qwk

#: Published test QWK (set 5, set 6, 10-set mean), as quoted in issue #18.
PUBLISHED: dict[str, dict[str, float | None]] = {
    "Kaggle 2012 winner (regex features + random forest/GBM)": {"5": None, "6": None, "mean": 0.77},
    "BERT-base fine-tuned (Ormerod 2022)": {"5": 0.845, "6": 0.840, "mean": 0.754},
    "ELECTRA-large fine-tuned (Ormerod 2022)": {"5": 0.835, "6": 0.836, "mean": 0.782},
    "Mistral-7B LoRA (Ormerod & Kwako 2024)": {"5": 0.776, "6": 0.855, "mean": 0.759},
    "GPT-4, prompt only (Jiang & Bosch 2024, test subsample)": {
        "5": 0.752,
        "6": 0.730,
        "mean": 0.611,
    },
}


def json_safe(value: Any) -> Any:
    if isinstance(value, float | np.floating):
        return None if np.isnan(value) else round(float(value), 4)
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    if isinstance(value, np.integer):
        return int(value)
    return value


def mean_interval(predictions: dict[str, dict[str, list[int]]], key: str, n_boot: int) -> dict:
    """The mean over sets of test QWK, with a 95 % interval resampling each set's answers."""
    rng = np.random.default_rng(0)
    sets = list(predictions)
    value = float(np.mean([qwk(predictions[s]["y"], predictions[s][key]) for s in sets]))
    draws = []
    for _ in range(n_boot):
        per_set = []
        for s in sets:
            y, p = np.asarray(predictions[s]["y"]), np.asarray(predictions[s][key])
            idx = rng.integers(0, len(y), len(y))
            per_set.append(qwk(y[idx], p[idx]))
        draws.append(np.nanmean(per_set))
    low, high = np.percentile(draws, [2.5, 97.5]) if draws else (np.nan, np.nan)
    return {"value": value, "ci_low": float(low), "ci_high": float(high)}


def _fmt(estimate: dict | None) -> str:
    if not estimate or estimate.get("value") is None:
        return "–"
    if estimate.get("ci_low") is None:
        return f"{estimate['value']:.3f}"
    return f"{estimate['value']:.3f} ({estimate['ci_low']:.2f}-{estimate['ci_high']:.2f})"


def markdown(merged: dict[str, Any]) -> str:
    lines = [
        "| set | human-human QWK (train) | zero-shot QWK (test) | old calibrated QWK (test) "
        "| **learned QWK (test)** | learner chosen on val (val QWK) | n train/val/test |",
        "|---|---|---|---|---|---|---|",
    ]
    for set_id, r in merged["sets"].items():
        n = r["n"]
        lines.append(
            f"| {set_id} | {r.get('human_human_qwk_train', float('nan')):.3f} "
            f"| {_fmt(r.get('zero_shot_test_qwk'))} | {_fmt(r.get('calibrated_test_qwk'))} "
            f"| **{_fmt(r.get('learned_test_qwk'))}** "
            f"| {r.get('learned_choice', '–')} ({r.get('learned_val_qwk') or float('nan'):.3f}) "
            f"| {n['train']}/{n['val']}/{n.get('test', '?')} |"
        )
    means = merged.get("means", {})
    lines.append(
        f"| **mean** | {means.get('human_human_qwk_train', float('nan')):.3f} "
        f"| {_fmt(means.get('zero_shot_test_qwk'))} | {_fmt(means.get('calibrated_test_qwk'))} "
        f"| **{_fmt(means.get('learned_test_qwk'))}** | | |"
    )
    lines += [
        "",
        "Published test QWK (as quoted in issue #18; full test splits unless noted):",
        "",
        "| system | set 5 | set 6 | 10-set mean |",
        "|---|---|---|---|",
    ]
    for name, fig in merged["published"].items():
        cells = [f"{fig[k]:.3f}" if fig[k] is not None else "–" for k in ("5", "6", "mean")]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    s = merged["sets"]
    lines.append(
        "| **grader learned (this table)** | "
        + " | ".join(
            f"{s[k]['learned_test_qwk']['value']:.3f}" if k in s else "–" for k in ("5", "6")
        )
        + f" | {_fmt(means.get('learned_test_qwk'))} |"
    )
    return "\n".join(lines) + "\n"


def curves_markdown(curves: dict[str, Any]) -> str:
    """Test QWK per set against answers used (the last column: all of train + val)."""
    sizes = sorted({p["n_marked"] for c in curves.values() for p in c["learning_curve"][:-1]})
    lines = [
        "| set | zero-shot | " + " | ".join(str(n) for n in sizes) + " | all (n) |",
        "|" + "---|" * (len(sizes) + 3),
    ]
    for set_id, c in curves.items():
        by_n = {p["n_marked"]: p["test_qwk_mean"] for p in c["learning_curve"][:-1]}
        last = c["learning_curve"][-1]
        cells = [f"{by_n[n]:.3f}" if n in by_n else "–" for n in sizes]
        lines.append(
            f"| {set_id} | {c['zero_shot_floor']:.3f} | "
            + " | ".join(cells)
            + f" | {last['test_qwk_mean']:.3f} ({last['n_marked']}) |"
        )
    return "\n".join(lines) + "\n"


def plot(curves: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 5, figsize=(16, 6.5), sharey=True)
    for ax, (set_id, c) in zip(axes.flat, curves.items(), strict=False):
        pts = c["learning_curve"]
        n = [p["n_marked"] for p in pts]
        mean = [p["test_qwk_mean"] for p in pts]
        low = [p.get("test_qwk_min", p["test_qwk_mean"]) for p in pts]
        high = [p.get("test_qwk_max", p["test_qwk_mean"]) for p in pts]
        ax.fill_between(n, low, high, alpha=0.2)
        ax.plot(n, mean, marker="o", label="learned")
        ax.axhline(c["zero_shot_floor"], color="grey", linestyle="--", label="zero-shot")
        ax.set_xscale("log")
        ax.set_title(f"ASAP-SAS set {set_id}")
        ax.set_xlabel("marked answers")
        ax.grid(alpha=0.3)
    axes.flat[0].set_ylabel("test QWK")
    axes.flat[0].legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(path, dpi=90)
    plt.close(fig)


def _mean(sets: dict[str, Any], key: str) -> float:
    values = [
        r[key]["value"] if isinstance(r[key], dict) else r[key]
        for r in sets.values()
        if r.get(key) is not None
    ]
    return float(np.mean(values)) if values else float("nan")


def write_report(results: dict[str, Any], out: Path, *, subset: int | None) -> str:
    """Write the learned run's files; in a full run also merge it into ``asap_sas.*``."""
    out.mkdir(parents=True, exist_ok=True)
    predictions = results.pop("predictions", {})
    stem = f"asap_sas_learned_subset{subset}" if subset else "asap_sas_learned"
    (out / f"{stem}.json").write_text(json.dumps(json_safe(results), indent=2) + "\n")
    curves = results["learning_curves"]
    if subset:
        return curves_markdown(curves)
    (out / "asap_sas_learning_curves.json").write_text(
        json.dumps(
            json_safe({"learning_curves": curves, "settings": results["settings"]}), indent=2
        )
        + "\n"
    )
    plot(curves, out / "asap_sas_learning_curves.png")
    (out / "asap_sas_learning_curves.md").write_text(curves_markdown(curves))
    previous = out / "asap_sas.json"
    merged = json.loads(previous.read_text()) if previous.is_file() else {"sets": {}}
    merged.setdefault("settings", {})
    for set_id, r in results["sets"].items():
        merged["sets"].setdefault(set_id, {}).update(r)
    merged["sets"] = dict(sorted(merged["sets"].items(), key=lambda kv: int(kv[0])))
    merged["learned_settings"] = results["settings"]
    merged["published"] = PUBLISHED
    n_boot = int(results["settings"].get("bootstrap", 1000))
    merged["means"] = {
        "zero_shot_test_qwk": mean_interval(predictions, "zero_shot", n_boot),
        "learned_test_qwk": mean_interval(predictions, "learned", n_boot),
        "calibrated_test_qwk": {
            "value": float(
                np.mean(
                    [
                        r["calibrated_test_qwk"]["value"]
                        for r in merged["sets"].values()
                        if "calibrated_test_qwk" in r
                    ]
                )
            )
        },
        "human_human_qwk_train": float(
            np.mean([r["human_human_qwk_train"] for r in merged["sets"].values()])
        ),
    }
    merged["note"] = (
        "zero-shot and learned: this run (learned_settings); calibrated: the earlier run "
        "of benchmarks/asap_sas.py (settings); human-human: Score1 vs Score2 on train."
    )
    merged = json_safe(merged)
    (out / "asap_sas.json").write_text(json.dumps(merged, indent=2) + "\n")
    table = markdown(merged)
    (out / "asap_sas.md").write_text(table)
    return table
