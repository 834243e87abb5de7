"""Render :class:`~grader.types.RubricDiagnostics`: DataFrames, a plot, Markdown, a terminal table.

One result, several renderers: ``findings_frame`` and ``points_frame`` for a
researcher's notebook, ``diagnostics_section`` for the ``grader evaluate`` report
(Markdown plus a PNG of per-point credit rate by human level), ``print_diagnostics``
for ``grader rubric check``.
"""

from __future__ import annotations

import math
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pandas as pd
from rich.console import Console
from rich.table import Table

from grader.types import PointDiagnostic, RubricDiagnostics

PLOT_NAME = "point-credit-by-level.png"
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}
POINT_COLUMNS = [
    "credited_rate",
    "name_dropped_rate",
    "human_rate",
    "precision",
    "recall",
    "f1",
    "kappa",
    "r_pb",
    "p_value",
    "human_r_pb",
]

SHORT_HEADERS = [
    "point",
    "side",
    "credited",
    "dropped",
    "human",
    "prec",
    "recall",
    "F1",
    "kappa",
    "r_pb",
    "p",
    "human r_pb",
]


def findings_frame(diag: RubricDiagnostics) -> pd.DataFrame:
    """One row per finding: kind, severity, side, points, levels, value, message.

    Examples
    --------
    >>> from grader.research.diagnose import diagnose
    >>> from grader.scheme.rubric import load_rubric
    >>> frame = findings_frame(diagnose(load_rubric("ussr-1920s")))
    >>> list(frame.columns)
    ['kind', 'severity', 'side', 'points', 'levels', 'value', 'message']
    """
    rows = [
        {**asdict(f), "points": ", ".join(f.points), "levels": ", ".join(map(str, f.levels))}
        for f in sorted(diag.findings, key=lambda f: SEVERITY_ORDER[f.severity])
    ]
    columns = ["kind", "severity", "side", "points", "levels", "value", "message"]
    return pd.DataFrame(rows, columns=columns)


def points_frame(diag: RubricDiagnostics) -> pd.DataFrame:
    """One row per rubric point (index ``point_id``) with its figures over the scripts.

    Columns: ``side``, ``scripts`` and the rates and agreement figures of
    :class:`~grader.types.PointDiagnostic` (``nan`` where undefined). Empty when the
    diagnostics ran without scripts.
    """
    rows = [
        {"point_id": p.point_id, "side": p.side, "scripts": p.scripts}
        | {c: getattr(p, c) for c in POINT_COLUMNS}
        for p in diag.points
    ]
    frame = pd.DataFrame(rows, columns=["point_id", "side", "scripts", *POINT_COLUMNS])
    return frame.set_index("point_id")


def credit_by_level_frame(diag: RubricDiagnostics, *, human: bool = False) -> pd.DataFrame:
    """Rates by human level: rows are points, columns levels (grader's, or the examiner's)."""
    data = {
        p.point_id: {lv: rate for lv, rate, _ in (p.human_by_level if human else p.credit_by_level)}
        for p in diag.points
    }
    return pd.DataFrame.from_dict(data, orient="index").sort_index(axis=1)


def _level_counts(points: tuple[PointDiagnostic, ...]) -> dict[int, int]:
    return {lv: n for lv, _, n in (points[0].credit_by_level if points else ())}


def plot_credit_by_level(diag: RubricDiagnostics, path: str | Path) -> Path:
    """Write a heat map of per-point credit rate by human level to ``path`` (PNG).

    With point labels a second panel shows the examiner's own rate, so a row that
    differs between the panels is a point grader credits differently from the human.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    grader_rates = credit_by_level_frame(diag)
    panels = [("grader: credited", grader_rates)]
    if any(p.human_by_level for p in diag.points):
        panels.append(("examiner: explained", credit_by_level_frame(diag, human=True)))
    counts = _level_counts(diag.points)
    height = 1.2 + 0.42 * max(len(grader_rates), 1)
    fig, axes = plt.subplots(
        1, len(panels), figsize=(4.2 * len(panels) + 1.6, height), squeeze=False, sharey=True
    )
    image = None
    for ax, (title, frame) in zip(axes[0], panels, strict=False):
        values = frame.to_numpy(dtype=float)
        image = ax.imshow(values, vmin=0, vmax=1, cmap="viridis", aspect="auto")
        ax.set_xticks(range(frame.shape[1]))
        ax.set_xticklabels([f"L{lv}\n(n={counts.get(lv, 0)})" for lv in frame.columns])
        ax.set_yticks(range(frame.shape[0]))
        ax.set_yticklabels(frame.index)
        ax.set_xlabel("human level")
        ax.set_title(title)
        for (i, j), value in np.ndenumerate(values):
            if not math.isnan(value):
                colour = "black" if value > 0.6 else "white"
                ax.text(j, i, f"{value:.0%}", ha="center", va="center", fontsize=7, color=colour)
    if image is not None:
        fig.colorbar(image, ax=axes[0].tolist(), label="share of scripts", shrink=0.9)
    fig.suptitle(f"{diag.rubric_id}: per-point credit rate by human level ({diag.scripts} scripts)")
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=120, bbox_inches="tight")
    plt.close(fig)
    return path


def _cell(value: object) -> str:
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.2f}"
    return str(value).replace("|", "\\|")


def markdown_table(frame: pd.DataFrame, *, index: bool = True) -> str:
    """A GitHub-flavoured Markdown table of ``frame`` (floats to two decimals, nan blank)."""
    frame = frame.reset_index() if index else frame
    lines = [
        "| " + " | ".join(map(str, frame.columns)) + " |",
        "|" + "|".join("---" for _ in frame.columns) + "|",
    ]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in frame.itertuples(False)]
    return "\n".join(lines)


def diagnostics_section(
    diag: RubricDiagnostics, out_dir: str | Path, *, heading: str = "## Rubric diagnostics"
) -> str:
    """A Markdown section for a report; writes the credit-by-level PNG into ``out_dir``.

    Returns the Markdown, which links the plot by its file name (put the Markdown in
    ``out_dir`` too).
    """
    out_dir = Path(out_dir)
    parts = [heading, ""]
    findings = sorted(diag.findings, key=lambda f: SEVERITY_ORDER[f.severity])
    if findings:
        parts += [f"- **{f.severity}** `{f.kind}`: {f.message}" for f in findings]
    else:
        parts.append("No weaknesses found in the mark scheme.")
    if diag.points:
        parts += ["", f"Per point over {diag.scripts} human-marked scripts:", ""]
        parts.append(markdown_table(points_frame(diag)))
        plot = plot_credit_by_level(diag, out_dir / PLOT_NAME)
        parts += ["", f"![Per-point credit rate by human level]({plot.name})"]
    if diag.gaps:
        parts += ["", "Scripts where grader and the examiner differ most:", ""]
        parts.append("| script | human mark | grader mark | grader only | examiner only |")
        parts.append("|---|---|---|---|---|")
        parts += [
            f"| {g.essay_id} | {g.human_mark} | {g.grader_mark} | {', '.join(g.grader_only)} "
            f"| {', '.join(g.human_only)} |"
            for g in diag.gaps
        ]
    if diag.unmarked:
        parts += ["", f"Not marked (unreadable or empty): {', '.join(diag.unmarked)}"]
    return "\n".join(parts) + "\n"


def print_diagnostics(diag: RubricDiagnostics, console: Console) -> None:
    """The terminal view of ``grader rubric check``."""
    findings = sorted(diag.findings, key=lambda f: SEVERITY_ORDER[f.severity])
    table = Table("severity", "kind", "where", "finding", show_lines=True)
    for f in findings:
        where = (
            f"side '{f.side}'"
            if f.side
            else ", ".join(f.points) or ", ".join(f"level {lv}" for lv in f.levels)
        )
        table.add_row(f.severity, f.kind, where, f.message)
    console.print(f"[bold]{diag.rubric_id}[/bold]: {len(findings)} finding(s)")
    if findings:
        console.print(table)
    if diag.points:
        frame = points_frame(diag)
        stats = Table(*SHORT_HEADERS)
        stats.columns[0].no_wrap = True
        for pid, row in frame.iterrows():
            stats.add_row(str(pid), row["side"], *[_cell(float(row[c])) for c in POINT_COLUMNS])
        console.print(f"Per point over {diag.scripts} human-marked scripts:")
        console.print(stats)
    if diag.gaps:
        gaps = Table("script", "human", "grader", "grader only", "examiner only")
        for g in diag.gaps:
            gaps.add_row(
                g.essay_id,
                str(g.human_mark),
                str(g.grader_mark),
                ", ".join(g.grader_only),
                ", ".join(g.human_only),
            )
        console.print("Scripts where grader and the examiner differ most:")
        console.print(gaps)
    if diag.unmarked:
        console.print(f"Not marked: {', '.join(diag.unmarked)}")
