"""Render an :class:`~grader.types.Evaluation`: Markdown and HTML report, PNG plots, JSON.

``write_report(evaluation, out_dir)`` writes ``report.md``, ``report.html``,
``figures.json`` and the plots ``confusion.png``, ``scatter.png`` and (when point
labels exist) ``point_f1.png``. Only this module and the CLI touch files.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import asdict
from pathlib import Path
from typing import Any, cast

import numpy as np

from grader.research.evaluate import figures_table
from grader.types import Agreement, Evaluation

STAT_NAMES = {
    "qwk": "QWK",
    "exact": "exact agreement",
    "adjacent": "adjacent (±1)",
    "pearson": "Pearson r",
    "spearman": "Spearman ρ",
}


def fmt_figure(value: float | None, digits: int = 3) -> str:
    """A figure for a table: ``digits`` decimals, ``"n/a"`` when undefined (None or NaN)."""
    return "n/a" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def figure_rows(evaluation: Evaluation, *, ci_dash: str = " – ") -> list[list[str]]:
    """The agreement table as text: comparison, statistic, value, 95 % CI, n per row."""
    rows = []
    for r in figures_table(evaluation):
        value, low, high = (fmt_figure(cast(float, r[k])) for k in ("value", "ci_low", "ci_high"))
        rows.append(
            [
                str(r["comparison"]),
                STAT_NAMES[str(r["statistic"])],
                value,
                f"{low}{ci_dash}{high}",
                str(r["n"]),
            ]
        )
    return rows


def json_safe(value: Any) -> Any:
    """JSON-safe copy: NaN becomes null, tuples become lists."""
    if isinstance(value, float):
        return None if math.isnan(value) else round(value, 6)
    if isinstance(value, dict):
        return {str(k): json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(v) for v in value]
    return value


def figures_json(evaluation: Evaluation) -> str:
    """Every figure of the evaluation as JSON (NaN written as ``null``)."""
    return json.dumps(json_safe(asdict(evaluation)), indent=2, ensure_ascii=False)


# --------------------------------------------------------------------------- plots


def _plots(evaluation: Evaluation, out: Path) -> list[tuple[str, str]]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    written: list[tuple[str, str]] = []
    pairs = [p for p in (evaluation.machine, evaluation.human) if p is not None]
    fig, axes = plt.subplots(1, len(pairs), figsize=(5.2 * len(pairs), 4.6), squeeze=False)
    for ax, pair in zip(axes[0], pairs, strict=True):
        _heatmap(ax, pair)
    fig.tight_layout()
    fig.savefig(out / "confusion.png", dpi=120)
    plt.close(fig)
    written.append(("confusion.png", "Confusion matrix (rows: first human; columns: other rater)"))

    fig, ax = plt.subplots(figsize=(5.2, 4.6))
    pairs_count: dict[tuple[int, int], int] = {}
    for script in evaluation.scripts:
        key = (script.human[0], script.predicted)
        pairs_count[key] = pairs_count.get(key, 0) + 1
    xs, ys = zip(*pairs_count, strict=True)
    counts = np.array(list(pairs_count.values()))
    ax.scatter(xs, ys, s=15 + 285 * counts / max(counts.max(), 10), alpha=0.6, edgecolors="k")
    for (x, y), count in pairs_count.items():
        if count > 1:
            ax.annotate(str(count), (x, y), xytext=(7, 5), textcoords="offset points", fontsize=7)
    labels = evaluation.machine.labels or (0, 1)
    low, top = min(labels), max(labels)
    ax.plot([low, top], [low, top], color="grey", linestyle="--", linewidth=1, label="agreement")
    ax.set_xlim(low - 0.7, top + 0.7)
    ax.set_ylim(low - 0.7, top + 0.7)
    for axis in (ax.xaxis, ax.yaxis):  # the default AutoLocator is a MaxNLocator
        cast(MaxNLocator, axis.get_major_locator()).set_params(integer=True)
    ax.set_xlabel(f"human {evaluation.compare}")
    ax.set_ylabel(f"grader {evaluation.compare}")
    qwk = fmt_figure(evaluation.machine.qwk.value, 2)
    ax.set_title(f"grader vs human (n={evaluation.machine.n}, QWK {qwk})")
    ax.legend(loc="upper left", title="circle area: scripts", title_fontsize=8, fontsize=8)
    fig.tight_layout()
    fig.savefig(out / "scatter.png", dpi=120)
    plt.close(fig)
    written.append(
        ("scatter.png", "grader's mark against the human mark (circle area: number of scripts)")
    )

    points = [p for p in evaluation.points if p.point_id != "all points"]
    if points:
        fig, ax = plt.subplots(figsize=(7.5, 0.35 * len(points) + 1.4))
        names = [p.point_id for p in points][::-1]
        values = [p.f1 for p in points][::-1]
        bars = ax.barh(names, values, color="#4c72b0")
        for bar, point in zip(bars, points[::-1], strict=True):
            ax.text(
                bar.get_width() + 0.01,
                bar.get_y() + bar.get_height() / 2,
                f"{point.f1:.2f} (n={point.support})",
                va="center",
                fontsize=8,
            )
        ax.set_xlim(0, 1.18)
        ax.set_xlabel("F1 of crediting the point (human point labels)")
        ax.set_title("Per-point F1")
        fig.tight_layout()
        fig.savefig(out / "point_f1.png", dpi=120)
        plt.close(fig)
        written.append(("point_f1.png", "Per-point F1 of crediting each rubric point"))
    return written


def _heatmap(ax: Any, pair: Agreement) -> None:
    from matplotlib.patches import Rectangle
    from matplotlib.ticker import MaxNLocator

    matrix = np.array(pair.confusion)
    image = ax.imshow(matrix, cmap="Blues", vmin=0)
    bar = ax.figure.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="scripts")
    bar.locator = MaxNLocator(integer=True)
    bar.update_ticks()
    many = len(pair.labels) > 8
    ticks = list(range(len(pair.labels)))
    ax.set_xticks(ticks, [str(x) for x in pair.labels], fontsize=7 if many else 9)
    ax.set_yticks(ticks, [str(x) for x in pair.labels], fontsize=7 if many else 9)
    for k in ticks:  # outline the diagonal: the cells where the raters agree
        ax.add_patch(Rectangle((k - 0.5, k - 0.5), 1, 1, fill=False, edgecolor="orange", lw=0.8))
    ax.set_xlabel(pair.rater_b)
    ax.set_ylabel(pair.rater_a)
    ax.set_title(f"{pair.rater_a} vs {pair.rater_b} (n={pair.n})")
    threshold = matrix.max() / 2 if matrix.size else 0
    for i in range(matrix.shape[0]):
        for j in range(matrix.shape[1]):
            if matrix[i, j] or not many:
                ax.text(
                    j,
                    i,
                    str(matrix[i, j]),
                    ha="center",
                    va="center",
                    fontsize=6 if many else 9,
                    color="white" if matrix[i, j] > threshold else "black",
                )


# --------------------------------------------------------------------------- text


def _tables(evaluation: Evaluation) -> list[tuple[str, list[str], list[list[str]]]]:
    """(title, header, rows) of every table in the report."""
    figures = figure_rows(evaluation)
    tables = [("Agreement", ["comparison", "statistic", "value", "95 % CI", "n"], figures)]
    machine = evaluation.machine
    tables.append(
        (
            f"Confusion matrix (rows: human {evaluation.compare}, columns: grader)",
            ["human \\ grader", *map(str, machine.labels)],
            [
                [str(label), *map(str, row)]
                for label, row in zip(machine.labels, machine.confusion, strict=True)
            ],
        )
    )
    if evaluation.points:
        tables.append(
            (
                "Point detection (credited vs human point labels)",
                ["point", "precision", "recall", "F1", "labelled", "credited"],
                [
                    [p.point_id, fmt_figure(p.precision), fmt_figure(p.recall), fmt_figure(p.f1)]
                    + [str(p.support), str(p.predicted)]
                    for p in evaluation.points
                ],
            )
        )
    if evaluation.unmarked:
        tables.append(
            (
                "Scripts that could not be marked (left out of every figure)",
                ["id", "reason"],
                [[u.essay_id, u.reason] for u in evaluation.unmarked],
            )
        )
    return tables


def _intro(evaluation: Evaluation) -> list[str]:
    settings = ", ".join(f"{k}={v}" for k, v in evaluation.settings.items())
    return [
        f"Rubric `{evaluation.rubric_id}` (version {evaluation.rubric_version}); "
        f"{evaluation.machine.n} scripts marked, {len(evaluation.unmarked)} unmarked; "
        f"comparing the {evaluation.compare}.",
        f"95 % intervals: percentile bootstrap over scripts, {evaluation.bootstrap} "
        f"resamples, seed {evaluation.seed}.",
        f"Settings: {settings}",
    ]


def render_markdown(evaluation: Evaluation, plots: list[tuple[str, str]]) -> str:
    lines = [f"# Evaluation of grader on `{evaluation.rubric_id}`", ""]
    lines += [f"{line}\n" for line in _intro(evaluation)]
    for title, header, rows in _tables(evaluation):
        lines += [f"## {title}", "", "| " + " | ".join(header) + " |"]
        lines.append("|" + "---|" * len(header))
        lines += ["| " + " | ".join(c.replace("|", "\\|") for c in row) + " |" for row in rows]
        lines.append("")
    if plots:
        lines += ["## Plots", ""]
        lines += [f"![{caption}]({name})\n" for name, caption in plots]
    return "\n".join(lines)


def render_html(evaluation: Evaluation, plots: list[tuple[str, str]]) -> str:
    esc = html.escape
    parts = [
        "<!doctype html><html><head><meta charset='utf-8'>",
        f"<title>Evaluation of grader on {esc(evaluation.rubric_id)}</title>",
        "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}"
        "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.2em .6em}"
        "td{text-align:right}</style></head><body>",
        f"<h1>Evaluation of grader on <code>{esc(evaluation.rubric_id)}</code></h1>",
    ]
    parts += [f"<p>{esc(line).replace('`', '')}</p>" for line in _intro(evaluation)]
    for title, header, rows in _tables(evaluation):
        parts.append(f"<h2>{esc(title)}</h2><table><tr>")
        parts += [f"<th>{esc(h)}</th>" for h in header]
        parts.append("</tr>")
        for row in rows:
            parts.append("<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>")
        parts.append("</table>")
    if plots:
        parts.append("<h2>Plots</h2>")
        parts += [
            f"<figure><img src='{esc(n)}' alt='{esc(c)}'><figcaption>{esc(c)}</figcaption></figure>"
            for n, c in plots
        ]
    parts.append("</body></html>")
    return "\n".join(parts)


def write_report(evaluation: Evaluation, out_dir: str | Path) -> list[Path]:
    """Write the report, plots and ``figures.json`` to ``out_dir``; returns the paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    plots = _plots(evaluation, out)
    (out / "report.md").write_text(render_markdown(evaluation, plots), encoding="utf-8")
    (out / "report.html").write_text(render_html(evaluation, plots), encoding="utf-8")
    (out / "figures.json").write_text(figures_json(evaluation), encoding="utf-8")
    return [out / "report.md", out / "report.html", out / "figures.json"] + [
        out / name for name, _ in plots
    ]
