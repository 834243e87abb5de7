"""Recognise a level heading, or a row of a pasted levels table, and read its marks.

The spellings boards use: "Level 3 (9–12 marks)", "L3 9-12", "Band 3: 7–9", "Mark band 3:
7–9 marks", "Level 3 [5-6]",
"Level 2 (4 to 6 marks)", "Level 4: Complex explanation ... 13–16", "Level 0 ... 0",
"0 marks: no rewardable material", and table rows pasted from a PDF: "1 | 1–3 |",
"0 | 0 | No rewardable material.".

The trailing-marks pattern is searched only in the last few characters of a line, so
reading a heading costs the same however long the line is.
"""

from __future__ import annotations

import re

from grader.scheme.paste import collapse_spaces

HEADING = re.compile(
    r"^\s*(?:#+\s*)?(?:\*\*)?(?:mark\s*)?(?P<word>level|band|lvl|l(?=\d))\s*(?P<num>\d{1,2})\b"
    r"(?P<after>.*)$",
    re.IGNORECASE,
)
MARKS = re.compile(
    r"^[\s:.,;=*–—-]*[(\[]?\s*(?:marks?\s*:?\s*)?(?P<lo>\d{1,3})\s*"
    r"(?:(?:–|—|-|to)\s*(?P<hi>\d{1,3}))?\s*(?:marks?\b)?\s*[)\]]?(?P<rest>.*)$",
    re.IGNORECASE,
)
# Searched in the last few characters of a heading only (bounded work per line).
TRAILING_RANGE = re.compile(
    r"(?P<lo>\d{1,3})\s?(?:–|—|-|to)\s?(?P<hi>\d{1,3})\s?(?:marks?)?\s?[)\]]?$", re.IGNORECASE
)
TRAILING_ZERO = re.compile(r"(?:^|\s)[(\[]?0\s?(?:marks?)?[)\]]?$", re.IGNORECASE)
ZERO_MARKS = re.compile(r"^\s*(?:\*\*)?0\s*marks?\b(?P<rest>.*)$", re.IGNORECASE)
TABLE_ROW = re.compile(
    r"^\s*(?:level\s*)?(?P<num>\d{1,2})\s*\|\s*(?P<lo>\d{1,3})\s*(?:(?:–|—|-|to)\s*"
    r"(?P<hi>\d{1,3}))?\s*(?:marks?)?\s*(?:\||$)(?P<rest>.*)$",
    re.IGNORECASE,
)
TABLE_HEADER = re.compile(
    r"^\W*(?:level|mark|band)s?\s*[|/]\s*(?:marks?|typical|descriptor|level)", re.IGNORECASE
)


def heading_of(line: str) -> tuple[int, int | None, int | None, str] | None:
    """(level, low, high, rest) for a level heading or table row; low None without marks."""
    row = TABLE_ROW.match(line)
    if row:
        high = row.group("hi") or row.group("lo")
        return int(row.group("num")), int(row.group("lo")), int(high), row.group("rest").strip()
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
        return level, int(marks.group("lo")), int(high), marks.group("rest").strip(" :.–—-*)]")
    if marks and not marks.group("hi") and int(marks.group("lo")) == level == 0:
        return level, 0, 0, marks.group("rest").strip(" :.–—-*")  # "Level 0 0 No reward..."
    tail_start = max(len(after.rstrip()) - 24, 0)
    tail = after.rstrip()[tail_start:]
    trailing = TRAILING_RANGE.search(tail)
    if trailing:  # "Level 4: Complex explanation of the stated factor 13–16"
        rest = after[: tail_start + trailing.start()].strip(" :.–—-*").rstrip("([ ")
        return level, int(trailing.group("lo")), int(trailing.group("hi")), rest
    if level == 0 and TRAILING_ZERO.search(tail):  # "Level 0: No relevant knowledge    0"
        rest = after[: tail_start + TRAILING_ZERO.search(tail).start()]  # type: ignore[union-attr]
        return 0, 0, 0, rest.strip(" :.–—-*([")
    label = after.strip(" :.–—-*")
    if len(label.split()) <= 6 and not label.endswith("."):
        return level, None, None, label
    return None


def looks_like_levels(text: str) -> bool:
    """True when the text has at least two level headings (or table rows) with marks."""
    count = 0
    for line in collapse_spaces(text).split("\n"):
        found = heading_of(line)
        if found and found[1] is not None:
            count += 1
    return count >= 2
