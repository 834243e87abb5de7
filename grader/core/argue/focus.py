"""The question's focus, the outcome or subject its stem asks about
(:func:`question_focus`, :func:`focus_terms`), and whether an answer addresses it: a
word test, read per paragraph (:func:`addresses_focus`)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.lang.en.stop_words import STOP_WORDS as _STOP

from grader.core.anchors import is_common_word
from grader.core.argue.cues import EXPLAINING
from grader.core.argue.question import question_task
from grader.scheme.keywords import tokens
from grader.types import Document

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


def same_word(word: str, term: str) -> bool:
    """Whether two lower-case words are one word by simple stemming: equal, or sharing
    their first four letters or more, at most three short of the shorter word
    ("surgeon", "surgery", "surgical"; "opposed", "opposition"; not "war", "warm")."""
    if word == term:
        return True
    stem = 0
    for a, b in zip(word, term, strict=False):
        if a != b:
            break
        stem += 1
    return stem >= 4 and stem >= min(len(word), len(term)) - 3


def names_focus(text: str, terms: Sequence[str]) -> bool:
    """Whether a text names the question's focus: one of its words is one of the
    focus's terms (:func:`focus_terms`) by :func:`same_word`.

    Examples
    --------
    >>> names_focus("Surgeons could now operate slowly.", ("surgery",))
    True
    >>> names_focus("Towns were cleaned up after the 1875 Public Health Act.", ("surgery",))
    False
    """
    words = {w.lower() for w in tokens(text)}
    return any(same_word(w, t) for w in words for t in terms)


def addresses_focus(
    doc: Document, question: str, *, common_zipf: float = 4.0, items: Sequence[str] = ()
) -> dict[int, bool]:
    """Per paragraph index of ``doc``, whether the paragraph addresses the question's
    focus: the outcome or subject the stem asks about
    (:func:`question_focus`: "improvements in surgery",
    "opposition to the Weimar Republic").

    Similarity to the whole question is topical, not focused: an accurate account of
    public health reform is close to a question on Pasteur and surgery, and opposition
    to the Nazis to one on opposition to the Weimar Republic. An examiner asks of each
    paragraph whether it explains the question's focus. The rule:

    - a paragraph naming the focus (one of its sentences names a focus term, simply
      stemmed: :func:`names_focus`) addresses it;
    - so does every paragraph of an answer that ties its material to the focus: it
      names the focus in its opening or closing paragraph (where an answer says what it
      argues about) or in a sentence giving a reason or consequence ("people opposed
      the Republic because ..."), so a paragraph on the Treaty of Versailles that says
      "the government" still counts;
    - any other paragraph answers a different question, and earns nothing (relevance
      0): a biography of Pasteur that names surgery only in passing, in the middle of
      its story, is credited for that paragraph alone.

    No similarity threshold: a focus term is named or not (``common_zipf``, as
    ``Settings.common_word_zipf``, decides whether the focus's opening noun is a term).
    A question whose focus cannot be read leaves every paragraph addressing it.
    ``items``: what the question asks the answer to weigh ("Which of the following was
    the more important reason ...? • the Treaty • hyperinflation"); naming one addresses
    the question as naming its outcome does.

    Examples
    --------
    >>> from grader.core.segment import segment
    >>> doc = segment("Towns were dirty. Chadwick wrote a report.\\n\\n"
    ...               "Lister became a surgeon in Glasgow.\\n\\n"
    ...               "Snow had the pump handle removed.", essay_id="e")
    >>> addresses_focus(doc, "Explain why surgery became safer in the years 1860-1900.")
    {0: False, 1: True, 2: False}
    """
    terms = focus_terms(question_focus(question), common_zipf=common_zipf)
    if terms:
        terms += tuple(t for item in items for t in focus_terms(item, common_zipf=common_zipf))
    if not terms:
        return {p.index: True for p in doc.paragraphs}
    named = {p.index: any(names_focus(s.text, terms) for s in p.sentences) for p in doc.paragraphs}
    ends = [p.index for p in doc.paragraphs if p.sentences]
    tied = any(named[i] for i in ends[:1] + ends[-1:]) or any(
        EXPLAINING.search(s.text) and names_focus(s.text, terms) for s in doc.sentences
    )
    return {index: tied or found for index, found in named.items()}


def weighed_items(question: str, stimulus: Sequence[str]) -> tuple[str, ...]:
    """The stimulus bullets a question asks the answer to weigh against each other
    ("Which of the following was the more important reason ...?"); a question that only
    offers them as prompts ("You may use the following") asks about its own focus."""
    return tuple(stimulus) if question_task(question).kind == "compare" else ()
