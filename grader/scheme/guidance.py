"""Read the marking rules a scheme states in words: caps, point marking, AO targets, sections.

- Caps: "Maximum 2 marks for Level 1 answers that do not go beyond the aspects prompted by
  the stimulus points", "No access to Level 3 for answers that ...", "Max 2 if no
  development.", "Answers that list more than one ... with no explanation will be awarded
  a maximum of 1 mark", "... cannot be credited beyond Level 2", "To reach Level 3 there
  must be a judgement ..." become :class:`~grader.types.Cap` records.
- Point marking: "Award 1 mark for each valid point and further marks for development (d).",
  "4 × 1", "Award 1 mark for identification of ..., plus 2 further marks for explaining ...",
  "Accept any other appropriate response" become a :class:`~grader.types.PointMarking`.
- Assessment objectives with their marks: "AO1 (8 marks): ...", "AO2: 6 marks.", "AO2 – 3 marks".
- Headings of guidance sections ("Marks within a level", "Additional guidance", "Notes for
  answers") that end a level's descriptor.

Patterns are searched, never anchored behind an unbounded ``.*``, and have no nested
quantifiers, so each line is read in linear time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from grader.types import Cap, CapCondition, PointMarking

_NUM = r"(\d{1,2})"
CAP_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # "Maximum 2 marks for Level 1 answers that ..."
    (
        re.compile(
            rf"\bmax(?:imum|\.)?\s+(?:of\s+)?{_NUM}\s*marks?\s+for\s+level\s+{_NUM}\b", re.I
        ),
        "mark-in-level",
    ),
    # "No access to Level 3 for answers that ..."
    (re.compile(rf"\bno access to level\s+{_NUM}\b", re.I), "no-access"),
    # "To reach Level 3 there must be a judgement"
    (re.compile(rf"\bto (?:reach|access|get into|achieve) level\s+{_NUM}\b", re.I), "no-access"),
    # "... cannot be credited beyond Level 2", "is unlikely to go beyond Level 2"
    (
        re.compile(
            rf"\b(?:beyond|above|higher than|more than|past)\s+level\s+{_NUM}\b"
            rf"|\b(?:limited|capped|restricted|confined) (?:to|at)\s+level\s+{_NUM}\b",
            re.I,
        ),
        "max-level",
    ),
    # "Max 2 if no development", "a maximum of 1 mark", "cannot score more than 2 marks"
    (
        re.compile(
            rf"\bmax(?:imum|\.)?\s+(?:of\s+)?{_NUM}\b(?:\s*marks?)?"
            rf"|\b(?:more than|capped at|limited to)\s+{_NUM}\s*marks?\b",
            re.I,
        ),
        "max-mark",
    ),
)
CONDITIONS: tuple[tuple[re.Pattern[str], CapCondition], ...] = (
    (
        re.compile(r"\bstimulus\b|\bprompt(?:s|ed)\b|\bbullet points? (?:given|provided)", re.I),
        "stimulus-only",
    ),
    (re.compile(r"\blists?\b|\blisting\b", re.I), "list-only"),
    (
        re.compile(
            r"\b(?:no|without|not|lack|absent)\b[^.;]{0,40}\b(?:develop\w*|explan\w*|explain\w*)"
            r"|\bundeveloped\b|\bunexplained\b|\bnot (?:developed|explained)\b",
            re.I,
        ),
        "no-development",
    ),
    (
        re.compile(
            r"\b(?:no|without|not|lack\w*|absent)\b[^.;]{0,40}\b(?:examples?|case stud\w*)\b",
            re.I,
        ),
        "no-examples",
    ),
    (re.compile(r"\bjudgement\b|\bconclusion\b|\bverdict\b", re.I), "no-judgement"),
)
AO_TARGET = re.compile(
    r"\b(AO\d{1,2})\b\s*(?:[(\[]\s*|[:–—-]\s*)?(\d{1,2})\s*marks?\b", re.IGNORECASE
)
AO_HEADING = re.compile(r"^\s*(AO\d{1,2})\s*(?::|–|-)?\s*(?=\S|$)", re.IGNORECASE)
GUIDANCE_HEADING = re.compile(
    r"^\W*(?:marks within a level|additional guidance|general guidance|guidance\b|"
    r"notes?(?: for (?:answers|examiners|markers))?\W*$|marking (?:instructions|guidance)|"
    r"how to apply the mark scheme|assessment objectives\W*$|step \d\b|"
    r"indicative content guidance)",
    re.IGNORECASE,
)
ACCEPT_OTHER = re.compile(
    r"\b(?:accept|credit|reward|allow) (?:any )?other (?:valid|appropriate|relevant|creditable|"
    r"reasonable)\b|\bany other (?:valid|appropriate|relevant) (?:points?|responses?|answers?)\b",
    re.IGNORECASE,
)
PER_POINT = re.compile(
    r"\baward\s+(\d{1,2})\s+marks?\s+(?:for|per)\s+(?:each|every|the|an?)?\s*"
    r"(?:valid|correct|relevant|creditable)?\s*(?:point|identification|reason|factor|way|"
    r"statement|idea|one)",
    re.IGNORECASE,
)
FURTHER = re.compile(
    r"\bplus\s+(?:up to\s+)?(\d{1,2})\s+(?:further|additional|more)\s+marks?\b", re.IGNORECASE
)
DEVELOPMENT_MARKS = re.compile(r"\bfurther marks? for development\b|\(d\)", re.IGNORECASE)
TIMES = re.compile(r"^\s*(\d{1,2})\s*[×x]\s*(\d{1,2})\s*(?:marks?)?\s*$", re.IGNORECASE)
UP_TO = re.compile(r"\bup to (?:a )?max(?:imum)? of (\d{1,2}) marks?\b", re.IGNORECASE)
MARKING_LINE = re.compile(
    r"^\W*(?:award|give|credit|accept|allow|\d{1,2}\s*[×x]\s*\d|max(?:imum|\.)?\s+\d)",
    re.IGNORECASE,
)


def condition_of(text: str) -> CapCondition:
    """What an answer lacks, by the cap's wording ("other" when grader cannot tell)."""
    for pattern, condition in CONDITIONS:
        if pattern.search(text):
            return condition
    return "other"


def parse_cap(line: str) -> Cap | None:
    """The cap a line states, or None.

    Examples
    --------
    >>> parse_cap("Max 2 if no development.")
    Cap(condition='no-development', max_mark=2, max_level=None, level=None, text='Max 2 if no development.')
    >>> parse_cap("No access to Level 3 for answers that only use the stimulus.").max_level
    2
    """  # noqa: E501
    text = line.strip().lstrip("•-*–· ").strip()
    if PER_POINT.search(text) or UP_TO.search(text):  # the question's total, not a cap
        return None
    for pattern, kind in CAP_PATTERNS:
        found = pattern.search(text)
        if not found:
            continue
        numbers = [int(g) for g in found.groups() if g is not None]
        condition = condition_of(text)
        if kind == "mark-in-level":
            return Cap(condition, max_mark=numbers[0], level=numbers[1], text=text)
        if kind == "no-access":
            return Cap(condition, max_level=max(numbers[0] - 1, 0), text=text)
        if kind == "max-level":
            return Cap(condition, max_level=numbers[0], text=text)
        if re.search(r"\bmarks?\b|\bmax\b", text, re.I) and not re.search(r"\blevel\b", text, re.I):
            return Cap(condition, max_mark=numbers[0], text=text)
    return None


def assessment_objectives(lines: Sequence[str]) -> tuple[tuple[str, int], ...]:
    """("AO1", 8) for each "AO1 (8 marks)" / "AO2: 6 marks" / "AO2 – 3 marks" line, in order."""
    found: dict[str, int] = {}
    for line in lines:
        for ao, marks in AO_TARGET.findall(line):
            found.setdefault(ao.upper(), int(marks))
    return tuple(found.items())


def point_marking(lines: Sequence[str], *, total: int) -> PointMarking | None:
    """How marks are awarded per point, from the scheme's instruction lines; None if not stated.

    Examples
    --------
    >>> point_marking(["Award 1 mark for each valid point and further marks for "
    ...                "development (d).", "4 × 1"], total=4)  # doctest: +NORMALIZE_WHITESPACE
    PointMarking(per_point=1, per_development=1, max_development=None, max_points=4,
                 accept_other=False, text='Award 1 mark for each valid point and further marks
                 for development (d). 4 × 1')
    """
    per_point: int | None = None
    max_development: int | None = None
    max_points: int | None = None
    accept_other = False
    said: list[str] = []
    for line in lines:
        if ACCEPT_OTHER.search(line):
            accept_other = True
            said.append(line)
            continue
        found = PER_POINT.search(line)
        if found:
            per_point = int(found.group(1))
            said.append(line)
            further = FURTHER.search(line)
            if further:
                max_development = int(further.group(1))
            continue
        times = TIMES.match(line)
        if times:
            max_points, per_point = int(times.group(1)), int(times.group(2))
            said.append(line)
    if per_point is None:
        return None
    if max_points is None and total and max_development is None:
        max_points = max(total // max(per_point, 1), 1)
    return PointMarking(
        per_point=per_point,
        per_development=1,
        max_development=max_development,
        max_points=max_points,
        accept_other=accept_other,
        text=" ".join(said),
    )
