"""How feedback names things: a rubric point, its side, the student's own words.

A point is named by the words that identify it (its rare names, see
:class:`grader.core.anchors.AnchorIndex`), never by a common word such as a country
or a bare year; the student's words are quoted as they wrote them.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from grader.core.anchors import AnchorIndex, anchor_index, point_anchors
from grader.scheme.keywords import YEAR, keyword_anchors
from grader.types import Mention, Point, Rubric

SHORT_NAME_WORDS = 6
QUOTE_MAX_CHARS = 120


def side_phrase(side: str) -> str:
    """'success' -> 'the success side'; 'arguments-for' -> 'the arguments for side'."""
    return f"the {side.replace('-', ' ').replace('_', ' ')} side"


def quoted(text: str) -> str:
    """Rubric wording in quotation marks, ended as a sentence if it is not one."""
    return f"“{text}”" + ("" if text.rstrip().endswith((".", "?", "!", "…")) else ".")


def end_sentence(text: str) -> str:
    """End a sentence with a full stop unless it already ends in punctuation."""
    return text if text.endswith((".", "…", "?", "!")) else text + "."


def opening_words(point: Point) -> str:
    """The first few words of a point's mark-scheme text."""
    words = point.text.split()
    tail = "…" if len(words) > SHORT_NAME_WORDS else ""
    if words and words[0] in {"The", "A", "An"}:  # it stands inside a sentence
        words[0] = words[0].lower()
    return " ".join(words[:SHORT_NAME_WORDS]).rstrip(".,;:") + tail


def _index(rubric: Rubric) -> AnchorIndex:
    try:
        return _cached_index(rubric)
    except TypeError:  # a rubric holding an unhashable setting value
        return anchor_index(point_anchors(rubric.points), question=rubric.question)


@lru_cache(maxsize=16)
def _cached_index(rubric: Rubric) -> AnchorIndex:
    return anchor_index(point_anchors(rubric.points), question=rubric.question)


def point_name(point: Point, rubric: Rubric) -> str:
    """A few words naming a point that identify it among the rubric's points.

    The first keyword holding one of the point's names ("Versailles", not "Russia") or
    a rare word of several points in a phrase ("Rapallo Pact"), else its first keyword
    of several words ("Treaty of Berlin"), else the opening words of its mark-scheme
    text (a bare year or a country names nothing a student can act on).
    """
    index = _index(rubric)
    j = next(k for k, p in enumerate(rubric.points) if p.id == point.id)
    names = {w for a, w in enumerate(index.words) if index.names[a, j]}
    rare = {w for a, w in enumerate(index.words) if index.rare_shared[a, j]}
    for keyword in point.keywords:
        anchors = set(keyword_anchors(keyword))
        if names & anchors or (rare & anchors and len(keyword.split()) > 1):
            return keyword
    for keyword in point.keywords:
        if len(keyword.split()) > 1 and not YEAR.fullmatch(keyword):
            return keyword
    return opening_words(point)


def student_words(mentions: Sequence[Mention]) -> str:
    """The essay's words that identify a point, as written: “Rapallo”, “Berlin” … “1926”.

    A paraphrase is quoted as its sentence (shortened).
    """
    seen: list[str] = []
    for mention in mentions:
        text = mention.text
        if mention.kind == "paraphrase" and len(text) > QUOTE_MAX_CHARS:
            text = text[: QUOTE_MAX_CHARS - 1].rstrip() + "…"
        if text not in seen:
            seen.append(text)
    return ", ".join(f"“{t}”" for t in seen[:3])


def name_drop_prompt(point: Point, rubric: Rubric, mentions: Sequence[Mention]) -> str:
    """A prompt to explain a point the essay identifies but does not develop.

    It quotes the student's words that identify the point and names the point itself
    when those words are not its name ("You mention “Berlin” and “1926” but do not
    explain the Treaty of Berlin").
    """
    name = point_name(point, rubric)
    credits = f"the mark scheme credits it on {side_phrase(point.side)}: {quoted(point.text)}"
    if not mentions:
        return (
            f"You touch on {name} but do not explain it. Say what it was and why it "
            f"matters; {credits}"
        )
    words = student_words(mentions)
    if all(m.kind == "paraphrase" for m in mentions):
        return (
            f"You touch on {name} ({words}) but do not develop it. Say what happened, "
            f"what it led to and why it matters for the question; {credits}"
        )
    said = {m.text.lower() for m in mentions}
    what = "it" if name.lower() in said else name
    return (
        f"You mention {words} but do not explain {what}. Say what it was, what it led to "
        f"and why it matters for the question; {credits}"
    )
