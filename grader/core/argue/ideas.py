"""The ideas an answer itself puts forward, and how far each is explained.

An examiner marking a generic levels scheme (no content list) still sees the distinct
factors or ideas an answer explains. Here an *idea* is a body paragraph (an essay with
no paragraph breaks is cut into blocks by :mod:`grader.core.segment`), or the part of one
where the answer has moved on to another factor (:mod:`grader.core.argue.runs`: a short
answer can explain three factors in one paragraph); neighbouring ideas that say much the
same (embeddings closer than ``idea_merge_min``) are one idea. Each idea is read for:

- **relevance**: its closest sentence to the question (``idea_relevance_min``), if it
  addresses the question's focus at all (:func:`addresses_focus`);
- **explanation**: sentences that give reasons or consequences ("because", "this
  meant", "which made", "this shows") rather than narrate;
- **detail**: specific support (a figure, a date, a name not in the question, a quotation);
- **links**: sentences that relate one idea to another or weigh them ("more important
  than", "without", "combined with", "however").

Nothing here names a topic: the cues are the language of explanation and weighing that
any subject uses. Lengths never count for themselves: an idea is credited for being
explained and supported, and an answer for how many distinct ideas it explains.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from grader.core.argue.cues import EXPLAINING
from grader.core.argue.focus import addresses_focus, weighed_items
from grader.core.argue.question import dates_in, question_period_end
from grader.core.argue.roles import is_conclusion
from grader.core.argue.runs import paragraph_runs
from grader.scheme.keywords import tokens
from grader.settings import Settings
from grader.types import Document, Sentence

# Relating or weighing ideas: comparison, dependence, interaction, counter-argument.
LINKING = re.compile(
    r"\b(more important than|less important than|more significant than|as important as|"
    r"most important|most significant|made (?:\w+ )?possible|"
    r"without (?:the|this|that|these|it|them)|"
    r"combined with|together with|linked to|link between|in turn|on (?:its|their) own|"
    r"alone|outweigh\w*|depend\w* on|only (?:because|if|when)|long-term|short-term|"
    r"trigger\w*|the real reason|however|on the other hand|whereas|although|but also|"
    r"not only|worked through|rather than|by contrast|in contrast|similarly|this contrasts|"
    r"unlike|even so|nevertheless)\b",
    re.IGNORECASE,
)
# Narration: sentences that move a story or a sequence of events on.
NARRATING = re.compile(
    r"^\W*(?:and )?(?:then|after (?:that|this)|afterwards|next|later|soon after|meanwhile|"
    r"at the (?:start|beginning|end)|in the end|eventually|in (?:\d{4}|the same year)|by \d{4}|"
    r"on \d{1,2}|the next)\b",
    re.IGNORECASE,
)
# A quotation in double quotes, or in single quotes that are not apostrophes
# ("Simpson's chloroform" quotes nothing).
QUOTE = re.compile(
    r"[\"“”]([^\"“”]{3,160}?)[\"“”]|(?<![A-Za-z])[‘']([^‘’']{3,160}?)[’'](?![A-Za-z])"
)
POSSESSIVE = re.compile(r"['’]s$")
PLAN = re.compile(r"^\W*(?:plan|notes?)\b\s*[:\-]", re.IGNORECASE)


@dataclass(frozen=True)
class Idea:
    """One idea of the answer (a body paragraph, or several that say the same).

    Attributes
    ----------
    paragraphs : tuple of int
        Paragraph indices it spans.
    sentences : tuple of int
        Sentence indices it spans.
    relevance : float
        Highest cosine similarity of one of its sentences with the question (or with
        the scheme's indicative content, where it lists any); 0 when it does not
        address the question's focus (:func:`addresses_focus`).
    explaining : int
        Sentences that give a reason or consequence.
    detail : int
        Sentences carrying specific support (figure, date, name, quotation).
    links : int
        Sentences that relate or weigh ideas.
    narrating : int
        Sentences that move a sequence of events on ("Then ...", "In 1923 ...").
    stated : int
        Sentences naming the question's stated factor: an idea naming it at all
        explains it; one naming it in fewer than half its sentences is (also) about
        another factor ("the Depression on its own cannot explain why ...").
    """

    paragraphs: tuple[int, ...]
    sentences: tuple[int, ...]
    relevance: float
    explaining: int
    detail: int
    links: int
    stated: int = 0
    narrating: int = 0

    @property
    def explained(self) -> bool:
        """Some sentence gives a reason or consequence, and the idea is not mostly a
        narrative of events (whose "because" belongs to the story, not the answer)."""
        return self.explaining >= 1 and self.narrating * 2 < len(self.sentences)

    @property
    def developed(self) -> bool:
        return self.explained and self.explaining >= 2 and self.detail >= 1

    @property
    def other_factor(self) -> bool:
        """Mostly about something other than the stated factor."""
        return self.stated * 2 < len(self.sentences)


def quotations(text: str) -> set[str]:
    """The quotations of a text, lower-cased (see :data:`QUOTE`).

    Examples
    --------
    >>> sorted(quotations('He says “community” and ‘a hard-headed man’; Simpson’s idea.'))
    ['a hard-headed man', 'community']
    """
    return {(q.group(1) or q.group(2)).lower() for q in QUOTE.finditer(text)}


def generic_words(question: str, extra: Sequence[str] = ()) -> set[str]:
    """Words that say nothing specific about an answer: the question's own."""
    found = {t.lower() for t in tokens(question)}
    for text in extra:
        found |= {t.lower() for t in tokens(text)}
    return found


def has_detail(sentence: str, generic: set[str]) -> bool:
    """Whether a sentence carries a specific detail: a figure or date, a quotation, or a
    name (a capitalised word not starting the sentence) that is not a generic word.

    Examples
    --------
    >>> has_detail("She needs a loan of £20,000 at 7% interest.", set())
    True
    >>> has_detail("Hitler hated the treaty and wanted revenge.", {"hitler", "treaty"})
    False
    """
    return bool(detail_terms(sentence, generic))


def detail_terms(sentence: str, generic: set[str]) -> set[str]:
    """The specific details of a sentence (see :func:`has_detail`), lower-cased; a
    figure or name the question itself gives ("1923" in a question about 1923) is none.

    Examples
    --------
    >>> sorted(detail_terms("In 1923 the French occupied the Ruhr.", {"1923"}))
    ['french', 'ruhr']
    >>> sorted(detail_terms("So Pasteur's theory reached Lister's wards.", {"pasteur"}))
    ['lister']
    """
    found = quotations(sentence)
    for position, word in enumerate(tokens(sentence)):
        lower = POSSESSIVE.sub("", word.lower())  # "Pasteur's" is the question's "Pasteur"
        if lower in generic:
            continue
        if any(ch.isdigit() for ch in word) or (position and word[:1].isupper() and word != "I"):
            found.add(lower)
    return found


def stated_terms(stated_factor: str, question: str) -> set[str]:
    """Content words of the question's stated factor ("depression" from "The Depression")."""
    words = {t.lower() for t in tokens(stated_factor) if len(t) >= 4}
    return words - {"the", "this", "that", "with", "their", "work"} or words


def content_words(text: str) -> set[str]:
    """Lower-cased words of a text that carry content (no stop words), crudely stemmed
    ("germs" and "germ" are one)."""
    return {w.lower().rstrip("s") for w in tokens(text) if w.lower() not in STOP_WORDS}


def restates(text: str, seen: set[str], min_new: float) -> bool:
    """Whether a sentence only restates what the answer has already said: fewer than
    ``min_new`` of its content words are new (a padded answer repeating "germs caused
    infection" earns nothing the second time).

    Examples
    --------
    >>> seen = content_words("Germs caused infection, so many patients died.")
    >>> restates("Infection killed patients because of germs.", seen, 0.34)
    True
    >>> restates("Lister sprayed carbolic acid on wounds, because it killed germs.", seen, 0.34)
    False
    """
    words = content_words(text)
    return bool(words) and len(words - seen) < min_new * len(words)


_BOUNDING_DATE = re.compile(r"\b(?:until|till|before)\b[^.;,]{0,60}?\b\d{4}s?\b", re.IGNORECASE)


def in_period(sentences: Sequence[Sentence], end: tuple[int, int] | None) -> list[Sentence]:
    """The sentences not set after the question's period (``end``, see
    :func:`~grader.core.argue.question.question_period_end`): a sentence whose dates all
    fall after it is out, and so is an undated sentence that follows one in the same
    paragraph (the narrative has moved on); a dated sentence within the period brings the
    narrative back. A date after "until" or "before" bounds the period rather than
    leaving it ("bleeding was not solved until 1901")."""
    if end is None:
        return list(sentences)
    kept: list[Sentence] = []
    after = False
    for sentence in sentences:
        dates = dates_in(_BOUNDING_DATE.sub(" ", sentence.text))
        if dates:
            after = all(d > end for d in dates)
        if not after:
            kept.append(sentence)
    return kept


def answer_ideas(
    doc: Document,
    sentence_vectors: np.ndarray,
    question_similarity: np.ndarray,
    settings: Settings,
    *,
    question: str,
    stated_factor: str = "",
    stimulus: Sequence[str] = (),
    focused: Mapping[int, bool] | None = None,
    details: Sequence[set[str]] | None = None,
) -> tuple[Idea, ...]:
    """The body ideas of an answer, in order (introduction and conclusion left out when
    the answer has at least three paragraphs; a plan line is never an idea). A paragraph
    that explains several factors in turn gives one idea each
    (:func:`grader.core.argue.runs.paragraph_runs`); every idea keeps its ``paragraphs`` and
    ``sentences``.

    ``stimulus``: the question's stimulus bullets, whose names and dates are given, not
    the answer's own detail. ``focused``: per paragraph, whether it addresses the
    question's focus (read with :func:`~grader.core.argue.focus.addresses_focus` when
    not given). ``details``: per sentence of ``doc``, its :func:`detail_terms` against the
    question's and stimulus's words, when the caller has read them already."""
    paragraphs = [p for p in doc.paragraphs if p.sentences]
    paragraphs = [p for p in paragraphs if not PLAN.search(p.sentences[0].text)]
    if len(paragraphs) >= 2 and is_conclusion(paragraphs[-1]):
        paragraphs = paragraphs[:-1]
    stated = stated_terms(stated_factor, question) if stated_factor else set()
    end = question_period_end(question)
    seen = content_words(question)
    if focused is None:
        items = weighed_items(question, stimulus)
        zipf = settings.common_word_zipf
        focused = addresses_focus(doc, question, common_zipf=zipf, items=items)
    ideas: list[Idea] = []
    previous: np.ndarray | None = None
    # sentences after the question's period count for nothing but their length
    in_time = {s.index for p in paragraphs for s in in_period(p.sentences, end)}
    if details is None:
        # the question's and the stimulus bullets' own names and dates are not the
        # answer's knowledge ("You must also use information of your own")
        generic = generic_words(question, stimulus)
        details = [detail_terms(s.text, generic) for s in doc.sentences]
    features = [
        (terms, bool(EXPLAINING.search(s.text)))
        for s, terms in zip(doc.sentences, details, strict=True)
    ]
    for paragraph, run in paragraph_runs(paragraphs, sentence_vectors, features, in_time, settings):
        kept = [s for s in run if s.index in in_time]
        index = [s.index for s in run]
        centre = sentence_vectors[index].mean(axis=0)
        centre = centre / (np.linalg.norm(centre) or 1.0)
        texts = [s.text for s in kept]
        # a sentence restating what the answer already said explains nothing new
        explaining = 0
        for sentence in run:
            if sentence.index in in_time and features[sentence.index][1]:
                explaining += not restates(sentence.text, seen, settings.restatement_min_new)
            seen |= content_words(sentence.text)
        terms = [features[s.index][0] for s in kept]
        # sentences of support, but no more than the distinct details they give (an
        # answer naming "Germany" in every sentence gives one detail, not many)
        detail = min(sum(bool(t) for t in terms), len(set().union(*terms)))
        links = sum(bool(LINKING.search(t)) for t in texts)
        narrating = sum(bool(NARRATING.search(t)) for t in texts)
        kept_index = [s.index for s in kept]
        relevance = float(question_similarity[kept_index].max()) if kept_index else 0.0
        if not focused[paragraph.index]:  # about something other than the question's focus
            relevance = 0.0
        about_stated = sum(any(w in t.lower() for w in stated) for t in texts) if stated else 0
        same = previous is not None and float(centre @ previous) >= settings.idea_merge_min
        if same and ideas:
            last = ideas[-1]
            ideas[-1] = Idea(
                tuple(dict.fromkeys(last.paragraphs + (paragraph.index,))),
                last.sentences + tuple(index),
                max(last.relevance, relevance),
                last.explaining + explaining,
                last.detail + detail,
                last.links + links,
                last.stated + about_stated,
                last.narrating + narrating,
            )
        else:
            ideas.append(
                Idea(
                    (paragraph.index,),
                    tuple(index),
                    relevance,
                    explaining,
                    detail,
                    links,
                    about_stated,
                    narrating,
                )
            )
        previous = centre
    return tuple(ideas)
