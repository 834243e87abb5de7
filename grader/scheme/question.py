"""Find the question in a pasted mark scheme: its wording, marks, stimulus bullets and type.

Exam-board schemes print the question above the marking grid in several ways::

    Question 04
    'The Depression was the main reason why Hitler became Chancellor in January 1933.'
    How far do you agree with this statement?
    Explain your answer.                                     [16 marks]

    Explain why there was opposition to the Weimar Republic in the years 1919–23.
    You may use the following in your answer:
    • the Treaty of Versailles
    You must also use information of your own.
    (12)

The question is the run of lines that ends at the mark total ("[16 marks]", "(12 marks)",
a line "(12)" or "... answer. (12)"), going back to a header line ("Question 04",
"Paper 3: ...", "0 1  J.B. Priestley: ...") and starting at its first quoted statement,
"?" line or command word. Bullets after "You may use the following" or "Write about:" are
the stimulus; "You must also use information of your own." is an instruction, not wording.
With no mark total, the first line ending in "?" is the question (the seed's layout).

Every pattern here is linear in the line's length (no nested quantifiers).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

BULLET_MARK = re.compile(r"^\s*(?:⭐|★|☆|\*|-|–|•|·|▪|●|\d{1,2}[.)]|[a-z][.)])\s*(?=\S)")
# "[16 marks]" or "(12 marks)" ending a line; "(12)" ending a sentence or alone on its line.
TOTAL_AT_END = re.compile(r"[\[(]\s*(\d{1,3})\s*marks?\s*[\])]\s*$", re.IGNORECASE)
TOTAL_ALONE = re.compile(r"^\s*\(\s*(\d{1,3})\s*\)\s*$")
TOTAL_AFTER_SENTENCE = re.compile(r"(?<=[.?!])\s*\(\s*(\d{1,3})\s*\)\s*$")
# Marks for spelling, punctuation and grammar printed after the total ("[16 marks]
# [SPaG: 4 marks]"): not the question's total, and not part of its wording.
SPAG_AT_END = re.compile(r"[\[(]\s*(?:SPaG|SPG|spelling)\b[^\])]{0,60}[\])]\s*$", re.I)
HEADER = re.compile(
    r"^\s*(?:(?:question|q|paper|option|section|component|unit|topic)\b\s*[\w.]*\s*[:.)]?"
    r"|\d{1,2}(?:[ .]\d{1,2})?\s*$|\d{1,2}(?:[ .]\d{1,2})?\s{2,})",
    re.IGNORECASE,
)
STIMULUS_LEAD = re.compile(
    r"^\s*(?:you (?:may|might|could) (?:use|consider|refer to) the following|write about|"
    r"in your answer,? you (?:may|might|could|should)|you (?:should|could) (?:write about|"
    r"consider))\b",
    re.IGNORECASE,
)
OWN_KNOWLEDGE = re.compile(
    r"^\s*you must also (?:use|include) (?:information|knowledge) of your own\b", re.IGNORECASE
)
# The exam boards' command words (and question words) that open a question.
QUESTION_START = re.compile(
    r"^\s*(?:['‘\"“]|(?:explain|describe|evaluate|assess|discuss|analyse|analyze|compare|"
    r"contrast|outline|suggest|how|why|what|which|when|where|who|to what extent|using|"
    r"identify|state|give|justify|examine|consider|in what ways?|was|were|do|does|did|is|are|"
    r"account for|write|read|study|look at|starting with|with reference to|referring to|"
    r"name|list|define|calculate|summari[sz]e|comment|interpret|predict|recommend|complete|"
    r"choose|imagine|should|could)\b)",
    re.IGNORECASE,
)
QUESTION_LABEL = re.compile(r"^\s*(?:question|q)\s*\d*(?:\.\d+)?\s*[:.)]\s*", re.IGNORECASE)
STATED_FACTOR = re.compile(
    r"^\s*[‘“\"']\s*(?P<factor>.+?)(?<!\s)\s+(?:was|were|is|are)\s+the\s+(?:main|most important|"
    r"key|principal|primary|chief|biggest)\s+(?:cause|reason|factor|consequence|effect|"
    r"result)\b",
    re.IGNORECASE,
)
# Question types by the command words of the stem, checked in this order.
QUESTION_TYPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bhow and why\b|\bhow does\b.*\bpresent\b", re.I), "analyse"),
    (
        re.compile(
            r"\bhow far\b|\bto what extent\b|\bhow (?:successful|important|significant|"
            r"useful|effective)\b|\bdo you agree\b|^\W*(?:evaluate|assess)\b",
            re.I,
        ),
        "how-far",
    ),
    (re.compile(r"^\W*explain\b|\bexplain (?:why|how)\b|^\W*why\b", re.I), "explain"),
    (re.compile(r"^\W*(?:describe|outline)\b", re.I), "describe"),
)
MAX_QUESTION_LINES = 12


@dataclass(frozen=True)
class QuestionInfo:
    """What the lines above the marking grid say about the question.

    ``end`` is the index (in the lines given) of the line that closed the question (its
    mark total), or -1 when the question came from a "?" line alone.
    """

    question: str
    marks: int = 0
    stimulus: tuple[str, ...] = ()
    end: int = -1


def total_marks(line: str) -> int | None:
    """The mark total a line states ("[16 marks]", "(12)"), or None.

    Examples
    --------
    >>> total_marks("Explain your answer. [16 marks] [SPaG: 4 marks]")
    16
    """
    line = SPAG_AT_END.sub("", line).rstrip()
    for pattern in (TOTAL_AT_END, TOTAL_ALONE, TOTAL_AFTER_SENTENCE):
        found = pattern.search(line)
        if found:
            return int(found.group(1))
    return None


def strip_total(line: str) -> str:
    line = SPAG_AT_END.sub("", line).rstrip()
    for pattern in (TOTAL_AT_END, TOTAL_ALONE, TOTAL_AFTER_SENTENCE):
        line = pattern.sub("", line)
    return line.strip()


def find_question(lines: Sequence[str], *, stop: int | None = None) -> QuestionInfo:
    """The question above the grid: ``lines`` are the scheme's non-blank lines, stripped.

    ``stop`` is the index of the first line of the grid (no question is looked for
    beyond it).

    Examples
    --------
    >>> find_question(["Question 2", "Explain why coal mattered.", "(12)", "Level 1 1-4"])
    QuestionInfo(question='Explain why coal mattered.', marks=12, stimulus=(), end=2)
    >>> find_question(["Write an account of the Reichstag Fire. [8 marks]"])
    QuestionInfo(question='Write an account of the Reichstag Fire.', marks=8, stimulus=(), end=0)
    """
    stop = len(lines) if stop is None else stop
    for index in range(stop):
        line = lines[index]
        marks = total_marks(line)
        if marks is None or BULLET_MARK.match(line):
            continue
        found = _question_before(lines, index)
        if found is not None:
            question, stimulus = found
            return QuestionInfo(question, marks, stimulus, index)
    for line in lines[:stop]:
        if line.endswith("?") and not BULLET_MARK.match(line):
            return QuestionInfo(QUESTION_LABEL.sub("", line).strip())
    return QuestionInfo("")


def _question_before(lines: Sequence[str], end: int) -> tuple[str, tuple[str, ...]] | None:
    block: list[str] = []
    first = QUESTION_LABEL.sub("", strip_total(lines[end])).strip()
    if first:
        block.append(first)
    labelled = QUESTION_LABEL.match(lines[end]) is not None
    for index in range(end - 1, max(-1, end - 1 - MAX_QUESTION_LINES), -1):
        line = lines[index]
        if labelled:  # "Question 5: Evaluate ... (12 marks)" is the whole question
            break
        if HEADER.match(line) and not line.endswith("?") and not QUESTION_LABEL.match(line):
            break
        if QUESTION_LABEL.match(line) and not QUESTION_LABEL.sub("", line).strip():
            break
        block.insert(0, QUESTION_LABEL.sub("", line).strip())
    wording: list[str] = []
    stimulus: list[str] = []
    in_stimulus = False
    for line in block:
        bullet = BULLET_MARK.match(line)
        if STIMULUS_LEAD.match(line):
            in_stimulus = True
        elif bullet and (in_stimulus or wording):
            stimulus.append(line[bullet.end() :].strip().rstrip(".;"))
        elif OWN_KNOWLEDGE.match(line):
            in_stimulus = False
        elif not bullet:
            in_stimulus = False
            if wording or QUESTION_START.match(line) or line.endswith("?"):
                wording.append(line)
    if not wording:
        return None
    return " ".join(wording), tuple(stimulus)


def question_type_of(question: str) -> str:
    """'how-far', 'explain', 'analyse', 'describe' or 'other', from the question's stem.

    Examples
    --------
    >>> question_type_of("'X was the main cause.' How far do you agree? Explain your answer.")
    'how-far'
    >>> question_type_of("Explain why there was opposition to the Republic.")
    'explain'
    """
    for pattern, kind in QUESTION_TYPES:
        if pattern.search(question):
            return kind
    return "other"


def stated_factor_of(question: str) -> str:
    """'The Treaty of Versailles' from "'The Treaty of Versailles was the main cause of ...'"."""
    found = STATED_FACTOR.match(question)
    return found.group("factor").strip() if found else ""
