"""Find the level bands, examples, caps and indicative content of a levels-of-response scheme.

Level headings in the spellings boards use ("Level 3 (9–12 marks)", "L3 9-12", "Band 3:
7–9", "Level 3 [5-6]", "Level 4: Complex explanation ... 13–16", "Level 0 ... 0",
"0 marks: no rewardable material") and rows of a "Level | Mark | Descriptor" table pasted
from a PDF ("1 | 1–3 |", "0 | 0 | No rewardable material."). Under each level: the
descriptor's text and bullets (an "AO1" prefix is dropped), example answers ("Example
answer:", "For example, ...", "example explanation:", a quoted extract) kept apart as
anchors, and caps ("Maximum 2 marks for Level 1 answers that ...") kept as rules.
Guidance sections ("Marks within a level", "Additional guidance", "Notes for answers")
end a level: their caps are kept and the rest become notes. The indicative content is
read with its side headings and AO headings.

Every pattern is linear in the length of a line (no nested quantifiers, no unbounded
``.*`` before another quantifier).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from grader.errors import ImportSchemeError, LevelBandError
from grader.scheme.guidance import AO_HEADING, GUIDANCE_HEADING, parse_cap
from grader.scheme.import_points import BULLET, side_name
from grader.scheme.level_headings import TABLE_HEADER, heading_of
from grader.scheme.paste import collapse_spaces
from grader.scheme.question import QuestionInfo, find_question, stated_factor_of
from grader.types import Cap

INDICATIVE = re.compile(
    r"^\s*(?:#+\s*)?(?:\*\*)?(?:indicative (?:content|answer|points)(?! guidance)|"
    r"possible content|(?:relevant )?points? (?:that )?(?:students|candidates) (?:may|might|"
    r"could) (?:make|include|use)|answers? (?:may|might|could) include|relevant points\b)",
    re.IGNORECASE,
)
EXAMPLE = re.compile(
    r"^(?:an?\s+)?(?:example|exemplar|sample|model)s?\b(?:\s+(?:answers?|responses?|"
    r"paragraphs?|explan\w*|extracts?|of\b))?(?P<rest>.*)$",
    re.IGNORECASE,
)
FOR_EXAMPLE = re.compile(r"^(?:for example|for instance|e\.g\.),?\s+(?P<rest>\S.*)$", re.I)
QUOTED_EXTRACT = re.compile(r"^['‘\"“].{40,}['’\"”][.)]?$")
LEVEL_IN_TEXT = re.compile(r"\b(?:level|band)\s*(\d{1,2})\b|\bL(\d{1,2})\b", re.IGNORECASE)
AO_TAG = re.compile(r"\s*\[AO\d{1,2}\]\s*$", re.IGNORECASE)
# Side announced by a line of the indicative content; checked in this order.
SIDE_CUES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bother (?:factors?|causes?|reasons?)\b", re.I), "other-factors"),
    (re.compile(r"\bstated (?:factor|cause|reason)\b", re.I), "stated-factor"),
    (re.compile(r"\bdisagree\w*|\bchalleng\w*|\bcounter\w*", re.I), "disagree"),
    (re.compile(r"\bagree\w*|\bsupport(?:s|ing)? the (?:statement|view|claim)", re.I), "agree"),
    (re.compile(r"\bunsuccessful\b|\bfailures?\b|\blimitations?\b", re.I), "failure"),
    (re.compile(r"\bsuccess(?:es|ful)?\b|\bachievements?\b", re.I), "success"),
    (re.compile(r"\bdisadvantages?\b", re.I), "disadvantage"),
    (re.compile(r"\badvantages?\b|\bbenefits?\b", re.I), "advantage"),
    (re.compile(r"\bagainst\b", re.I), "against"),
    (re.compile(r"\b(?:arguments?|points?|evidence|reasons?|case)\s+for\b|^\W*for\b", re.I), "for"),
)
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
MAX_TITLE_WORDS = 8


@dataclass
class RawBand:
    level: int
    low: int
    high: int
    line: int
    text: list[str] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    examples: list[list[str]] = field(default_factory=list)


@dataclass
class ParsedScheme:
    """What was found in a levels-based scheme, before it becomes a :class:`Rubric`.

    ``grids`` holds each run of level headings (a scheme whose parts each have a
    "Level 1" has two); ``indicative`` is (side, text, starred, ao) per bullet.
    """

    info: QuestionInfo
    grids: list[dict[int, RawBand]]
    indicative: list[tuple[str, str, bool, str]]
    caps: list[Cap] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    side_headings: list[tuple[str, str]] = field(default_factory=list)
    stated_factor: str = ""

    @property
    def question(self) -> str:
        return self.info.question

    @property
    def bands(self) -> list[RawBand]:
        """Every level heading found, in the order of the scheme (all sets of levels)."""
        return [band for grid in self.grids for band in grid.values()]


def side_of(line: str, stated: bool) -> str | None:
    for pattern, side in SIDE_CUES:
        if pattern.search(line):
            return STATED_SIDES.get(side, side) if stated else side
    return None


def _strip_ao(line: str) -> tuple[str, str]:
    found = AO_HEADING.match(line)
    if found and (BULLET.match(line[found.end() :]) or not line[found.end() :].strip()):
        return found.group(1).upper(), line[found.end() :].strip()
    return "", line


def _set_side(parsed: ParsedScheme, state: _State, heading: str, side: str) -> None:
    """Start a side; two different headings read as the same side are named by their words.

    "Reasons for stability" and "Reasons for unrest" both say "for": they are two sides.
    """
    earlier = [h for h, s in parsed.side_headings if s == side and h != heading]
    if earlier:
        renamed = side_name(earlier[0])
        parsed.indicative = [
            (renamed if s == side else s, t, star, ao) for s, t, star, ao in parsed.indicative
        ]
        parsed.side_headings = [
            (h, renamed if h == earlier[0] else s) for h, s in parsed.side_headings
        ]
        side = side_name(heading)
    parsed.side_headings.append((heading, side))
    state.side = side


class _State:
    """The parser's position: which section it is in and what it is filling."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.mode = "preamble"  # preamble | level | indicative | guidance | example-section
        self.current: RawBand | None = None
        self.example: list[str] | None = None
        self.example_paragraph = False
        self.section_level: RawBand | None = None  # "Example answers:" inside a level
        self.side = "main"
        self.ao = ""
        self.seen_levels = False


def parse_levels(text: str, *, source: str = "<pasted mark scheme>") -> ParsedScheme:
    """Find the level bands, examples, caps and indicative content of a levels-based scheme.

    Raises
    ------
    ImportSchemeError
        With the line number, for a level heading without marks, marks backwards, a
        level given twice, an example for a level the scheme does not define.
    """
    raw_lines = collapse_spaces(text).split("\n")
    numbered: list[tuple[int, str, bool]] = []  # (line number, text, starts a paragraph)
    blank = True
    for number, raw in enumerate(raw_lines, 1):
        if raw.strip():
            numbered.append((number, raw.strip(), blank))
        blank = not raw.strip()
    lines = [line for _, line, _ in numbered]
    grid_start = next(
        (i for i, line in enumerate(lines) if heading_of(line) or TABLE_HEADER.match(line)),
        len(lines),
    )
    info = find_question(lines, stop=grid_start)
    stated = bool(re.search(r"\bstated factor\b", text, re.I)) or bool(
        stated_factor_of(info.question)
    )
    parsed = ParsedScheme(info, [{}], [], stated_factor=stated_factor_of(info.question))
    state = _State(source)
    for index, (number, line, para) in enumerate(numbered):
        if index <= info.end or (
            info.end < 0 and state.mode == "preamble" and info.question and line in info.question
        ):
            continue
        _line(parsed, state, number, line, para, stated, source)
    if not parsed.grids[-1]:
        parsed.grids.pop()
    return parsed


def _line(
    parsed: ParsedScheme,
    state: _State,
    number: int,
    line: str,
    para: bool,
    stated: bool,
    source: str,
) -> None:
    heading = heading_of(line)
    if TABLE_HEADER.match(line):
        return
    if heading and state.mode == "example-section" and heading[1] is None:
        _example_subheading(parsed, state, number, heading[0], heading[3], heading[1])
        return
    if heading:
        _level_heading(parsed, state, number, line, heading, source)
        return
    if INDICATIVE.match(line) and len(line.split()) <= MAX_SIDE_HEADING_WORDS:
        state.mode, state.current, state.example = "indicative", None, None
        rest = INDICATIVE.sub("", line)
        found_side = side_of(rest, stated)
        if found_side:
            _set_side(parsed, state, line, found_side)
        return
    if GUIDANCE_HEADING.match(line) and len(line.split()) <= 8:
        state.mode, state.current, state.example = "guidance", None, None
        return
    cap = parse_cap(line)
    if cap is not None and state.mode in {"level", "guidance", "preamble"}:
        parsed.caps.append(cap)
        state.example = None
        return
    if state.mode in {"level", "example-section"} and _example_line(
        parsed, state, number, line, para
    ):
        return
    if state.example is not None and state.mode in {"level", "example-section"}:
        if not (state.example_paragraph and para):
            state.example.append(line)
            return
        state.example = None
    if state.mode == "example-section" and state.section_level is not None:
        state.example, state.example_paragraph = [line], True  # one example per paragraph
        state.section_level.examples.append(state.example)
        return
    if state.mode == "level" and state.current is not None:
        _level_line(parsed, state, line, stated)
        return
    if state.mode == "guidance":
        parsed.notes.append(line.lstrip("•-*–· ").strip())
        return
    _indicative_line(parsed, state, line, stated)


def _level_heading(
    parsed: ParsedScheme,
    state: _State,
    number: int,
    line: str,
    heading: tuple[int, int | None, int | None, str],
    source: str,
) -> None:
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
    grid = parsed.grids[-1]
    if level in grid:
        if len([b for b in grid.values() if b.level > 0]) < 2:
            raise LevelBandError(
                f"{source}:{number}: level {level} is defined twice (first on line "
                f"{grid[level].line}). Remove or renumber one of them."
            )
        grid = {}  # a second set of levels (another part of the question, or SPaG)
        parsed.grids.append(grid)
    state.current = grid[level] = RawBand(level, low, high, number)
    if rest:
        state.current.text.append(AO_TAG.sub("", rest))
    state.mode, state.example, state.seen_levels = "level", None, True
    state.section_level = None


def _example_subheading(
    parsed: ParsedScheme,
    state: _State,
    number: int,
    level: int,
    rest: str,
    low: int | None,
) -> None:
    grid = parsed.grids[-1]
    if level not in grid:
        raise ImportSchemeError(
            f"{state.source}:{number}: an example answer for level {level}, which the "
            f"scheme does not define (levels: {', '.join(map(str, sorted(grid)))})."
        )
    state.current, state.example, state.example_paragraph = grid[level], [], False
    state.section_level = None
    grid[level].examples.append(state.example)
    if rest and low is None:
        state.example.append(rest)


def _example_line(parsed: ParsedScheme, state: _State, number: int, line: str, para: bool) -> bool:
    """Start an example answer if this line is one; True when it was."""
    plain = line.lstrip("-–—*#> ").strip()
    if BULLET.match(line) and not plain.lower().startswith(("example", "exemplar")):
        return False
    for_example = FOR_EXAMPLE.match(plain) if para else None
    if for_example and state.current is not None:
        state.example, state.example_paragraph = [for_example.group("rest")], True
        state.current.examples.append(state.example)
        return True
    if QUOTED_EXTRACT.match(plain) and state.current is not None and para:
        state.example, state.example_paragraph = [plain], True
        state.current.examples.append(state.example)
        return True
    head = EXAMPLE.match(plain)
    if not head or not (":" in plain or len(plain.split()) <= 5):
        return False
    rest = head.group("rest")
    named = LEVEL_IN_TEXT.search(rest)
    target = state.current
    grid = parsed.grids[-1]
    if named:
        level = int(named.group(1) or named.group(2))
        if level not in grid:
            raise ImportSchemeError(
                f"{state.source}:{number}: an example answer for level {level}, which "
                f"the scheme does not define (levels: {', '.join(map(str, sorted(grid)))})."
            )
        target = grid[level]
    body = rest.split(":", 1)[1].strip() if ":" in rest else ""
    plural = re.search(r"\b(?:answers|responses|examples)\b|^\W*examples", plain, re.I)
    if target is None or (plural and not named and not body):
        state.section_level = state.current
        state.mode, state.current, state.example = "example-section", None, None
        return True
    state.current, state.example, state.example_paragraph = target, [body] if body else [], False
    target.examples.append(state.example)
    return True


def _level_line(parsed: ParsedScheme, state: _State, line: str, stated: bool) -> None:
    current = state.current
    if current is None:
        return
    if PURE_SIDE_HEADING.match(line):
        state.mode, state.current = "indicative", None
        _set_side(parsed, state, line, side_of(line, stated) or side_name(line))
        return
    _, line = _strip_ao(line)
    if not line:
        return
    bullet = BULLET.match(line)
    if bullet:
        current.bullets.append(AO_TAG.sub("", line[bullet.end() :].strip()))
    elif current.bullets and line[:1].islower():
        current.bullets[-1] += " " + AO_TAG.sub("", line)
    else:
        current.text.append(AO_TAG.sub("", line))


def _indicative_line(parsed: ParsedScheme, state: _State, line: str, stated: bool) -> None:
    ao, rest = _strip_ao(line)
    if ao:
        state.ao = ao
        if not rest:
            return
        line = rest
    bullet = BULLET.match(line)
    if bullet:
        starred = line.lstrip()[:1] in {"⭐", "★", "☆"}
        parsed.indicative.append((state.side, line[bullet.end() :].strip(), starred, state.ao))
        return
    words = len(line.split())
    if (words <= MAX_SIDE_HEADING_WORDS and not line.endswith(".")) or (
        line.endswith(":") and words <= MAX_SIDE_HEADING_WORDS
    ):
        found_side = side_of(line, stated)
        if found_side:
            _set_side(parsed, state, line, found_side)
            return
        if (state.mode == "indicative" or state.seen_levels) and words <= MAX_TITLE_WORDS:
            _set_side(parsed, state, line, side_name(line))
            return
    last = parsed.indicative[-1] if parsed.indicative else None
    if last is not None and last[0] == state.side and line[:1].islower():
        parsed.indicative[-1] = (last[0], f"{last[1]} {line}", last[2], last[3])
    elif state.mode in {"indicative", "level"} or state.seen_levels:
        parsed.notes.append(line)
