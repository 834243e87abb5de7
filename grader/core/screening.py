"""Screen a script for signs that its mark cannot be trusted without a person looking.

Four cheap checks, each read from the rubric and the essay alone (no model is fitted):

- **copied question / mark scheme**: the share of the essay's word 4-grams that also
  occur in the question, or in the rubric's own text (points, descriptors, conclusion);
- **keyword stuffing**: the share of the essay's words that are the rubric's anchor names
  and dates (the message also gives the words spent per point named);
- **repeated text**: the share of the essay's word 6-grams that already occurred earlier
  in it (a paragraph pasted many times, with or without punctuation);
- **another language**: the share of the essay's words that are common English words
  (spaCy's English stop-word list), leaving out names and terms taken from the rubric,
  or a majority of letters outside the Latin alphabet.

Each check that fires adds a coded review reason (``V001``..``V005``,
:data:`grader.errors.REVIEW_FLAGS`) and caps the level at the lowest scoring level: the
provisional mark of such a script says little about what the student knows. Off-topic
essays are the argument scorer's concern, not this module's.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.lang.en.stop_words import STOP_WORDS

from grader.errors import REVIEW_FLAGS
from grader.scheme.keywords import keyword_anchors
from grader.settings import Settings
from grader.types import Document, LevelEstimate, PointMatch, Rubric

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)

#: Word n-grams compared for copying (4: "the Treaty of Versailles" is one).
COPY_NGRAM = 4
#: Letters above this code point are outside the Latin alphabets.
LATIN_MAX = "\u024f"
#: The thresholds are in :class:`grader.settings.Settings` (``copy_*``, ``stuffing_*``,
#: ``repeat_*``, ``english_*``, ``language_*``, ``latin_*``), recorded in every result.
_DEFAULTS = Settings()


@dataclass(frozen=True)
class Screening:
    """What the screen found: coded review reasons and the level they cap the mark at.

    Attributes
    ----------
    codes : tuple of str
        Review-flag codes that fired, e.g. ``("V002",)``.
    reasons : tuple of str
        One message per code (from :data:`grader.errors.REVIEW_FLAGS`).
    cap : int or None
        Highest level (or, for count-scored rubrics, score) the script may receive;
        ``None`` when nothing fired.
    """

    codes: tuple[str, ...] = ()
    reasons: tuple[str, ...] = ()
    cap: int | None = None


def words(text: str) -> list[str]:
    """Lower-cased words of any script (letters and digits, inner apostrophes kept)."""
    return [w.lower().replace("’", "'") for w in WORD.findall(text)]


def ngrams(tokens: Sequence[str], n: int) -> list[tuple[str, ...]]:
    return [tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def rubric_text(rubric: Rubric) -> str:
    """Everything a student could paste from the mark scheme (example answers included)."""
    parts = [rubric.question, rubric.conclusion]
    parts += [b.text for b in rubric.bullets]
    parts += [p.text for p in rubric.points]
    for band in rubric.levels:
        parts += [band.descriptor, *band.descriptor_bullets, *band.examples]
    return "\n".join(p for p in parts if p)


def copied_share(
    essay_tokens: Sequence[str],
    known: frozenset[tuple[str, ...]],
    min_ngrams: int = _DEFAULTS.copy_min_ngrams,
) -> float:
    """Share of the essay's word 4-grams that are in ``known`` (0 under ``min_ngrams``).

    ``known`` is a source's word 4-grams (:class:`RubricVocabulary`).
    """
    grams = ngrams(essay_tokens, COPY_NGRAM)
    if len(grams) < min_ngrams:
        return 0.0
    return sum(g in known for g in grams) / len(grams)


def anchor_words(rubric: Rubric) -> set[str]:
    """Lower-cased single words of the rubric's keywords (names, dates, terms)."""
    found: set[str] = set()
    for point in rubric.points:
        for keyword in point.keywords:
            for anchor in keyword_anchors(keyword):
                found.update(words(anchor))
    return found


@dataclass(frozen=True)
class RubricVocabulary:
    """What the screen compares every essay with, worked out once per rubric.

    Attributes
    ----------
    question_grams, scheme_grams : frozenset of tuple of str
        Word 4-grams of the question, and of all the rubric's text.
    anchors : frozenset of str
        Single words of the points' keywords.
    borrowed : frozenset of str
        Words a student may take from the rubric (left out of the language check).
    """

    question_grams: frozenset[tuple[str, ...]]
    scheme_grams: frozenset[tuple[str, ...]]
    anchors: frozenset[str]
    borrowed: frozenset[str]

    @classmethod
    def of(cls, rubric: Rubric) -> RubricVocabulary:
        scheme = words(rubric_text(rubric))
        anchors = frozenset(anchor_words(rubric))
        return cls(
            question_grams=frozenset(ngrams(words(rubric.question), COPY_NGRAM)),
            scheme_grams=frozenset(ngrams(scheme, COPY_NGRAM)),
            anchors=anchors,
            borrowed=frozenset((set(scheme) | anchors) - STOP_WORDS),
        )


def repeated_share(tokens: Sequence[str], min_words: int = _DEFAULTS.repeat_min_words) -> float:
    """Share of the essay's word 6-grams that already occurred earlier in it.

    Catches a paragraph pasted many times whether or not it has sentence punctuation;
    0 for essays under ``min_words`` words.
    """
    if len(tokens) < min_words:
        return 0.0
    grams = ngrams(tokens, 6)
    seen: set[tuple[str, ...]] = set()
    repeats = 0
    for gram in grams:
        repeats += gram in seen
        seen.add(gram)
    return repeats / len(grams)


def mostly_non_latin(
    text: str,
    min_letters: int = _DEFAULTS.language_min_letters,
    min_latin: float = _DEFAULTS.latin_min_share,
) -> bool:
    """Whether most of the letters (at least ``min_letters``) are non-Latin."""
    if not text or max(text) <= LATIN_MAX:  # the usual case, without a pass per letter
        return False
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(ch <= LATIN_MAX for ch in letters) / max(len(letters), 1)
    return len(letters) >= min_letters and latin < min_latin


def lowest_scoring_level(rubric: Rubric) -> int:
    """The level (or score) a flagged script is capped at: the lowest one worth marks."""
    if rubric.levels:
        scoring = [b.level for b in rubric.levels if b.max_mark > 0]
        return min(scoring) if scoring else min(b.level for b in rubric.levels)
    positive = [score for _, score in rubric.count_scores if score > 0]
    return min(positive, default=0)


def screen(
    rubric: Rubric,
    doc: Document,
    matches: Sequence[PointMatch],
    vocabulary: RubricVocabulary | None = None,
    settings: Settings | None = None,
) -> Screening:
    """Run the four checks on one segmented, matched essay.

    Parameters
    ----------
    rubric : Rubric
        The mark scheme the essay is marked against.
    doc : Document
        The segmented essay.
    matches : sequence of PointMatch
        The matcher's verdict per point (used for the words-per-point figure).
    vocabulary : RubricVocabulary, optional
        ``RubricVocabulary.of(rubric)``, when marking many essays (worked out if omitted).
    settings : Settings, optional
        The screen's thresholds (defaults: ``Settings()``).

    Returns
    -------
    Screening
        Empty (no codes, ``cap=None``) for an ordinary essay.

    Examples
    --------
    >>> from grader.scheme.rubric import load_rubric
    >>> from grader.core.segment import segment
    >>> rubric = load_rubric("ussr-1920s")
    >>> doc = segment(rubric_text(rubric))
    >>> screen(rubric, doc, []).codes
    ('V002',)
    """
    vocabulary = vocabulary or RubricVocabulary.of(rubric)
    settings = settings or _DEFAULTS
    tokens = words(doc.text)
    cap = lowest_scoring_level(rubric)
    found: dict[str, dict[str, float]] = {}

    question_share = copied_share(tokens, vocabulary.question_grams, settings.copy_min_ngrams)
    scheme_share = copied_share(tokens, vocabulary.scheme_grams, settings.copy_min_ngrams)
    if question_share >= settings.copy_min_share:
        found["V001"] = {"share": question_share}
    elif scheme_share >= settings.copy_min_share:
        found["V002"] = {"share": scheme_share}

    anchors = vocabulary.anchors
    named = sum(m.status != "missing" for m in matches)
    if tokens and anchors and "V002" not in found and "V001" not in found:
        density = sum(t in anchors for t in tokens) / len(tokens)
        per_point = len(tokens) / max(named, 1)
        stuffed = density >= settings.stuffing_min_density
        if stuffed and len(tokens) >= settings.stuffing_min_words and named:
            found["V003"] = {"share": density, "per_point": per_point}

    repeats = repeated_share(tokens, settings.repeat_min_words)
    if repeats >= settings.repeat_min_share:
        found["V004"] = {"share": repeats}

    # names and terms borrowed from the rubric say nothing about the essay's language
    borrowed = vocabulary.borrowed
    own_words = [t for t in tokens if t not in borrowed and not t.isdigit()]
    english = sum(t in STOP_WORDS for t in own_words) / max(len(own_words), 1)
    if "V003" not in found and (
        (len(own_words) >= settings.language_min_words and english < settings.english_min_stopwords)
        or mostly_non_latin(doc.text, settings.language_min_letters, settings.latin_min_share)
    ):
        found["V005"] = {"share": english}

    if not found:
        return Screening()
    codes = tuple(sorted(found))
    reasons = tuple(REVIEW_FLAGS[code].format(cap=cap, **found[code]) for code in codes)
    return Screening(codes=codes, reasons=reasons, cap=cap)


def apply_screening(level: LevelEstimate, screening: Screening, rubric: Rubric) -> LevelEstimate:
    """Merge the screen into a level estimate: flag it for review and cap the level.

    The estimate's own review reasons are kept, the screen's are appended; a level above
    the cap is lowered to it, with the mark placed at the top of the capped band.
    """
    if not screening.codes:
        return level
    reasons = level.review_reasons + tuple(
        r for r in screening.reasons if r not in level.review_reasons
    )
    changes: dict[str, object] = {"needs_review": True, "review_reasons": reasons}
    cap = screening.cap
    if cap is not None and level.level > cap:
        band = next((b for b in rubric.levels if b.level == cap), None)
        mark_cap = band.max_mark if band else cap
        changes.update(
            level=cap,
            mark=min(level.mark, mark_cap),
            descriptor=band.descriptor if band else level.descriptor,
            explanation=f"{level.explanation}; capped at level {cap} for review",
        )
    return replace(level, **changes)  # type: ignore[arg-type]
