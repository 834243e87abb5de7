"""Import a levels-of-response mark scheme (pasted text, .docx or .pdf with text).

Most mark schemes a teacher pastes are levels of response, not point lists::

    'The Treaty of Versailles was the main cause of the Second World War.'
    How far do you agree? [16 marks]
    Level 4 (13–16 marks)
    Complex explanation of the stated factor and other factors ...
    - Judgement is sustained ...
    Example answer: ...
    Level 3: 9-12  ...
    Indicative content
    Stated factor
    - The Treaty left Germany resentful ...
    Other factors
    - The Great Depression ...

This module finds the level headings with their mark ranges in the spellings boards
use ("Level 3 (9–12 marks)", "L3 9-12", "Band 3: 7–9", "Level 3 [5-6]", "Level 2 (4 to 6
marks)", "0 marks: no rewardable material"), the descriptor text and bullets of each
level, example answers per level, and the indicative content with the sides it argues
("for/against", "stated factor/other factors", "agree/disagree", "successes/failures").
The indicative content becomes the rubric's points through the seed-format importer
(:func:`grader.scheme.import_points.import_scheme`), so ids, keywords and compound bullets work the
same. Bad bands (a gap, an overlap, a level with no marks, marks backwards, a level
given twice) are reported with the line they are on.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from grader.errors import (
    CorruptDocx,
    ImportSchemeError,
    LevelBandError,
    UnsupportedFile,
)

if TYPE_CHECKING:
    from rich.console import Console
from grader.scheme.import_points import (
    BULLET,
    _slug,
    collapse_spaces,
    import_scheme,
    side_name,
)
from grader.types import Bullet, LevelBand, Rubric, RubricKind

HEADING = re.compile(
    r"^\s*(?:#+\s*)?(?:\*\*)?(?P<word>level|band|lvl|l(?=\d))\s*(?P<num>\d{1,2})\b(?P<after>.*)$",
    re.IGNORECASE,
)
MARKS = re.compile(
    r"^[\s:.,;=*–—-]*[(\[]?\s*(?:marks?\s*:?\s*)?(?P<lo>\d{1,3})\s*"
    r"(?:(?:–|—|-|to)\s*(?P<hi>\d{1,3}))?\s*(?:marks?\b)?\s*[)\]]?(?P<rest>.*)$",
    re.IGNORECASE,
)
# A mark range ending a heading line ("... stated factor 13–16"). Searched only in the last
# TRAILING_WINDOW characters of the line with its whitespace runs collapsed, so finding it is
# linear in the line's length (a '(?P<rest>.*?)' prefix over the whole line was cubic).
TRAILING_MARKS = re.compile(
    r"[(\[]? ?(?P<lo>\d{1,3}) ?(?:–|—|-|to) ?(?P<hi>\d{1,3}) ?(?:marks?)? ?[)\]]?$",
    re.IGNORECASE,
)
TRAILING_WINDOW = 32
ZERO_MARKS = re.compile(r"^\s*(?:\*\*)?0\s*marks?\b(?P<rest>.*)$", re.IGNORECASE)
INDICATIVE = re.compile(
    r"^\s*(?:#+\s*)?(?:\*\*)?(?:indicative (?:content|answer|points)|possible content|"
    r"(?:relevant )?points? (?:that )?(?:students|candidates) (?:may|might|could) (?:make|"
    r"include|use)|answers? (?:may|might|could) include|relevant points (?:may )?include)\b",
    re.IGNORECASE,
)
EXAMPLE = re.compile(
    r"^\s*(?:#+\s*)?(?:\*\*)?(?:an?\s+)?(?:example|exemplar|sample|model)\b"
    r"(?:\s+(?:answers?|responses?|paragraphs?|of\b))?(?P<rest>.*)$",
    re.IGNORECASE,
)
LEVEL_IN_TEXT = re.compile(r"\b(?:level|band)\s*(\d{1,2})\b|\bL(\d{1,2})\b", re.IGNORECASE)
QUESTION_PREFIX = re.compile(r"^\s*(?:question|q)\s*\d*\s*[:.)]\s*", re.IGNORECASE)
QUESTION_START = re.compile(
    r"^\s*(?:['‘\"“]|evaluate|assess|discuss|to what extent|how far|explain|analyse)",
    re.IGNORECASE,
)
MARK_TOTAL = re.compile(r"\s*[(\[]\s*\d{1,3}\s*marks?\s*[)\]]\s*$", re.IGNORECASE)
STATED_FACTOR = re.compile(
    r"^\s*[‘“\"']\s*(?P<factor>.+?)(?<!\s)\s+(?:was|were|is|are)\s+the\s+(?:main|most important|"
    r"key|principal|primary|chief|biggest)\s+(?:cause|reason|factor|consequence|effect|"
    r"result)\b",
    re.IGNORECASE,
)
# Side announced by a line of the indicative content; checked in this order.
SIDE_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bother (?:factors?|causes?|reasons?)\b", re.I), "other-factors"),
    (re.compile(r"\bstated (?:factor|cause|reason)\b", re.I), "stated-factor"),
    (re.compile(r"\bdisagree\w*|\bchalleng\w*|\bcounter-?argument", re.I), "disagree"),
    (re.compile(r"\bagree\w*|\bsupport(?:s|ing)? the (?:statement|view|claim)", re.I), "agree"),
    (re.compile(r"\bunsuccessful\b|\bfailures?\b|\blimitations?\b", re.I), "failure"),
    (re.compile(r"\bsuccess(?:es|ful)?\b|\bachievements?\b", re.I), "success"),
    (re.compile(r"\bdisadvantages?\b", re.I), "disadvantage"),
    (re.compile(r"\badvantages?\b|\bbenefits?\b", re.I), "advantage"),
    (re.compile(r"\bagainst\b", re.I), "against"),
    (re.compile(r"\b(?:arguments?|points?|evidence|reasons?|case)\s+for\b|^\W*for\b", re.I), "for"),
)
# When the scheme names a stated factor, agreeing sides become that factor's side.
STATED_SIDES = {
    "agree": "stated-factor",
    "for": "stated-factor",
    "disagree": "other-factors",
    "against": "other-factors",
}
PURE_SIDE_HEADING = re.compile(
    r"^\W*(?:(?:arguments?|points?|evidence|factors?) )?(?:for|against|agree|disagree|"
    r"successes|failures|advantages|disadvantages|stated factor|other factors|"
    r"the stated factor|strengths|weaknesses)\W*$",
    re.IGNORECASE,
)
MAX_SIDE_HEADING_WORDS = 16


@dataclass
class _Band:
    level: int
    low: int
    high: int
    line: int
    text: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    examples: list[list[str]] = field(default_factory=list)


@dataclass
class ParsedScheme:
    """What was found in a levels-based scheme, before it becomes a :class:`Rubric`."""

    question: str
    bands: list[_Band]
    indicative: list[tuple[str, str, bool]]  # (side, text, starred)
    stated_factor: str = ""


def _heading(line: str) -> tuple[int, int | None, int | None, str] | None:
    """(level, low, high, rest) for a level heading; low is None when it has no marks."""
    zero = ZERO_MARKS.match(line)
    if zero:
        return 0, 0, 0, zero.group("rest").strip(" :.–—-*")
    found = HEADING.match(line)
    if not found:
        return None
    level, after = int(found.group("num")), found.group("after")
    marks = MARKS.match(after)
    if marks and (marks.group("hi") or re.search(r"marks?|[(\[]", after[: marks.end("lo") + 8])):
        high = marks.group("hi") or marks.group("lo")
        rest = marks.group("rest").strip(" :.–—-*)]")
        return level, int(marks.group("lo")), int(high), rest
    if marks and not marks.group("hi"):  # "Level 0 0 No rewardable material" (table row)
        rest = marks.group("rest").strip(" :.–—-*")
        if int(marks.group("lo")) == level == 0:
            return level, 0, 0, rest
    trailing = _trailing_marks(after)
    if trailing:  # "Level 4: Complex explanation of the stated factor 13–16"
        return level, *trailing
    label = after.strip(" :.–—-*")
    if len(label.split()) <= 6 and not label.endswith("."):
        return level, None, None, label
    return None


def _trailing_marks(after: str) -> tuple[int, int, str] | None:
    """(low, high, rest) when ``after`` ends in a mark range, in time linear in its length."""
    collapsed = " ".join(after.split())
    start = max(0, len(collapsed) - TRAILING_WINDOW)
    found = TRAILING_MARKS.search(collapsed, start)
    if not found:
        return None
    rest = collapsed[: found.start()].rstrip(" :.,;=*–—-").strip(" :.–—-*")
    return int(found.group("lo")), int(found.group("hi")), rest


def _side_of(line: str, stated: bool) -> str | None:
    for pattern, side in SIDE_CUES:
        if pattern.search(line):
            return STATED_SIDES.get(side, side) if stated else side
    return None


def stated_factor_of(question: str) -> str:
    """'The Treaty of Versailles' from "'The Treaty of Versailles was the main cause of ...'"."""
    found = STATED_FACTOR.match(question)
    return found.group("factor").strip() if found else ""


def looks_like_levels(text: str) -> bool:
    """True when the text has at least two level headings with mark ranges."""
    count = 0
    for line in collapse_spaces(text).split("\n"):
        found = _heading(line)
        if found and found[1] is not None:
            count += 1
    return count >= 2


def _find_question(lines: Sequence[tuple[int, str]]) -> str:
    before = []
    for _, line in lines:
        if _heading(line) or INDICATIVE.match(line) or BULLET.match(line):
            break
        before.append(line)
    for line in before:
        if QUESTION_PREFIX.match(line):
            return MARK_TOTAL.sub("", QUESTION_PREFIX.sub("", line)).strip()
    # A question may run over two lines: the quoted statement, then "How far do you agree?"
    for index, line in enumerate(before):
        if QUESTION_START.match(line) or line.endswith("?") or MARK_TOTAL.search(line):
            question = line
            if (
                not line.rstrip().endswith("?")
                and not MARK_TOTAL.search(line)
                and index + 1 < len(before)
                and before[index + 1].rstrip().endswith(("?", "marks)", "marks]"))
            ):
                question += " " + before[index + 1]
            return MARK_TOTAL.sub("", question).strip()
    return ""


def parse_levels(text: str, *, source: str = "<pasted mark scheme>") -> ParsedScheme:
    """Find the level bands, examples and indicative content of a levels-based scheme.

    Raises
    ------
    ImportSchemeError
        With the line number, for a level heading without marks, marks backwards, a
        level given twice, an example for a level the scheme does not define.
    """
    numbered = [
        (number, raw.strip())
        for number, raw in enumerate(collapse_spaces(text).split("\n"), 1)
        if raw.strip()
    ]
    question = _find_question(numbered)
    stated = bool(re.search(r"\bstated factor\b", text, re.I)) or bool(stated_factor_of(question))
    bands: dict[int, _Band] = {}
    indicative: list[tuple[str, str, bool]] = []
    mode = "preamble"  # preamble | level | indicative | example
    current: _Band | None = None
    example: list[str] | None = None
    side = "main"
    seen_levels = False
    for number, line in numbered:
        heading = _heading(line)
        example_head = EXAMPLE.match(line) if not BULLET.match(line) else None
        if heading and mode != "example-section":
            level, low, high, rest = heading
            if low is None or high is None:
                raise ImportSchemeError(
                    f"{source}:{number}: '{line}' has no mark range. Give the marks of "
                    f"level {level}, e.g. 'Level {level} (9-12 marks)' or 'Level {level}: 9-12'."
                )
            if low > high:
                raise LevelBandError(
                    f"{source}:{number}: level {level} has its marks backwards ({low}-{high}). "
                    f"Write the lowest mark first: {high}-{low}."
                )
            if level in bands:
                raise LevelBandError(
                    f"{source}:{number}: level {level} is defined twice (first on line "
                    f"{bands[level].line}). Remove or renumber one of them."
                )
            current = bands[level] = _Band(level, low, high, number)
            if rest:
                current.text.append(rest)
            mode, example, seen_levels = "level", None, True
            continue
        if heading and mode == "example-section":
            level = heading[0]
            if level not in bands:
                raise ImportSchemeError(
                    f"{source}:{number}: an example answer for level {level}, which the scheme "
                    f"does not define (levels: {', '.join(map(str, sorted(bands)))})."
                )
            current, example = bands[level], []
            bands[level].examples.append(example)
            if heading[3] and heading[1] is None:
                example.append(heading[3])
            continue
        if INDICATIVE.match(line) and len(line.split()) <= MAX_SIDE_HEADING_WORDS:
            mode, current, example = "indicative", None, None
            found_side = _side_of(INDICATIVE.sub("", line), stated)
            side = found_side or side
            continue
        if example_head:
            rest = example_head.group("rest")
            named = LEVEL_IN_TEXT.search(rest)
            target = current
            if named:
                level = int(named.group(1) or named.group(2))
                if level not in bands:
                    raise ImportSchemeError(
                        f"{source}:{number}: an example answer for level {level}, which the "
                        f"scheme does not define (levels: {', '.join(map(str, sorted(bands)))})."
                    )
                target = bands[level]
            body = rest.split(":", 1)[1].strip() if ":" in rest else ""
            plural = re.search(r"\b(?:answers|responses|examples)\b|^\W*examples", line, re.I)
            if target is None or (plural and not named and not body):
                # "Example answers" heading over per-level sub-headings ("Level 2", ...)
                mode, current, example = "example-section", None, None
                continue
            current, example = target, ([body] if body else [])
            target.examples.append(example)
            mode = "example" if mode != "example-section" else mode
            continue
        if mode in {"example", "example-section"} and example is not None:
            example.append(line)
            continue
        bullet = BULLET.match(line)
        if mode == "level" and current is not None:
            if PURE_SIDE_HEADING.match(line):
                mode, current = "indicative", None
                side = _side_of(line, stated) or side_name(line)
                continue
            if bullet:
                current.bullets.append(line[bullet.end() :].strip())
            elif current.bullets and line[:1].islower():
                current.bullets[-1] += " " + line
            else:
                current.text.append(line)
            continue
        if bullet:
            starred = line.lstrip()[:1] in {"⭐", "★", "☆"}
            indicative.append((side, line[bullet.end() :].strip(), starred))
            continue
        if mode == "preamble" and question and (line in question or question in line):
            continue
        if len(line.split()) <= MAX_SIDE_HEADING_WORDS or line.endswith(":"):
            found_side = _side_of(line, stated)
            if found_side:
                side = found_side
            elif (mode == "indicative" or seen_levels) and len(line.split()) <= 6:
                side = side_name(line)
        elif indicative and indicative[-1][0] == side and mode == "indicative":
            last = indicative[-1]
            indicative[-1] = (last[0], f"{last[1]} {line}", last[2])
    return ParsedScheme(question, list(bands.values()), indicative, stated_factor_of(question))


def check_levels(bands: Sequence[_Band], source: str) -> None:
    """Raise, naming the lines, if bands leave a gap, overlap, or do not rise with level."""
    ordered = sorted(bands, key=lambda b: b.level)
    if ordered and ordered[0].low > 1:
        lowest = ordered[0]
        raise LevelBandError(
            f"{source}:{lowest.line}: {_no_level(1, lowest.low - 1)}: the lowest, level "
            f"{lowest.level}, starts at {lowest.low}. "
            f"Add the missing level or correct its range."
        )
    pairs = list(zip(ordered, ordered[1:], strict=False))
    for lower, upper in pairs:  # numbering and ranges disagree: say so before gaps
        if upper.high <= lower.high:
            raise LevelBandError(
                f"{source}:{upper.line}: level {upper.level} ({upper.low}-{upper.high}) is not "
                f"above level {lower.level} ({lower.low}-{lower.high}, line {lower.line}). "
                f"Higher levels must have higher marks; check the numbering and the ranges."
            )
    for lower, upper in pairs:
        if upper.low <= lower.high:
            raise LevelBandError(
                f"{source}:{upper.line}: level {upper.level} ({upper.low}-{upper.high}) overlaps "
                f"level {lower.level} ({lower.low}-{lower.high}, line {lower.line}): "
                f"{_marks(upper.low, lower.high)} would belong to both. Make each mark belong "
                f"to one level."
            )
        if upper.low > lower.high + 1:
            raise LevelBandError(
                f"{source}:{upper.line}: {_no_level(lower.high + 1, upper.low - 1)}: level "
                f"{lower.level} ends at {lower.high} (line {lower.line}) and level "
                f"{upper.level} starts at {upper.low}. Close the gap."
            )


def _marks(low: int, high: int) -> str:
    return f"mark {low}" if low == high else f"marks {low}-{high}"


def _no_level(low: int, high: int) -> str:
    return f"{_marks(low, high)} {'belongs' if low == high else 'belong'} to no level"


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?:;" else text + "."


def _band(raw: _Band) -> LevelBand:
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
        The question, when the scheme does not state it.

    Returns
    -------
    Rubric
        ``kind`` is ``"levels"``, or ``"mixed"`` when the indicative content is ⭐ points.

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
    if not parsed.bands:
        raise ImportSchemeError(
            f"{source}: no level headings found. Write each level on its own line with its "
            f"marks, e.g. 'Level 3 (9-12 marks)', 'L3 9-12' or 'Band 3: 7-9'."
        )
    if not question:
        raise ImportSchemeError(
            f"{source}: no question found. Start the scheme with the "
            f"question (a line ending in '?') or pass --question."
        )
    check_levels(parsed.bands, source)
    levels = tuple(sorted((_band(b) for b in parsed.bands), key=lambda b: b.level))
    starred = any(star for _, _, star in parsed.indicative)
    kind: RubricKind = "mixed" if starred else "levels"
    if not parsed.indicative:
        return Rubric(
            rubric_id,
            question,
            ("main",),
            (),
            levels,
            kind="levels",
            source=source,
            stated_factor=parsed.stated_factor,
        )
    sides: list[str] = []
    lines = []
    whole_ids: dict[str, str] = {}
    next_n: dict[str, int] = {}  # next free suffix per slug: numbering stays linear
    for side, bullet_text, _ in parsed.indicative:
        if side not in sides:
            sides.append(side)
        lines.append(f"{side}\n- {bullet_text}")
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
    )
    rename = {side_name(s): s for s in sides}
    bullets = tuple(
        Bullet(
            b.id,
            rename.get(b.side, b.side),
            b.text,
            tuple(replace(p, side=rename.get(p.side, p.side)) for p in b.parts),
        )
        for b in rubric.bullets
    )
    return replace(
        rubric,
        sides=tuple(sides),
        bullets=bullets,
        conclusion="",
        kind=kind,
        stated_factor=parsed.stated_factor,
    )


def import_any(
    text: str,
    *,
    rubric_id: str,
    levels: Sequence[LevelBand] = (),
    count_scores: Mapping[int, int] | None = None,
    ids: Mapping[str, str] | None = None,
    question: str | None = None,
    source: str = "<pasted mark scheme>",
) -> Rubric:
    """Import either layout: levels of response when the text has level headings with
    marks (and no bands were passed separately), else the seed's point-list layout."""
    text = collapse_spaces(text)
    if not levels and not count_scores and any(_heading(line) for line in text.split("\n")):
        return import_levels(text, rubric_id=rubric_id, ids=ids, question=question, source=source)
    return import_scheme(
        text,
        rubric_id=rubric_id,
        levels=levels,
        count_scores=count_scores,
        ids=ids,
        question=question,
        source=source,
    )


# --------------------------------------------------------------------------- files (I/O edge)


def read_scheme_text(path: str | Path) -> str:
    """The text of a mark scheme in a .txt/.md, .docx or .pdf (with a text layer) file.

    Word list paragraphs become ``-`` bullets; a table row becomes one line of its short
    cells ("Level 3 9–12") followed by its longer cells, so a levels table imports like
    headings with descriptors.
    """
    from grader.io.documents import decode, pdf_text

    path = Path(path)
    if not path.is_file():
        raise UnsupportedFile(f"{path}: no such file. Check the path.")
    suffix = path.suffix.lower()
    if suffix in {".txt", ".md", ".markdown", ".text", ""}:
        return decode(path.read_bytes(), source=str(path))
    if suffix == ".docx":
        return _docx_text(path)
    if suffix == ".pdf":
        return pdf_text(path.read_bytes(), source=str(path))
    raise UnsupportedFile(
        f"{path}: cannot read '{suffix}' mark schemes. Supported: .txt, .md, .docx, .pdf "
        f"(with a text layer)."
    )


def _docx_text(path: Path) -> str:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # noqa: BLE001 - python-docx raises several kinds
        raise CorruptDocx.for_file(path, str(exc) or type(exc).__name__) from exc
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            style = (block.style.name if block.style is not None else "") or ""
            text = block.text.strip()
            if text:
                lines.append(f"- {text}" if "list" in style.lower() else text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells = [c.text.strip() for c in row.cells]
                unique = [c for i, c in enumerate(cells) if c and c not in cells[:i]]
                short = [c for c in unique if len(c.split()) <= 4 and "\n" not in c]
                lines.append(" ".join(short))
                for cell in unique:
                    if cell not in short:
                        lines.extend(cell.splitlines())
    return "\n".join(lines)


# --------------------------------------------------------------------------- showing


def show_rubric(rubric: Rubric, console: Console) -> None:
    """Print what an import found, for a teacher to check: kind, sides, points, levels."""
    from rich.table import Table

    console.print(f"[bold]{rubric.id}[/bold] (v{rubric.version}): {rubric.question}")
    kind = {
        "points": "points (each point is credited)",
        "levels": "levels of response (points are indicative content)",
        "mixed": "levels of response with creditable points",
    }[rubric.kind]
    console.print(f"Kind: {kind}")
    if rubric.stated_factor:
        console.print(f"Stated factor: {rubric.stated_factor}")
    per_side = [f"{s} ({sum(p.side == s for p in rubric.points)} points)" for s in rubric.sides]
    console.print(f"Sides: {', '.join(per_side)}")
    table = Table("point", "side", "bullet", "keywords", "text", show_lines=True)
    for point in rubric.points:
        table.add_row(point.id, point.side, point.bullet, ", ".join(point.keywords), point.text)
    if rubric.points:
        console.print(table)
    if rubric.levels:
        bands = Table("level", "marks", "descriptor", "bullets", "examples", show_lines=True)
        for band in sorted(rubric.levels, key=lambda b: -b.level):
            described = band.descriptor
            if band.descriptor_bullets and band.descriptor not in {
                " ".join(_sentence(b) for b in band.descriptor_bullets)
            }:
                described += "".join(f"\n• {b}" for b in band.descriptor_bullets)
            elif band.descriptor_bullets:
                described = "\n".join(f"• {b}" for b in band.descriptor_bullets)
            bands.add_row(
                str(band.level),
                f"{band.min_mark}-{band.max_mark}",
                described,
                str(len(band.descriptor_bullets)),
                str(len(band.examples)),
            )
        console.print(bands)
