"""Import a point-marked scheme: "(1)" per creditable point, "(d)" per development.

::

    Explain how human factors can increase the risk of river flooding. [4 marks]
    Award 1 mark for each valid point and further marks for development (d).
    4 × 1
    Max 2 if no development.
    eg
    • Deforestation (1) means less rain is intercepted (d) so more reaches the river (d).
    • Ploughing up and down slopes (1) makes channels for water (d); heavy machinery
      compacts the soil (1) reducing infiltration (d).
    Credit other valid points.

Each "(1)" closes a creditable point; the steps closed by "(d)" after it are its
development. In a scheme that never writes "(d)" ("Award 1 mark for identification ...,
plus 2 further marks for explaining ..."), the first "(1)" of a worked example is the point
and each later "(1)" a development step. Caps ("Max 2 if no development", "... will be
awarded a maximum of 1 mark") and the marking instruction become data; other prose
becomes notes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from grader.errors import ImportSchemeError
from grader.scheme.guidance import (
    ACCEPT_OTHER,
    MARKING_LINE,
    assessment_objectives,
    parse_cap,
    point_marking,
)
from grader.scheme.import_points import BULLET, _slug
from grader.scheme.keywords import extract_keywords
from grader.scheme.paste import collapse_spaces
from grader.scheme.question import find_question, question_type_of
from grader.types import Bullet, Point, Rubric

MARKER = re.compile(r"\((\d{1,2}|d)\)", re.IGNORECASE)
EXAMPLE_LEAD = re.compile(
    r"^\W*(?:e\.?g\.?|for example|examples?(?: answers?| responses?)?|possible (?:answers|"
    r"points)|indicative content|answers? (?:may|might|could) include)\W*$",
    re.IGNORECASE,
)


def looks_point_marked(text: str) -> bool:
    """True when the text marks points with "(1)"/"(d)" or says how many marks each earns."""
    lines = text.splitlines()
    markers = sum(len(MARKER.findall(line)) for line in lines if not line.strip().startswith("("))
    instruction = point_marking([line.strip() for line in lines], total=0) is not None
    return markers >= 2 or (instruction and markers >= 1)


def split_steps(text: str, *, uses_d: bool) -> list[tuple[str, list[str]]]:
    """(point, development steps) for each creditable point written in one bullet.

    Examples
    --------
    >>> split_steps("Paving (1) stops infiltration (d) / speeds runoff (d).", uses_d=True)
    [('Paving', ['stops infiltration', 'speeds runoff'])]
    >>> split_steps("Staff may leave (1) so costs rise (1) and profit falls (1).", uses_d=False)
    [('Staff may leave', ['so costs rise', 'and profit falls'])]
    """
    pieces = MARKER.split(text)
    points: list[tuple[str, list[str]]] = []
    for index in range(0, len(pieces) - 1, 2):
        step = pieces[index].strip(" /;,.:–-").strip()
        marker = pieces[index + 1].lower()
        if not step:
            continue
        starts_point = marker != "d" and (uses_d or not points)
        if starts_point or not points:
            points.append((step, []))
        else:
            points[-1][1].append(step)
    return points


def import_point_marked(
    text: str, *, rubric_id: str, question: str | None = None, source: str = "<pasted mark scheme>"
) -> Rubric:
    """Build a point-marked rubric (kind ``points``) with development steps, caps and maxima.

    Examples
    --------
    >>> r = import_point_marked("Explain one cost of paving gardens. [2 marks]\\n"
    ...     "Award 1 mark for each valid point.\\n- Paving (1) speeds runoff (d).",
    ...     rubric_id="paving")
    >>> [(p.text, p.development) for p in r.points], r.marks
    ([('Paving', ('speeds runoff',))], 2)
    """
    text = collapse_spaces(text)
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    info = find_question(lines)
    question = (question or info.question).strip()
    if not question:
        raise ImportSchemeError(
            f"{source}: no question found. Start the scheme with the question (a line ending "
            f"in '?' or in its marks, e.g. '[4 marks]') or pass --question."
        )
    body = lines[info.end + 1 :] if info.end >= 0 else lines
    uses_d = any(MARKER.search(line) and "(d)" in line.lower() for line in body)
    caps, notes, instructions, steps = [], [], [], []
    for line in body:
        bullet = BULLET.match(line)
        content = line[bullet.end() :].strip() if bullet else line
        if (
            MARKER.search(content)
            and len(MARKER.findall(content)) >= 1
            and (bullet or len(content.split()) > 3)
            and not MARKING_LINE.match(content)
        ):
            steps.append((content, split_steps(content, uses_d=uses_d)))
            continue
        cap = parse_cap(line)
        if cap is not None:
            caps.append(cap)
        if MARKING_LINE.match(line) or ACCEPT_OTHER.search(line):
            instructions.append(line)
        elif cap is None and not EXAMPLE_LEAD.match(line) and not _is_ao_line(line):
            notes.append(content)
    marking = point_marking(instructions, total=info.marks)
    if marking is None:
        marking = point_marking(["Award 1 mark for each valid point."], total=info.marks)
    if not steps:
        raise ImportSchemeError(
            f"{source}: no creditable points found. Write each point with its mark, e.g. "
            f"'- Deforestation (1) means less rain is intercepted (d)'."
        )
    bullets = _bullets(steps, question, text)
    total = info.marks or (marking.max_points or len(bullets)) * marking.per_point  # type: ignore[union-attr]
    per_point = marking.per_point if marking else 1
    return Rubric(
        id=rubric_id,
        question=question,
        sides=("main",),
        bullets=tuple(bullets),
        levels=(),
        count_scores=tuple((n, min(n * per_point, total)) for n in range(total // per_point + 1)),
        source=source,
        kind="points",
        marks=total,
        question_type=question_type_of(question),
        stimulus=info.stimulus,
        caps=tuple(caps),
        point_marking=marking,
        assessment_objectives=assessment_objectives(lines),
        notes=tuple(notes),
    )


def _is_ao_line(line: str) -> bool:
    return bool(re.match(r"^\s*AO\d{1,2}\b", line, re.IGNORECASE))


def _bullets(
    steps: Sequence[tuple[str, list[tuple[str, list[str]]]]], question: str, scheme: str
) -> list[Bullet]:
    used: set[str] = set()

    def fresh(text: str) -> str:
        base = candidate = f"m-{_slug(text)}"
        n = 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        return candidate

    bullets = []
    for written, found in steps:
        ids = [fresh(point) for point, _ in found]
        bullet_id = f"b-{ids[0][2:]}"  # the bullet as written keeps its "(1)"/"(d)" marks
        parts = tuple(
            Point(
                pid,
                "main",
                point,
                extract_keywords(point, exclude=[question], context=scheme, names_at_start=True),
                bullet_id,
                development=tuple(development),
            )
            for pid, (point, development) in zip(ids, found, strict=True)
        )
        bullets.append(Bullet(bullet_id, "main", written, parts))
    return bullets
