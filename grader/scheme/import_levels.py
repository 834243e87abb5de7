"""Import a mark scheme as pasted (text, .docx or .pdf): levels of response, point-marked,
or the seed's point list.

Most mark schemes a teacher pastes are levels of response::

    'The Treaty of Versailles was the main cause of the Second World War.'
    How far do you agree? [16 marks]
    Level 4 (13–16 marks)
    Complex explanation of the stated factor and other factors ...
    For example, ...                       <- an example answer for level 4
    Level 3: 9-12 ...
    Maximum 2 marks for Level 1 answers that do not go beyond the stimulus points.
    Indicative content
    Stated factor
    - The Treaty left Germany resentful ...

The parsing is in :mod:`grader.scheme.levels_parse` (headings, tables, examples, caps,
indicative content), :mod:`grader.scheme.question` (question, marks, stimulus) and
:mod:`grader.scheme.level_bands` (band checks and repairs); point-marked schemes in
:mod:`grader.scheme.point_marked`. The indicative content becomes the rubric's points
through the seed-format importer (:func:`grader.scheme.import_points.import_scheme`), so
ids, keywords and compound bullets work the same. :func:`import_any` is the one entry
point: it chooses the layout from the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from pathlib import Path

from grader.errors import ImportSchemeError
from grader.scheme.answer_key import refuse_answer_keys
from grader.scheme.guidance import assessment_objectives
from grader.scheme.import_points import _slug, import_scheme, side_name
from grader.scheme.level_bands import check_levels, choose_grid, repair_overlaps
from grader.scheme.level_headings import heading_of, looks_like_levels
from grader.scheme.levels_parse import ParsedScheme, RawBand, parse_levels
from grader.scheme.paste import collapse_spaces
from grader.scheme.point_marked import import_point_marked, looks_point_marked
from grader.scheme.question import question_type_of, stated_factor_of
from grader.scheme.read import read_scheme_text
from grader.scheme.show import show_rubric
from grader.types import Bullet, LevelBand, Rubric, RubricKind

__all__ = [
    "default_id",
    "import_any",
    "import_levels",
    "looks_like_levels",
    "parse_levels",
    "read_scheme_text",
    "show_rubric",
    "stated_factor_of",
]


GENERIC_NAMES = {"markscheme", "mark-scheme", "mark_scheme", "scheme", "ms", "rubric"}


def default_id(path: str | Path) -> str:
    """A rubric id from the scheme's file name ("Weimar Opposition.docx" -> "weimar-opposition");
    a generic name ("markscheme.txt") takes its folder's name instead.

    Examples
    --------
    >>> default_id("questions/river-flooding/markscheme.txt")
    'river-flooding'
    """
    path = Path(path)
    stem = path.stem.lower()
    if stem in GENERIC_NAMES:
        stem = path.resolve().parent.name.lower() or stem
    return re.sub(r"[^a-z0-9]+", "-", stem).strip("-") or "rubric"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?:;" else text + "."


def _band(raw: RawBand) -> LevelBand:
    prose = " ".join(_sentence(t) for t in raw.text).strip()
    descriptor = prose or " ".join(_sentence(b) for b in raw.bullets)
    examples = tuple("\n".join(e).strip() for e in raw.examples if "".join(e).strip())
    return LevelBand(raw.level, raw.low, raw.high, descriptor, tuple(raw.bullets), examples)


def import_levels(
    text: str,
    *,
    rubric_id: str,
    ids: Mapping[str, str] | None = None,
    question: str | None = None,
    source: str = "<pasted mark scheme>",
) -> Rubric:
    """Build a rubric from a levels-of-response mark scheme.

    Parameters
    ----------
    text : str
        The scheme as text (see :func:`read_scheme_text` for .docx and .pdf).
    rubric_id : str
        Id of the new rubric.
    ids : mapping of str to str, optional
        Point id -> indicative-content bullet text, as for the seed-format importer.
    question : str, optional
        The question, when the scheme does not state it (overrides the one found).

    Returns
    -------
    Rubric
        ``kind`` is ``"levels"``, or ``"mixed"`` when the indicative content is ⭐ points;
        ``import_warnings`` says what was repaired or guessed.

    Examples
    --------
    >>> r = import_levels("Why did coal matter?\\nLevel 2 (4-6 marks)\\nDeveloped explanation"
    ...                   "\\nLevel 1 (1-3 marks)\\nBasic explanation", rubric_id="coal")
    >>> [(b.level, b.min_mark, b.max_mark) for b in r.levels]
    [(1, 1, 3), (2, 4, 6)]
    """
    text = collapse_spaces(text)
    parsed = parse_levels(text, source=source)
    question = (question or parsed.question).strip()
    if not parsed.grids:
        raise ImportSchemeError(
            f"{source}: no level headings found. Write each level on its own line with its "
            f"marks, e.g. 'Level 3 (9-12 marks)', 'L3 9-12' or 'Band 3: 7-9'."
        )
    if not question:
        raise ImportSchemeError(
            f"{source}: no question found. Start the scheme with the "
            f"question (a line ending in '?') or pass --question."
        )
    raw_bands, warnings = choose_grid(parsed.grids, total=parsed.info.marks, source=source)
    raw_bands, repaired = repair_overlaps(raw_bands, source)
    check_levels(raw_bands, source)
    warnings += repaired
    levels = tuple(sorted((_band(b) for b in raw_bands), key=lambda b: b.level))
    bare = Rubric(rubric_id, question, ("main",), (), levels, kind="levels", source=source)
    rubric = (
        _with_points(parsed, levels, ids, question, rubric_id, source)
        if parsed.indicative
        else bare
    )
    return replace(
        rubric,
        marks=parsed.info.marks or max(b.max_mark for b in levels),
        question_type=question_type_of(question),
        stimulus=parsed.info.stimulus,
        caps=tuple(parsed.caps),
        assessment_objectives=assessment_objectives(text.splitlines()),
        notes=tuple(parsed.notes),
        import_warnings=tuple(warnings),
        stated_factor=parsed.stated_factor,
    )


def _with_points(
    parsed: ParsedScheme,
    levels: Sequence[LevelBand],
    ids: Mapping[str, str] | None,
    question: str,
    rubric_id: str,
    source: str,
) -> Rubric:
    starred = any(star for _, _, star, _ in parsed.indicative)
    sides: list[str] = []
    lines = []
    whole_ids: dict[str, str] = {}
    next_n: dict[str, int] = {}  # next free suffix per slug: numbering stays linear
    aos: dict[str, str] = {}
    for side, bullet_text, _, ao in parsed.indicative:
        if side not in sides:
            sides.append(side)
        lines.append(f"{side}\n- {bullet_text}")
        aos[bullet_text] = ao
        if not starred:  # indicative content is credited bullet by bullet, never split
            base = candidate = f"{side[:1]}-{_slug(bullet_text)}"
            n = next_n.get(base, 2)
            while candidate in whole_ids:
                candidate, n = f"{base}-{n}", n + 1
            next_n[base] = n
            whole_ids[candidate] = bullet_text
    exact = ids is None and bool(whole_ids)
    if exact:
        ids = whole_ids
    rubric = import_scheme(
        "\n".join(lines),
        rubric_id=rubric_id,
        levels=levels,
        ids=ids,
        exact_ids=exact,
        question=question,
        source=source,
        names_at_start=True,
    )
    rename = {side_name(s): s for s in sides}
    bullets = tuple(
        Bullet(
            b.id,
            rename.get(b.side, b.side),
            b.text,
            tuple(
                replace(p, side=rename.get(p.side, p.side), ao=aos.get(b.text, "")) for p in b.parts
            ),
        )
        for b in rubric.bullets
    )
    kind: RubricKind = "mixed" if starred else "levels"
    return replace(rubric, sides=tuple(sides), bullets=bullets, conclusion="", kind=kind)


def import_any(
    text: str,
    *,
    rubric_id: str,
    levels: Sequence[LevelBand] = (),
    count_scores: Mapping[int, int] | None = None,
    ids: Mapping[str, str] | None = None,
    question: str | None = None,
    source: str = "<pasted mark scheme>",
    fallback_levels: Sequence[LevelBand] = (),
) -> Rubric:
    """Import any layout, chosen from the text: levels of response when it has level
    headings (and no bands were passed separately), point-marked when points carry "(1)"
    or "(d)" marks, else the seed's point list. A multiple-choice or calculation key is
    refused (:class:`~grader.errors.AnswerKeyScheme`, R011).

    ``fallback_levels`` are bands for a plain point list only (the web app's "borrow the
    bands of another rubric"): a scheme that brings its own marks ignores them."""
    text = collapse_spaces(text)
    refuse_answer_keys(text, source=source)
    if not levels and not count_scores:
        if any(heading_of(line) for line in text.splitlines()):
            return import_levels(
                text, rubric_id=rubric_id, ids=ids, question=question, source=source
            )
        if looks_point_marked(text):
            return import_point_marked(text, rubric_id=rubric_id, question=question, source=source)
    return import_scheme(
        text,
        rubric_id=rubric_id,
        levels=levels or (() if count_scores else fallback_levels),
        count_scores=count_scores,
        ids=ids,
        question=question,
        source=source,
    )
