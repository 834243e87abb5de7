"""A pasted mark scheme made fit to read: line endings, runs of whitespace, and a PDF's
page furniture. Every importer calls :func:`collapse_spaces` first."""

from __future__ import annotations

import re
from collections import Counter

SPACE_RUN = re.compile(r"[^\S\n]+")
# A row of a table copied from a word processor or PDF, its cells separated by tabs:
# "3<TAB>7–10<TAB>Developed explanation ...", or its header "Level<TAB>Marks<TAB>...".
TAB_ROW = re.compile(r"^ *(?:\d{1,2}|level|band|mark)s? *\t", re.IGNORECASE)
BLANKS = re.compile(r"[ \t]+")
PAGE_NUMBER = re.compile(r"^\s*(?:page )?\d{1,3}(?: of \d{1,3})?\s*$", re.IGNORECASE)


def collapse_spaces(text: str) -> str:
    r"""Line endings as ``\n``, each run of other whitespace as one space, a table row's
    tabs as cell bars ("3 | 7–10 | ..."), and a PDF's page furniture blanked
    (:func:`blank_page_furniture`).

    Importers call this first: every pattern after it sees at most one space between
    words, so none can backtrack over a long run of pasted whitespace (a line of 1,600
    spaces once took seconds), and line numbers are kept for error messages.

    Examples
    --------
    >>> collapse_spaces("Level\tMarks\tDescriptor\n3\t7–10\tDeveloped  explanation.")
    'Level | Marks | Descriptor\n3 | 7–10 | Developed explanation.'
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cells = [BLANKS.sub(_cell_bar, line) if TAB_ROW.match(line) else line for line in lines]
    return blank_page_furniture(SPACE_RUN.sub(" ", "\n".join(cells)))


def blank_page_furniture(text: str) -> str:
    r"""``text`` with the running header or footer of a pasted PDF blanked, and the page
    number beside it: a line of at least 12 characters, mostly capitals, printed two or
    more times ("MARK SCHEME – GCSE HISTORY – 8145/1B/C – JUNE 2019"), and a line that is
    only a number next to one (blank lines between). Lines are blanked, not removed, so
    line numbers in error messages still match the paste.

    Examples
    --------
    >>> page = "MARK SCHEME – GCSE HISTORY – JUNE 2019"
    >>> blank_page_furniture(f"Level 2 5-8\n{page}\n\n12\nSimple.\n{page}\n13\nLevel 1 1-4")
    'Level 2 5-8\n\n\n\nSimple.\n\n\nLevel 1 1-4'
    """
    lines = text.split("\n")
    counts = Counter(line.strip() for line in lines)

    def furniture(line: str) -> bool:
        letters = [c for c in line if c.isalpha()]
        capitals = sum(c.isupper() for c in letters)
        return len(line) >= 12 and counts[line] >= 2 and capitals >= 0.6 * max(len(letters), 1)

    blank = {i for i, line in enumerate(lines) if furniture(line.strip())}
    for i in sorted(blank):  # the page number printed with it
        for step in (-1, 1):
            j = i + step
            while 0 <= j < len(lines) and not lines[j].strip():
                j += step
            if 0 <= j < len(lines) and PAGE_NUMBER.match(lines[j]):
                blank.add(j)
    return "\n".join("" if i in blank else line for i, line in enumerate(lines))


def _cell_bar(blank: re.Match[str]) -> str:
    return " | " if "\t" in blank.group(0) else " "
