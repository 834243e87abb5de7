"""The words of a point-marked scheme and of an answer to it.

:func:`split_clauses` cuts an answer into clauses at list breaks and causal connectives
(a clause a connective introduces continues the idea before it); :func:`terms`,
:func:`new_words` and :func:`own_names` read content words; :func:`not_credited` reads
what the scheme says earns nothing; :func:`statement_of` a point's statement without its
developments. :mod:`grader.core.level.points` marks with them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from grader.core.anchors import is_common_word
from grader.settings import Settings
from grader.types import Point

# Causal and consequential connectives that introduce an explanation of what came before.
# Generic English, not a question's vocabulary. Longest first so "so that" wins over "so".
CONNECTIVES = (
    "which means that",
    "which means",
    "which makes",
    "which leads to",
    "which causes",
    "this means that",
    "this means",
    "this makes",
    "this leads to",
    "this causes",
    "this results in",
    "this increases",
    "this reduces",
    "that means",
    "as a result",
    "resulting in",
    "leading to",
    "meaning that",
    "meaning",
    "therefore",
    "because",
    "so that",
    "causing",
    "so",
    "thus",
    "hence",
)
CONNECTIVE = re.compile(
    r"(?:^|(?<=[\s,;:(]))(" + "|".join(re.escape(c) for c in CONNECTIVES) + r")\b",
    re.IGNORECASE,
)
# A scheme's note that something earns no credit, and the examples it lists in brackets.
NO_CREDIT = re.compile(
    r"\b(?:not (?:be )?credit(?:ed|worthy|able)|no credit|do not credit|not creditworthy|"
    r"not be rewarded|not rewarded)\b",
    re.IGNORECASE,
)
BRACKETED = re.compile(r"\(([^()]{3,300})\)")
EXAMPLE_LEAD = re.compile(r"^\s*(?:e\.?g\.?|for example|such as)[\s,:]*", re.IGNORECASE)
# List items and line breaks separate ideas as sentences do.
WORD = re.compile(r"[a-z]+")
MARK = re.compile(r"\(\s*(?:1|d)\s*\)", re.IGNORECASE)
STEM = 5  # words sharing their first five letters are one word ("flood", "flooding")
ITEM_BREAK = re.compile(r"\s*(?:\n+|;)\s*(?:[-*•]\s+|\d+[.)]\s+)?")


@dataclass(frozen=True)
class Clause:
    """A piece of an answer: its text and whether a connective introduced it."""

    text: str
    continues: bool


def split_clauses(text: str) -> list[Clause]:
    """Cut one sentence (or list) into clauses at list breaks and causal connectives.

    Examples
    --------
    >>> [(c.text, c.continues) for c in split_clauses("Trees are cut down so rain runs off.")]
    [('Trees are cut down', False), ('so rain runs off.', True)]
    """
    clauses = []
    for item in ITEM_BREAK.split(text):
        item = item.strip().lstrip("-*• ").strip()
        if not item:
            continue
        starts = [m.start() for m in CONNECTIVE.finditer(item)]
        cuts = [0, *[s for s in starts if s > 0], len(item)]
        for begin, end in zip(cuts, cuts[1:], strict=False):
            piece = item[begin:end].strip(" ,;:")
            if piece:
                continues = bool(CONNECTIVE.match(piece))
                clauses.append(Clause(piece, continues))
    return clauses


def statement_of(point: Point) -> str:
    """What a point says before its developments: a rubric file may keep the whole worked
    example as the point's text ("Deforestation (1) means less rain is intercepted (d)")."""
    text = MARK.split(point.text)[0]
    for step in point.development:
        text = text.replace(step, " ")
    return " ".join(text.split()) or point.text


def own_names(
    statement: str, others: Sequence[set[str]], asked: set[str], settings: Settings
) -> set[str]:
    """The words (as :func:`terms`) that name one point of a scheme: in its statement, in
    none of ``others`` (the other points', what the scheme does not credit) nor the
    question (``asked``), and rare in general English
    (:func:`~grader.core.anchors.is_common_word` at ``Settings.common_word_zipf``).

    Examples
    --------
    >>> sorted(own_names("Rivers not dredged or culverts blocked by litter",
    ...                  [{"drain", "litter"}], {"river"}, Settings()))
    ['culvert', 'dredg']
    """
    found = set()
    for word in WORD.findall(statement.lower()):
        term = terms(word)
        if not term or is_common_word(word, settings.common_word_zipf):
            continue
        (stem,) = term
        if stem not in asked and not any(stem in other for other in others):
            found.add(stem)
    return found


def terms(text: str) -> set[str]:
    """Content words of ``text``, lower-cased, with plural and -ing/-ed endings removed.

    Examples
    --------
    >>> sorted(terms("Building houses on the floodplain"))
    ['build', 'floodplain', 'house']
    """
    found = set()
    for word in WORD.findall(text.lower()):
        for ending in ("ing", "ed", "s"):
            if word.endswith(ending) and len(word) - len(ending) >= 4:
                word = word[: -len(ending)]
                break
        if len(word) > 2 and word not in STOP_WORDS:
            found.add(word)
    return found


def new_words(text: str, said: str) -> int:
    """Content words of ``text`` not already in ``said`` (function words and words sharing
    their stem with a word of ``said`` do not count).

    Examples
    --------
    >>> new_words("which makes it flood more", "Explain why rivers flood.")
    0
    >>> new_words("so water cannot soak into the ground", "Explain why rivers flood.")
    3
    """
    known = {w[:STEM] for w in WORD.findall(said.lower())}

    def content(word: str) -> bool:
        return len(word) > 2 and word not in STOP_WORDS and word.rstrip("s") not in STOP_WORDS

    return sum(content(w) and w[:STEM] not in known for w in WORD.findall(text.lower()))


def not_credited(notes: Sequence[str]) -> tuple[str, ...]:
    """What a scheme's notes say must not be credited: the bracketed examples of each
    sentence that says so, one item each.

    Examples
    --------
    >>> not_credited(["Physical factors (eg heavy rain, steep slopes) should not be credited."])
    ('heavy rain', 'steep slopes')
    """
    items: list[str] = []
    for note in notes:
        for sentence in re.split(r"(?<=[.!?])\s+", note):
            if not NO_CREDIT.search(sentence):
                continue
            for group in BRACKETED.findall(sentence):
                for item in re.split(r"[,;]", EXAMPLE_LEAD.sub("", group)):
                    item = item.strip(" .")
                    if item and item not in items:
                        items.append(item)
    return tuple(items)
