"""Whether an answer addresses the question's focus, the outcome or subject its stem asks
about (:func:`~grader.core.argue.question.question_focus`): a word test, read per
paragraph (:func:`addresses_focus`)."""

from __future__ import annotations

from collections.abc import Sequence

from grader.core.argue.cues import EXPLAINING
from grader.core.argue.question import focus_terms, question_focus, question_task
from grader.scheme.keywords import tokens
from grader.types import Document


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
    focus's terms (:func:`~grader.core.argue.question.focus_terms`) by :func:`same_word`.

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
    (:func:`~grader.core.argue.question.question_focus`: "improvements in surgery",
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
