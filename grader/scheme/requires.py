"""Terms a mark scheme insists on before it credits a point ("must mention the pore").

Short-answer schemes credit a key element only when the answer states its
substance: "mRNA leaves the nucleus" restates the question and earns nothing, "mRNA
leaves through a nuclear pore" earns the point. A rubric says so per point::

    - id: k-nuclear-pore
      text: mRNA exits the nucleus via a nuclear pore.
      requires: ["pore"]
    - id: k-passive-transport
      text: Passive transport moves substances from higher to lower concentration.
      requires: ["concentration | gradient | high to low"]

Each entry of ``requires`` is one condition, its alternatives separated by ``|``;
every condition must be met by the sentences the matcher found as the point's
evidence. A term is met when each of its words is in one sentence: a word of four
letters or more also matches its inflections ("bond" -> "bonded") and misspellings
(rapidfuzz ratio >= ``keyword_min_score``); shorter words must match exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rapidfuzz import fuzz

from grader.scheme.keywords import tokens

#: Words at least this long match inflections and misspellings.
FUZZY_MIN_LETTERS = 4


def parse_condition(text: str) -> tuple[str, ...]:
    """``"pore | nuclear pores"`` -> ``("pore", "nuclear pores")`` (lower-cased)."""
    return tuple(t.strip().lower() for t in text.split("|") if t.strip())


def _word_in(word: str, sentence: Sequence[str], min_score: float) -> bool:
    if len(word) < FUZZY_MIN_LETTERS:
        return word in sentence
    for token in sentence:
        if token == word or token.startswith(word):
            return True
        if abs(len(token) - len(word)) <= 3 and fuzz.ratio(word, token) >= min_score:
            return True
    return False


def term_found(term: str, sentence_tokens: Sequence[str], min_score: float = 85.0) -> bool:
    """Whether every word of ``term`` is in one sentence's lower-cased tokens.

    Examples
    --------
    >>> term_found("peptide bond", ["amino", "acids", "are", "bonded", "by", "peptide", "bonds"])
    True
    >>> term_found("pore", ["mrna", "leaves", "the", "nucleus"])
    False
    """
    words = [w.lower() for w in tokens(term)]
    return bool(words) and all(_word_in(w, sentence_tokens, min_score) for w in words)


def unmet(
    requires: Iterable[tuple[str, ...]],
    sentences: Iterable[Sequence[str]],
    min_score: float = 85.0,
) -> tuple[str, ...]:
    """The conditions (joined by ``" | "``) that none of ``sentences`` meets.

    Parameters
    ----------
    requires : iterable of tuple of str
        A point's conditions, each a tuple of alternative terms.
    sentences : iterable of sequence of str
        The lower-cased tokens of each evidence sentence.
    min_score : float
        rapidfuzz ratio at which a misspelt word still matches.

    Examples
    --------
    >>> unmet([("pore",), ("mrna", "messenger")], [["mrna", "exits", "through", "pores"]])
    ()
    >>> unmet([("pore",)], [["mrna", "leaves", "the", "nucleus"]])
    ('pore',)
    """
    sentences = list(sentences)
    return tuple(
        " | ".join(condition)
        for condition in requires
        if not any(term_found(t, s, min_score) for t in condition for s in sentences)
    )
