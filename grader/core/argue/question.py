"""What a question asks the answer to judge, read from its stem.

Exam questions announce whether they want a judgement and on what: "How far do you
agree", "How far was X responsible", "How successful", "To what extent", "How useful",
"Was X the main cause". "Explain why", "Write an account", "Explain how", "Describe"
ask for none, and their judgement is ``n/a``. :func:`question_task` reads the stem into
a :class:`QuestionTask`; :func:`verdict_stems` gives the words a verdict on it uses
("largely responsible", "I agree to a large extent", "the main cause was", "more
useful than").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

TaskKind = Literal[
    "agree", "how-adjective", "extent", "main-cause", "compare", "evaluate", "explain", "other"
]

# Stems that ask for an explanation or account and no judgement.
_NO_JUDGEMENT = re.compile(
    r"^\W*(?:\d+\W*)*(?:explain (?:why|how|what|the|two|one|three)|write an account|describe|"
    r"outline|give (?:two|one|three|an?)|identify|state|what (?:was|were|is|are)|how (?:does|did|"
    r"do) (?:\w+ ){0,6}(?:present|use|show|create|explore|portray))",
    re.IGNORECASE | re.MULTILINE,
)
_AGREE = re.compile(r"\b(?:how far|to what extent) (?:do|would) you agree\b|\bdo you agree\b", re.I)
_EXTENT = re.compile(r"\bto what extent\b|\bhow far\b", re.I)
_HOW_ADJ = re.compile(
    r"\bhow (?!far\b|much\b|many\b|and\b|does\b|did\b|do\b|is\b|was\b)(\w+)", re.I
)
# "How far was X responsible for ...", "How far did X cause ..."
_HOW_FAR_ADJ = re.compile(
    r"\bhow far (?:was|were|is|are|had|has) .{1,120}?\b(responsible|successful|important|"
    r"significant|effective|useful|justified|valid|accurate|reliable|"
    r"to blame|a turning point|the main \w+)\b",
    re.I,
)
_MAIN = re.compile(
    r"\b(?:the )?(?:main|most important|key|principal|chief|biggest|greatest) "
    r"(reason|cause|factor|consequence|effect|result|change|impact)s?\b",
    re.I,
)
# "Evaluate whether ...", "Assess ...", "Should ...?", "Justify your answer".
_EVALUATE = re.compile(
    r"\b(?:evaluate|assess|judge|justify your|recommend|which (?:option|of these|choice)|"
    r"should (?:\w+ ){0,3}(?:or not|\w+\?))",
    re.I,
)
_COMPARE = re.compile(r"\b(?:more|less) (\w+) than\b|\bwhich (?:of|was|is) .* more\b", re.I)


@dataclass(frozen=True)
class QuestionTask:
    """The judgement a question asks for.

    Attributes
    ----------
    kind : str
        ``agree`` ("How far do you agree"), ``how-adjective`` ("How successful / useful /
        far was X responsible"), ``extent`` ("To what extent ..."), ``main-cause`` ("Was X
        the main cause"), ``compare``, ``explain`` (no judgement: explain why, account,
        describe) or ``other``.
    needs_judgement : bool
        Whether the answer must reach a judgement (False for ``explain``).
    target : tuple of str
        Word stems a verdict on the question uses ("responsib", "success", "agree").
    """

    kind: TaskKind
    needs_judgement: bool
    target: tuple[str, ...] = ()


def _stem(word: str) -> str:
    word = word.lower()
    for suffix in ("ful", "ive", "ant", "ent", "ible", "able", "al", "ous"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def question_task(question: str) -> QuestionTask:
    """Read the judgement a question asks for from its stem.

    Examples
    --------
    >>> question_task("How far was the Treaty of Versailles responsible for the war?").target
    ('respons',)
    >>> question_task("Explain why there was opposition to the Republic.").needs_judgement
    False
    >>> question_task("'X was the main reason for Y.' How far do you agree?").kind
    'agree'
    """
    text = " ".join(question.split())
    main = _MAIN.search(text)
    main_stems = ("main", "most important", main.group(1).lower()) if main else ()
    if _AGREE.search(text):
        return QuestionTask("agree", True, ("agree", *main_stems))
    how_far = _HOW_FAR_ADJ.search(text)
    if how_far:
        word = how_far.group(1).lower()
        stems = (_stem(word.split()[-1]),) if not word.startswith("the main") else main_stems
        return QuestionTask("how-adjective", True, stems)
    if _EXTENT.search(text):
        return QuestionTask("extent", True, ("extent", *main_stems))
    adjective = _HOW_ADJ.search(text)
    if adjective and not _NO_JUDGEMENT.search(text):
        word = adjective.group(1).lower()
        if word not in {"and", "the", "he", "she", "it", "they", "priestley"}:
            return QuestionTask("how-adjective", True, (_stem(word),))
    if main and re.search(r"\b(?:was|were|is|are)\b[^.?]*\bmain\b[^.?]*\?", text, re.I):
        return QuestionTask("main-cause", True, main_stems)
    if _EVALUATE.search(text):
        return QuestionTask("evaluate", True, ("should", "recommend", "worth"))
    compare = _COMPARE.search(text)
    if compare:
        return QuestionTask("compare", True, (_stem(compare.group(1) or "important"),))
    if _NO_JUDGEMENT.search(text) or re.search(r"\bexplain\b|\baccount\b|\bdescribe\b", text, re.I):
        return QuestionTask("explain", False)
    return QuestionTask("other", False)


def verdict_stems(task: QuestionTask) -> tuple[str, ...]:
    """Word stems by which an answer gives its verdict on the question."""
    return task.target


# An answer's own verdict on the question whatever the adjective: "I agree to a large
# extent", "I partly agree", "I disagree", "the main cause was", "more useful than",
# "it was largely responsible".
ANSWER_VERDICT = re.compile(
    r"\bI (?:\w+ ){0,2}(?:dis)?agree\b|\b(?:dis)?agree (?:\w+ ){0,2}(?:with|to|that)\b|"
    r"\bthe (?:main|most important|biggest|key|real|principal) (?:reason|cause|factor)s? "
    r"(?:was|were|is|for)\b|\bwas (?:the|a) (?:main|most important|key|principal) "
    r"(?:reason|cause|factor)\b|\b(?:more|less|most|least) (?:useful|important|significant|"
    r"responsible|successful|effective|reliable|to blame) than\b|"
    r"\b(?:largely|mainly|partly|mostly|only partly|wholly|entirely|not) "
    r"(?:responsible|to blame)\b|"
    r"\bthe (?:main|most important|key|decisive|biggest|real|direct|primary|underlying|crucial|"
    r"deciding|single most important) (?:reason|cause|factor)\b|"
    r"\b(?:was|were|is) (?:the |a )?(?:decisive|crucial|deciding|key|main) "
    r"(?:reason|cause|factor)\b|"
    r"\bI (?:would )?(?:recommend|advise|suggest)\b|\bshould(?:n't| not)? (?:\w+ ){0,2}"
    r"(?:go ahead|open|choose|invest|take|expand|be|do)\b|"
    r"\bboth (?:\w+ ){0,4}(?:were|are) (?:\w+ )?important\b|\b(?:were|are) both (?:\w+ )?"
    r"(?:important|significant|responsible)\b|\bnecessary but not sufficient\b",
    re.IGNORECASE,
)


_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"
# "January 1933", "1933", "1919-23", "1860–1900", "the 1920s"
_DATE = re.compile(
    rf"\b(?:(?P<month>{_MONTH})\.? )?(?P<year>1[0-9]{{3}}|20[0-9]{{2}})(?P<decade>s)?"
    r"(?:\s*[-–—]\s*(?P<end>[0-9]{2,4})\b)?",
    re.IGNORECASE,
)
# Questions about what followed an event: later dates are their subject, not out of period.
_AFTERMATH = re.compile(
    r"\b(?:consequences?|effects?|impacts?|results?|legacy|significance|since|after|"
    r"aftermath|(?<!the )following|long-term)\b",
    re.IGNORECASE,
)


def _month(name: str | None) -> int:
    if not name:
        return 12
    return next((i + 1 for i, m in enumerate(_MONTHS) if name.lower().startswith(m)), 12)


def dates_in(text: str) -> list[tuple[int, int]]:
    """The (year, month) of each date a text names; a range gives its end, a decade its
    last year, a bare year December.

    Examples
    --------
    >>> dates_in("In February 1933 the Reichstag burned; the 1920s; 1919-23")
    [(1933, 2), (1929, 12), (1923, 12)]
    """
    found = []
    for m in _DATE.finditer(text):
        year = int(m.group("year"))
        end = m.group("end")
        if end:
            year = int(end) if len(end) == 4 else year - year % 100 + int(end)
        elif m.group("decade"):
            year += 9
        found.append((year, _month(m.group("month")) if not end else 12))
    return found


def question_period_end(question: str) -> tuple[int, int] | None:
    """The latest (year, month) a question about causes or a period is about, or None
    when it names no date or asks about what followed ("consequences", "since 1945").

    An answer's events after this date cannot explain the question's outcome: "why Hitler
    became Chancellor in January 1933" is not answered by the Enabling Act.

    Examples
    --------
    >>> question_period_end("'X was the main reason why Hitler became Chancellor in January 1933.'")
    (1933, 1)
    >>> question_period_end("Explain why there was opposition in the years 1919–23.")
    (1923, 12)
    >>> question_period_end("Explain the consequences of the 1923 crisis.") is None
    True
    """
    text = " ".join(question.split())
    if _AFTERMATH.search(text):
        return None
    dates = dates_in(text)
    return max(dates) if dates else None


_ASKED = re.compile(
    r"\b(?:describe|explain|give|identify|outline|name|state|suggest|analyse|examine)\s+"
    r"(two|three|four|2|3|4)\b",
    re.IGNORECASE,
)
_NUMBERS = {"two": 2, "three": 3, "four": 4}


def ideas_asked(question: str) -> int | None:
    """How many features, reasons or consequences the question asks for ("Explain two
    consequences of ..."), or None when it does not say.

    Examples
    --------
    >>> ideas_asked("Explain two consequences of the Munich Putsch. [8 marks]")
    2
    >>> ideas_asked("Explain why there was opposition to the Weimar Republic.") is None
    True
    """
    found = _ASKED.search(question)
    if not found:
        return None
    word = found.group(1).lower()
    return _NUMBERS.get(word) or int(word)
