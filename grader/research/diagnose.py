"""Rubric diagnostics: where a mark scheme itself is weak.

Two kinds of check, each returning typed :class:`~grader.types.Finding` records:

- :func:`check_rubric` reads the scheme alone: points so alike that evidence for one
  is credited to the other, points too vague to match, compound bullets that bundle
  several events, thin sides, level bands with gaps or overlaps, and level
  descriptors too alike to tell apart.
- :mod:`~grader.research.diagnose_scripts` marks a set of human-marked scripts and
  reports, per point, how often grader credits or only name-drops it, how well that agrees
  with the examiner's point labels (precision, recall, F1, Cohen's kappa) and how well it
  separates high marks from low (point-biserial correlation with the human mark).

:func:`diagnose` runs both. The checks live by concern in
:mod:`~grader.research.diagnose_points`, :mod:`~grader.research.diagnose_bands` and
:mod:`~grader.research.diagnose_scripts`, their thresholds in
:mod:`~grader.research.diagnose_limits`. Tables, the plot and the Markdown section are in
:mod:`grader.render.diagnostics_report`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import yaml

from grader.core.embed import Encoder, encode_cached, get_encoder
from grader.core.pipeline import Marker
from grader.errors import RubricError, RubricSyntaxError
from grader.research.diagnose_bands import band_findings, indistinct_level_findings
from grader.research.diagnose_limits import Thresholds
from grader.research.diagnose_points import (
    compound_point_findings,
    overlap_findings,
    shared_keyword_findings,
    thin_side_findings,
    vague_point_findings,
)
from grader.research.diagnose_scripts import point_table, script_findings, script_gaps
from grader.scheme import rubric as rubric_io
from grader.types import Finding, LevelBand, MarkedScript, MarkResult, Rubric, RubricDiagnostics

__all__ = ["Thresholds", "check_rubric", "diagnose", "load_for_check"]


# --------------------------------------------------------------------------- loading


def load_for_check(name_or_path: str | Path) -> tuple[Rubric, tuple[LevelBand, ...]]:
    """Load a rubric for checking, keeping level bands that ``load_rubric`` would refuse.

    Every other problem (bad YAML, a missing field, a malformed band) is raised as by
    :func:`grader.scheme.rubric.load_rubric`; bands that overlap, leave gaps or repeat a level
    are returned as they are so that :func:`check_rubric` can report all of them.
    """
    try:
        loaded = rubric_io.load_rubric(name_or_path)
        return loaded, loaded.levels
    except RubricError as first:
        if isinstance(first, RubricSyntaxError):  # not YAML, or not UTF-8: nothing to check
            raise
        path = rubric_io.find_rubric(name_or_path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            raise first from None
        raw_levels = data.get("levels") if isinstance(data, dict) else None
        if not isinstance(raw_levels, list) or len(raw_levels) < 2:
            raise
        bands = tuple(
            band
            for item in raw_levels
            for band in rubric_io._levels([item], str(path))  # validates one band at a time
        )
        probe = {**data, "levels": None, "count_scores": data.get("count_scores") or {0: 0}}
        try:
            loaded = rubric_io.rubric_from_dict(probe, source=str(path))
        except RubricError:
            raise first from None
        if not data.get("count_scores"):
            loaded = replace(loaded, count_scores=())
        return replace(loaded, levels=bands), bands


# --------------------------------------------------------------------------- rubric alone


def check_rubric(
    rubric: Rubric,
    *,
    bands: Sequence[LevelBand] | None = None,
    encoder: Encoder | None = None,
    thresholds: Thresholds | None = None,
) -> tuple[Finding, ...]:
    """Weaknesses visible in the mark scheme itself, no scripts needed.

    Parameters
    ----------
    rubric : Rubric
        The scheme to check.
    bands : sequence of LevelBand, optional
        Level bands as written (default ``rubric.levels``); pass the raw bands from
        :func:`load_for_check` to report gaps and overlaps.
    encoder : Encoder, optional
        Sentence encoder (default: the packaged MiniLM).
    thresholds : Thresholds, optional

    Examples
    --------
    >>> from grader.scheme.rubric import load_rubric
    >>> findings = check_rubric(load_rubric("ussr-1920s"))
    >>> sorted({f.kind for f in findings})
    ['bare-label', 'compound-point', 'overlapping-points', 'shared-keywords']
    """
    limits = thresholds or Thresholds()
    enc = encoder or get_encoder()
    points = rubric.points
    vectors = encode_cached(enc, [p.text for p in points])
    question = enc.encode([rubric.question])[0]
    similarity = vectors @ vectors.T
    findings = [
        *overlap_findings(rubric, similarity, limits),
        *shared_keyword_findings(rubric),
        *vague_point_findings(rubric, similarity, vectors @ question, limits),
        *compound_point_findings(rubric),
        *thin_side_findings(rubric, limits),
    ]
    levels = tuple(rubric.levels if bands is None else bands)
    findings += band_findings(levels)
    findings += indistinct_level_findings(levels, enc, limits)
    findings += _import_guesses(rubric)
    return tuple(findings)


def _import_guesses(rubric: Rubric) -> list[Finding]:
    """What the importer repaired or guessed, and caps the marker cannot test."""
    found = [Finding("import-guess", "warning", warning) for warning in rubric.import_warnings]
    for cap in rubric.caps:
        if cap.condition == "other":
            found.append(
                Finding(
                    "untestable-cap",
                    "warning",
                    f"the cap '{cap.text}' names a condition grader cannot test; it is shown "
                    f"to the examiner but not applied. Reword it (e.g. 'Maximum 4 marks for "
                    f"answers with no judgement') or apply it by hand.",
                )
            )
    return found


def diagnose(
    rubric: Rubric,
    scripts: Sequence[MarkedScript] = (),
    *,
    bands: Sequence[LevelBand] | None = None,
    marker: Marker | None = None,
    thresholds: Thresholds | None = None,
) -> RubricDiagnostics:
    """Check a rubric, and with human-marked scripts, how each of its points behaves.

    Parameters
    ----------
    rubric : Rubric
    scripts : sequence of MarkedScript
        Human-marked scripts (:func:`grader.io.marked.read_marked`); none for the rubric
        checks alone.
    bands : sequence of LevelBand, optional
        Raw level bands (see :func:`load_for_check`).
    marker : grader.core.pipeline.Marker, optional
        A marker for ``rubric`` to reuse (its encoder is reused for the checks).
    thresholds : Thresholds, optional

    Examples
    --------
    >>> from grader.scheme.rubric import load_rubric
    >>> diag = diagnose(load_rubric("ussr-1920s"))
    >>> diag.scripts, len(diag.findings) > 0
    (0, True)
    """
    encoder = marker.encoder if marker is not None else None
    findings = check_rubric(rubric, bands=bands, encoder=encoder, thresholds=thresholds)
    if not scripts:
        return RubricDiagnostics(rubric.id, findings)
    marker = marker or Marker(rubric)
    outcomes = marker.mark_many([(s.id, s.text) for s in scripts])
    results = [o for o in outcomes if isinstance(o, MarkResult)]
    unmarked = tuple(o.essay_id for o in outcomes if not isinstance(o, MarkResult))
    table = point_table(rubric, scripts, results)
    return RubricDiagnostics(
        rubric.id,
        findings + script_findings(table, thresholds),
        points=table,
        gaps=script_gaps(rubric, scripts, results),
        scripts=len(results),
        unmarked=unmarked,
    )
