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

from spacy.lang.en.stop_words import STOP_WORDS as _STOP

from grader.core.anchors import is_common_word

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


# What the question is about: the outcome a cause is sought for, the subject judged, the
# topic presented. Read in this order; the first that matches gives the focus.
_OUTCOME = re.compile(
    r"\b(?:reasons? (?:why|for)|causes? of|responsible for|to blame for|led to|"
    r"explain why|account for|(?<!how and )why|enquiry into|investigation into)\s+"
    r"(?:(?:did|does|do|was|were|is|are|had|has|have) (?=\w+ \w))?(?P<focus>[^.?!;:'’\"”]+)",
    re.IGNORECASE,
)
_PRESENT = re.compile(
    r"\bhow (?:and why )?(?:does|did|do) (?:\w+ ){1,3}?(?:present|portray|use|show|explore|"
    r"create|describe|convey) (?P<focus>[^.?!;:]+)",
    re.IGNORECASE,
)
_HOW_ADJ_SUBJECT = re.compile(
    r"\bhow (?:successful|effective|important|significant|useful|far|much|reliable|"
    r"accurate|serious|great) (?:was|were|is|are|has|have|had|did|do|does) "
    r"(?!you\b)(?P<focus>[^.?!;:]+)",
    re.IGNORECASE,
)
_STATEMENT = re.compile(r"^\W*[‘'\"“](?P<statement>[^’'\"”]+?)[.?!]?[’'\"”]")
# "To what extent do you agree that globalisation has benefited LICs?"
_AGREE_THAT = re.compile(r"\bagree (?:with the view )?that (?P<focus>[^.?!;:]+)", re.IGNORECASE)
# The verb closing a cause's outcome in a statement ("... reason why the Nazis came to
# power was the Depression"): the factor after it is not the focus.
_FACTOR_AFTER = re.compile(r"\s+(?:was|were|is|are)\s+(?:the|a|an|not)\b.*$", re.IGNORECASE)
_SUBJECT = re.compile(
    r"^(?P<focus>.+?)\s+(?:was|were|is|are|had|has|have|did|do|does|can|could|will|would|"
    r"caused|led|made|brought|changed)\b",
    re.IGNORECASE,
)
# "In what ways were the lives of women affected by Nazi policies?"
_IN_WHAT_WAYS = re.compile(
    r"\bin what ways? (?:(?:was|were|did|do|does|has|have|had|is|are) )?(?P<focus>[^.?!;:]+)",
    re.IGNORECASE,
)
# Instructions about how to answer ("Explain your answer using Sources B and C", "You
# must also use information of your own"), which name no focus.
_INSTRUCTION = re.compile(
    r"\b(?:explain|support|justify) your (?:answer|view|judgement)|\byou (?:may|must|should) "
    r"(?:also )?(?:use|refer)|\bwith reference to\b|\brefer to\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_EXPLAIN_HOW = re.compile(
    r"\b(?:explain|describe|outline|discuss|examine|assess|evaluate|write an account of) "
    r"(?:how |what )?"
    r"(?P<focus>[^.?!;:]+)",
    re.IGNORECASE,
)
# Tails that place the focus in time or a text rather than name it.
_FOCUS_TAIL = re.compile(
    r"\s*(?:\b(?:in|during|between|from|by|before|after|up to|until|throughout) (?:the )?"
    r"(?:years? |period |decades? |(?:early|late|mid) )?(?:c\.? ?)?\d{3,4}s?\b.*|"
    r"\b(?:in|during|by|before|after|throughout) the (?:early |late |mid-?)?"
    r"\w+[ -]centur(?:y|ies)\b.*|"
    r"(?-i:\bin [A-Z]\w*(?: [A-Z]\w*)+\s*$)|"
    r"\b(?:up to |by |in )?(?:january|february|march|april|may|june|july|august|"
    r"september|october|november|december) \d{4}.*|\?.*)$",
    re.IGNORECASE,
)
_FOCUS_LEAD = re.compile(r"^\s*(?:there (?:was|were|is|are) |(?:it|this) (?:was|is) )", re.I)


def question_focus(question: str) -> str:
    """The outcome or subject a question is about, read from its stem: the phrase an
    answer's every idea must address to be relevant.

    - the outcome a cause is sought for, after "reason why / reason for / cause of /
      responsible for / explain why" ("improvements in surgery", "Hitler became
      Chancellor", "opposition to the Weimar Republic");
    - else the topic of "How does the writer present X" ("Mr Birling as an
      unsympathetic character");
    - else the subject of a quoted statement to agree with ("The effects of
      earthquakes"), or of "How successful was X";
    - else what "Explain how / Describe ..." asks about.

    Dates and the text's title that end the phrase are dropped ("in the years
    1860-1900", "in An Inspector Calls"); a question with no recognisable stem gives ''.

    Examples
    --------
    >>> question_focus("'The work of Pasteur was the main reason for improvements in "
    ...                "surgery in the years 1860-1900.' How far do you agree?")
    'improvements in surgery'
    >>> question_focus("Explain why there was opposition to the Weimar Republic in 1919-23.")
    'opposition to the Weimar Republic'
    >>> question_focus("In what ways were the lives of women affected by Nazi policies? "
    ...                "Explain your answer.")
    'the lives of women affected by Nazi policies'
    >>> question_focus("How does Interpretation B differ from Interpretation A? "
    ...                "Explain your answer using Interpretations A and B.")
    ''
    """
    sentences = _SENTENCE_END.split(" ".join(question.split()))
    text = " ".join(s for s in sentences if not _INSTRUCTION.search(s))
    statement = _STATEMENT.search(text)
    found = None
    for source in ((statement.group("statement"),) if statement else ()) + (text,):
        found = _PRESENT.search(source) or _OUTCOME.search(source)
        if found:
            break
    if not found and statement:
        found = _SUBJECT.search(statement.group("statement"))
        if not found:  # a statement with no verb read: the whole statement
            found = re.match(r"(?P<focus>.+)", statement.group("statement"))
    found = found or _AGREE_THAT.search(text) or _HOW_ADJ_SUBJECT.search(text)
    found = found or _IN_WHAT_WAYS.search(text) or _EXPLAIN_HOW.search(text)
    if not found:
        return ""
    focus = _FOCUS_LEAD.sub("", _FACTOR_AFTER.sub("", found.group("focus")))
    focus = _FOCUS_TAIL.sub("", focus).strip(" ,-–")
    return focus


_FOCUS_PREPOSITIONS = frozenset(
    {"of", "in", "to", "for", "on", "against", "with", "into", "within", "among", "between"}
    | {"at", "from", "towards", "toward", "by"}
)


def focus_terms(focus: str, *, common_zipf: float = 4.0) -> tuple[str, ...]:
    """The words by which an answer names a question's focus (lower case).

    When the focus opens with a noun governing a phrase ("improvements in surgery",
    "opposition to the Weimar Republic", "the effects of earthquakes") and that noun is
    common in general English (Zipf frequency at least ``common_zipf``, as
    ``Settings.common_word_zipf``), it says only what kind of outcome is asked about and
    the phrase after it names the topic: only the topic's words are terms (an answer on
    improvements in public health names "improvements" but not surgery). A rarer noun
    names the focus too ("unrest in the mill towns": unrest, mill, towns). Otherwise
    every content word is one ("Hitler became Chancellor", "Mr Birling as an
    unsympathetic character").

    Examples
    --------
    >>> focus_terms("improvements in surgery")
    ('surgery',)
    >>> focus_terms("unrest in the mill towns")
    ('unrest', 'mill', 'towns')
    >>> focus_terms("Hitler became Chancellor")
    ('hitler', 'chancellor')
    """
    words = re.findall(r"[A-Za-z][A-Za-z'’-]*", focus)
    while words and words[0].lower() in {"the", "a", "an"}:
        words = words[1:]
    if (
        len(words) > 2
        and words[0].islower()
        and words[1].lower() in _FOCUS_PREPOSITIONS
        and is_common_word(words[0].lower(), common_zipf)
    ):
        words = words[2:]
    found: list[str] = []
    for word in words:
        lower = word.lower().strip("'’-")
        if len(lower) >= 3 and lower not in _STOP and lower not in found:
            found.append(lower)
    return tuple(found)


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
