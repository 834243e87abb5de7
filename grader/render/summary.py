"""The class summary: level distribution, most-missed points, scripts to review.

One self-contained HTML page (the chart is inline SVG drawn by matplotlib), built
from the batch's results; all text is HTML-escaped by Jinja2.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Sequence
from typing import cast

from grader.render.environment import template_env
from grader.types import MarkResult, Rubric, Unmarked


def level_chart_svg(results: Sequence[MarkResult], rubric: Rubric) -> str:
    """An SVG bar chart of how many scripts reached each level (every band shown)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    levels = sorted({b.level for b in rubric.levels} or {r.level.level for r in results})
    counts = Counter(r.level.level for r in results)
    figure, axes = plt.subplots(figsize=(5.5, 2.6))
    bars = axes.bar([str(level) for level in levels], [counts[level] for level in levels])
    axes.bar_label(bars)
    axes.set_xlabel("level")
    axes.set_ylabel("scripts")
    axes.spines[["top", "right"]].set_visible(False)
    axes.set_ylim(0, max(counts.values(), default=0) * 1.2 + 1)
    figure.tight_layout()
    buffer = io.StringIO()
    plt.rcParams["svg.fonttype"] = "none"
    figure.savefig(buffer, format="svg")
    plt.close(figure)
    svg = buffer.getvalue()
    return svg[svg.index("<svg") :]


def point_coverage(results: Sequence[MarkResult], rubric: Rubric) -> list[dict[str, object]]:
    """Per point: how many scripts credited, name-dropped or missed it; most missed first."""
    rows = []
    for point in rubric.points:
        statuses = Counter(r.status_of(point.id) for r in results)
        rows.append(
            {
                "id": point.id,
                "side": point.side,
                "text": point.text,
                "credited": statuses["credited"],
                "name_dropped": statuses["name_dropped"],
                "missing": statuses["missing"],
            }
        )
    return sorted(
        rows, key=lambda row: (-cast(int, row["missing"]), -cast(int, row["name_dropped"]))
    )


def render_class_summary(
    results: Sequence[MarkResult],
    unmarked: Sequence[Unmarked],
    rubric: Rubric,
    *,
    students: dict[str, str] | None = None,
    reports: dict[str, str] | None = None,
) -> str:
    """The class summary page as a complete HTML document.

    ``reports`` maps an essay id to the relative link of its student report.
    """
    students = students or {}
    marks = [r.level.mark for r in results]
    flagged = [r for r in results if r.level.needs_review]
    return (
        template_env()
        .get_template("class_summary.html")
        .render(
            rubric=rubric,
            results=results,
            unmarked=unmarked,
            flagged=flagged,
            students=students,
            reports=reports or {},
            chart=level_chart_svg(results, rubric),
            coverage=point_coverage(results, rubric),
            mean_mark=sum(marks) / len(marks) if marks else 0.0,
            median_mark=sorted(marks)[len(marks) // 2] if marks else 0,
        )
    )
