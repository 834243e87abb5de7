"""Rubric diagnostics from human-marked scripts: how each point behaves in practice.

grader marks every script; per point this reports how often grader credits it or
finds it only name-dropped, how well "credited" agrees with the examiner's point
labels (scikit-learn's precision, recall, F1 and Cohen's kappa) and how well it
separates high human marks from low (``scipy.stats.pointbiserialr``), then turns
those figures into findings. :func:`grader.research.diagnose.diagnose` runs it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from scipy.stats import pointbiserialr
from sklearn.metrics import cohen_kappa_score, precision_recall_fscore_support

from grader.research.diagnose_limits import Thresholds
from grader.types import Finding, MarkedScript, MarkResult, PointDiagnostic, Rubric, ScriptGap


def level_of(rubric: Rubric, mark: int | None) -> int | None:
    """The rubric level whose band holds ``mark`` (``None`` if none does)."""
    if mark is None:
        return None
    for band in rubric.levels:
        if band.min_mark <= mark <= band.max_mark:
            return band.level
    return None


def _rate(flags: np.ndarray) -> float:
    return float(flags.mean()) if flags.size else float("nan")


def _r_pb(flags: np.ndarray, marks: np.ndarray) -> tuple[float, float]:
    if flags.size < 3 or flags.min() == flags.max() or marks.min() == marks.max():
        return float("nan"), float("nan")
    result = pointbiserialr(flags.astype(float), marks.astype(float))
    return float(result.statistic), float(result.pvalue)


def point_table(
    rubric: Rubric, scripts: Sequence[MarkedScript], results: Sequence[MarkResult]
) -> tuple[PointDiagnostic, ...]:
    """Per-point figures over scripts marked by both grader (``results``) and a human."""
    by_id = {s.id: s for s in scripts}
    pairs = [(by_id[r.essay_id], r) for r in results]
    marked = [(s, r) for s, r in pairs if s.mark is not None]
    labelled = [(s, r) for s, r in pairs if s.points is not None]
    marks = np.array([s.mark for s, _ in marked])
    levels = [s.level if s.level is not None else level_of(rubric, s.mark) for s, _ in marked]
    all_labelled = bool(marked) and all(s.points is not None for s, _ in marked)
    table = []
    for point in rubric.points:
        status = np.array([r.status_of(point.id) for _, r in pairs])
        credited = status == "credited"
        row = PointDiagnostic(
            point.id,
            point.side,
            len(pairs),
            _rate(credited),
            _rate(status == "name_dropped"),
        )
        on_marked = np.array([r.status_of(point.id) == "credited" for _, r in marked])
        human_marked = np.array([s.points is not None and point.id in s.points for s, _ in marked])
        r_pb, p_value = _r_pb(on_marked, marks)
        by_level, human_by_level = [], []
        for level in sorted({lv for lv in levels if lv is not None}):
            rows = [k for k, lv in enumerate(levels) if lv == level]
            by_level.append((level, float(on_marked[rows].mean()), len(rows)))
            human_by_level.append((level, float(human_marked[rows].mean()), len(rows)))
        row = replace(row, r_pb=r_pb, p_value=p_value, credit_by_level=tuple(by_level))
        if all_labelled:
            row = replace(row, human_by_level=tuple(human_by_level))
        if labelled:
            y_true = np.array([point.id in (s.points or ()) for s, _ in labelled])
            y_pred = np.array([r.status_of(point.id) == "credited" for _, r in labelled])
            precision, recall, f1, _ = precision_recall_fscore_support(
                y_true, y_pred, average="binary", zero_division=np.nan
            )
            both_constant = len(set(y_true)) == 1 and len(set(y_pred)) == 1
            kappa = float("nan") if both_constant else cohen_kappa_score(y_true, y_pred)
            human_r_pb = _r_pb(human_marked, marks)[0] if all_labelled else math.nan
            row = replace(
                row,
                human_rate=_rate(y_true),
                precision=float(precision),
                recall=float(recall),
                f1=float(f1),
                kappa=float(kappa),
                human_r_pb=float(human_r_pb),
            )
        table.append(row)
    return tuple(table)


def script_gaps(
    rubric: Rubric,
    scripts: Sequence[MarkedScript],
    results: Sequence[MarkResult],
    *,
    top: int = 5,
) -> tuple[ScriptGap, ...]:
    """The scripts where grader's mark is furthest from the human's, with the points why."""
    by_id = {s.id: s for s in scripts}
    own = {p.id for p in rubric.points}
    gaps = []
    for result in results:
        script = by_id[result.essay_id]
        if script.mark is None:
            continue
        credited = set(result.credited)
        human = set(script.points or ()) & own
        labels = script.points is not None
        gaps.append(
            ScriptGap(
                result.essay_id,
                script.mark,
                result.level.mark,
                tuple(p.id for p in rubric.points if p.id in credited - human) if labels else (),
                tuple(p.id for p in rubric.points if p.id in human - credited) if labels else (),
            )
        )
    gaps.sort(
        key=lambda g: (-abs(g.grader_mark - g.human_mark), -len(g.grader_only) - len(g.human_only))
    )
    return tuple(g for g in gaps[:top] if g.grader_mark != g.human_mark or g.grader_only)


def script_findings(
    table: Sequence[PointDiagnostic], thresholds: Thresholds | None = None
) -> tuple[Finding, ...]:
    """Findings from per-point figures: never or always credited, poor agreement, no spread."""
    limits = thresholds or Thresholds()
    found = []
    for row in table:
        n, pid = row.scripts, row.point_id
        if n < limits.min_scripts:
            continue
        credited = round(row.credited_rate * n)
        if credited == 0:
            human = (
                ""
                if math.isnan(row.human_rate)
                else (f" (the examiner credited it in {round(row.human_rate * n)})")
            )
            found.append(
                Finding(
                    "never-credited",
                    "warning",
                    f"Point '{pid}' was never credited in {n} scripts{human}. Check its "
                    f"wording and keywords against how students write about it.",
                    points=(pid,),
                    value=0.0,
                )
            )
        elif row.credited_rate >= limits.always_credited:
            found.append(
                Finding(
                    "always-credited",
                    "info",
                    f"Point '{pid}' was credited in {credited} of {n} scripts "
                    f"({row.credited_rate:.0%}): it hardly separates strong answers from weak.",
                    points=(pid,),
                    value=row.credited_rate,
                )
            )
        if row.name_dropped_rate >= limits.often_name_dropped:
            dropped = round(row.name_dropped_rate * n)
            found.append(
                Finding(
                    "often-name-dropped",
                    "info",
                    f"Point '{pid}' was only name-dropped in {dropped} of {n} scripts "
                    f"({row.name_dropped_rate:.0%}): students name it without explaining it.",
                    points=(pid,),
                    value=row.name_dropped_rate,
                )
            )
        if not math.isnan(row.kappa) and row.kappa < limits.low_kappa:
            found.append(
                Finding(
                    "low-agreement",
                    "warning",
                    f"Point '{pid}' agrees poorly with the examiner's point labels (kappa "
                    f"{row.kappa:.2f}, precision {row.precision:.2f}, recall {row.recall:.2f}).",
                    points=(pid,),
                    value=row.kappa,
                )
            )
        if not math.isnan(row.r_pb) and row.r_pb < limits.low_r_pb:
            found.append(
                Finding(
                    "not-discriminating",
                    "info",
                    f"Point '{pid}' does not separate high human marks from low (point-biserial "
                    f"r = {row.r_pb:.2f}, p = {row.p_value:.2f}).",
                    points=(pid,),
                    value=row.r_pb,
                )
            )
    return tuple(found)
