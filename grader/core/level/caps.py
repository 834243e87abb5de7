"""The scheme's caps (maximum rules) on one answer to a levels-of-response question.

A scheme may limit answers that lack something, whatever their other qualities:
"No access to Level 3 for answers that do not go beyond the aspects prompted by the
stimulus points", "Answers that make no reference to specific examples ... cannot be
credited beyond Level 2". The importer reads these into :class:`grader.types.Cap`;
:func:`cap_findings` tests each one on an answer and :func:`apply_caps` lowers the level
and mark by those that apply, quoting the scheme's sentence. Each condition is read the
way an examiner reads it, from the answer's own ideas (:mod:`grader.core.argue.ideas`;
only ideas relevant to the question, ``Settings.idea_relevance_min``, count):

- **stimulus-only** (the answer does not go beyond the aspects prompted by the stimulus
  points). The *prompted aspects* are the stimulus bullets and the factor the question
  itself states ("The work of Pasteur was the main reason ..."): the paper gave the
  candidate those. Further detail about a prompted aspect stays within it (the terms of
  the treaty, a date or figure about the prompted event); going beyond needs a new
  aspect, event or development. So the answer is read as a run of points: a point starts
  at each paragraph, at each sentence that adds another point ("Another reason ...",
  "Also ...", "On the other hand ...") and at each sentence that dates an event the
  question and stimulus do not ("It took Koch ... in 1878"); a sentence naming a
  prompted aspect (a content word or year of a bullet, or the stated factor's name) puts
  the point on that aspect, and the sentences that follow in the same point continue
  it. A sentence of a point
  that names no prompted aspect is the answer's own material when it carries something
  specific that the question and the stimulus do not give: a name, date, figure or
  quotation (:func:`grader.core.argue.ideas.detail_terms`) or a subject term (a word
  rarer in general English than ``Settings.common_word_zipf``: "chloroform",
  "hyperinflation"). The cap applies when no relevant idea has any such material.
- **no-examples**: no relevant idea names a specific example: a proper name (a
  capitalised word inside a sentence that is not one of the question's own words, such
  as its "LICs") or a year.
- **no-judgement**: the argument reaches no judgement (``"none"``); a question read as
  asking for none (``"n/a"``) is not capped.
- **no-development** / **list-only**: no relevant idea is explained; for list-only, the
  answer also states more than one idea (:func:`lacks_development`, shared with the
  point-marked scheme's maxima).
- **other**: a rule grader cannot test; never applied (``grader rubric check`` reports it).

Known limits: a proper name that only ever starts a sentence ("Haiti was ...") is not
seen as an example; a misspelt common word can pass for a subject term; a point that
names a prompted aspect and then moves on to a new one without a new-point opening is
read as staying on the prompted aspect.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.lang.en.stop_words import STOP_WORDS

from grader.core.anchors import is_common_word
from grader.core.argue.ideas import Idea, detail_terms, generic_words, stated_terms
from grader.scheme.keywords import YEAR, tokens
from grader.settings import Settings
from grader.types import Cap, Document, LevelBand, Rubric

# The language of adding another point (another factor, side or development).
NEW_POINT = re.compile(
    r"^\W*(?:also|another|in addition|additionally|as well as|furthermore|moreover|"
    r"secondly|thirdly|fourthly|finally|lastly|besides|on the other hand|"
    r"(?:a|the|my) (?:second|third|fourth|further|final|last|other|next) "
    r"(?:reason|factor|cause|way|point|aspect|problem|example|development)|"
    r"other (?:reasons?|factors?|causes?|things|people|developments?)|"
    r"there (?:was|were|is|are) (?:also|other|another))\b",
    re.IGNORECASE,
)
# A contraction written without its apostrophe ("didnt", "theyre") is no subject term.
CONTRACTION = re.compile(r"(?:nt|re|ve|ll|s|d|m)$")
TESTED = ("stimulus-only", "no-examples", "no-judgement", "no-development", "list-only")


@dataclass(frozen=True)
class CapFinding:
    """A cap of the scheme that applies to an answer, and what the answer lacks."""

    cap: Cap
    reason: str


def normalise(word: str) -> str:
    """Lower-case ``word`` without a possessive or a plural "s" ("LICs" -> "lic").

    Examples
    --------
    >>> normalise("Pasteur's"), normalise("LICs"), normalise("germs"), normalise("1923")
    ('pasteur', 'lic', 'germ', '1923')
    """
    word = word.lower()
    for ending in ("'s", "’s"):
        word = word.removesuffix(ending)
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return word


def words_of(text: str) -> set[str]:
    """Normalised content words and numbers of ``text``, and the parts of a hyphenated
    word (function words left out).

    Examples
    --------
    >>> sorted(words_of("The machine-breaking of 1811"))
    ['1811', 'breaking', 'machine', 'machine-breaking']
    """
    found = set()
    for token in tokens(text):
        for word in {token, *token.split("-")}:
            if word and word.lower() not in STOP_WORDS:
                found.add(normalise(word))
    return found


def lacks_development(condition: str, points: int, developed: int) -> bool:
    """Whether a "no-development" or "list-only" cap applies to an answer that states
    ``points`` points (ideas) and develops (explains) ``developed`` of them.

    Examples
    --------
    >>> lacks_development("no-development", 1, 0), lacks_development("list-only", 1, 0)
    (True, False)
    >>> lacks_development("list-only", 3, 0), lacks_development("list-only", 3, 1)
    (True, False)
    """
    if condition == "no-development":
        return developed == 0
    if condition == "list-only":
        return points > 1 and developed == 0
    return False


class CapChecker:
    """Tests a rubric's caps on answers (what the question and stimulus give, read once).

    Parameters
    ----------
    rubric : Rubric
        Its ``caps``, ``question`` and ``stimulus`` are read.
    settings : Settings
        ``idea_relevance_min`` and ``common_word_zipf`` are read.
    stated_factor : str
        The factor the question states ("The work of Pasteur"), or ''.
    """

    def __init__(self, rubric: Rubric, settings: Settings, stated_factor: str = "") -> None:
        self.caps = tuple(c for c in rubric.caps if c.condition in TESTED)
        self.settings = settings
        question = words_of(rubric.question)
        # the words that name a prompted aspect: each bullet's own words (not the
        # question's, which every answer uses) and the stated factor's name
        self.prompted = {w for b in rubric.stimulus for w in words_of(b)} - question
        if stated_factor:
            self.prompted |= {normalise(w) for w in stated_terms(stated_factor, rubric.question)}
        self.generic = generic_words(rubric.question, rubric.stimulus)
        self.given = question | {w for b in rubric.stimulus for w in words_of(b)}

    def findings(self, doc: Document, ideas: Sequence[Idea], judgement: str) -> list[CapFinding]:
        """The caps that apply to one answer (its ideas and the argument's judgement)."""
        relevant = [i for i in ideas if i.relevance >= self.settings.idea_relevance_min]
        found = []
        for cap in self.caps:
            reason = self._lacks(cap, doc, relevant, judgement)
            if reason:
                found.append(CapFinding(cap, reason))
        return found

    def _lacks(self, cap: Cap, doc: Document, relevant: Sequence[Idea], judgement: str) -> str:
        condition = cap.condition
        if condition == "stimulus-only":
            if self.prompted and not self.own_material(doc, relevant):
                return "nothing in the answer goes beyond the stimulus points"
        elif condition == "no-examples":
            if not self.examples(doc, relevant):
                return "no named place, event or date is used as an example"
        elif condition == "no-judgement":
            if judgement == "none":
                return "no judgement is reached"
        elif lacks_development(condition, len(relevant), sum(i.explained for i in relevant)):
            return "no idea is explained or developed"
        return ""

    def own_material(self, doc: Document, ideas: Sequence[Idea]) -> set[str]:
        """The specific terms (names, dates, figures, quotations, subject terms) of the
        answer's own, outside the aspects the stimulus and question prompt (see the
        module docstring)."""
        found: set[str] = set()
        for paragraph in _paragraphs(doc, ideas):
            prompted = False
            for position, sentence in enumerate(paragraph):
                named = bool(words_of(sentence) & self.prompted)
                dated = bool({y.group(1) for y in YEAR.finditer(sentence)} - self.given)
                if position == 0 or NEW_POINT.search(sentence) or (dated and not named):
                    prompted = False  # a new point or event: on no aspect until one is named
                if named:
                    prompted = True
                if not prompted:
                    found |= self.specific(sentence)
        return found

    def specific(self, sentence: str) -> set[str]:
        """Names, dates, figures, quotations and subject terms of ``sentence`` that the
        question and stimulus do not give.

        Examples
        --------
        >>> from grader.types import Rubric
        >>> r = Rubric("r", "Explain why there was opposition.", ("main",), (), (),
        ...            stimulus=("the Kapp Putsch",))
        >>> sorted(CapChecker(r, Settings()).specific("Also hyperinflation in 1923 hurt them."))
        ['1923', 'hyperinflation']
        """
        found = {normalise(t) for t in detail_terms(sentence, self.generic)}
        for token in tokens(sentence):
            lower = token.lower()
            if not token.islower() or lower in STOP_WORDS or _contraction(lower):
                continue
            parts = [p for p in lower.split("-") if p]
            if any(not is_common_word(p, self.settings.common_word_zipf) for p in parts):
                found.add(normalise(token))
        return found - self.given

    def examples(self, doc: Document, ideas: Sequence[Idea]) -> set[str]:
        """The specific examples the relevant ideas name: proper names inside a sentence
        that are not the question's own words, and years.

        Examples
        --------
        >>> from grader.types import Rubric
        >>> r = Rubric("r", "Are effects greater in LICs?", ("main",), (), ())
        >>> checker = CapChecker(r, Settings())
        >>> sorted(checker.example_terms("In an LIC like Haiti in 2010 many died."))
        ['2010', 'haiti']
        >>> checker.example_terms("In an LIC houses collapse, I think.")
        set()
        """
        return {t for p in _paragraphs(doc, ideas) for s in p for t in self.example_terms(s)}

    def example_terms(self, sentence: str) -> set[str]:
        found = set()
        for position, token in enumerate(tokens(sentence)):
            if YEAR.fullmatch(token):
                found.add(token)
            elif position and token[:1].isupper() and token != "I":
                found.add(normalise(token))
        return found - self.given


def _contraction(word: str) -> bool:
    stem = CONTRACTION.sub("", word)
    return stem != word and (stem in STOP_WORDS or stem + "n" in STOP_WORDS)


def _paragraphs(doc: Document, ideas: Sequence[Idea]) -> list[list[str]]:
    """The sentence texts of each paragraph the ideas span, in order."""
    wanted = {p for i in ideas for p in i.paragraphs}
    return [[s.text for s in p.sentences] for p in doc.paragraphs if p.index in wanted]


def apply_caps(
    bands: Sequence[LevelBand], band: LevelBand, mark: int, findings: Sequence[CapFinding]
) -> tuple[LevelBand, int, list[str]]:
    """Lower ``band`` and ``mark`` by the caps that apply; also what each lowering says.

    A level cap ("no access to Level 3") puts the answer at the top of the highest band
    it allows; then a mark cap for the answer's level ("Maximum 7 marks for Level 2
    answers that ...") or for any answer limits the mark. A cap that changes nothing
    is not reported.

    Examples
    --------
    >>> bands = [LevelBand(1, 1, 4, ""), LevelBand(2, 5, 8, ""), LevelBand(3, 9, 12, "")]
    >>> caps = [CapFinding(Cap("stimulus-only", max_level=2, text="No Level 3."), "why"),
    ...         CapFinding(Cap("stimulus-only", 7, level=2, text="Max 7 in Level 2."), "why")]
    >>> band, mark, said = apply_caps(bands, bands[2], 11, caps)
    >>> band.level, mark, said
    (2, 7, ['capped: No Level 3. (why)', 'capped: Max 7 in Level 2. (why)'])
    """
    ordered = sorted(bands, key=lambda b: b.level)
    said: list[str] = []
    for finding in findings:
        cap = finding.cap
        if cap.max_level is None or band.level <= cap.max_level:
            continue
        allowed = [b for b in ordered if b.level <= cap.max_level]
        if allowed:
            band = allowed[-1]
            mark = min(mark, band.max_mark)
            said.append(_said(finding))
    for finding in findings:
        cap = finding.cap
        if cap.max_mark is None or (cap.level is not None and cap.level != band.level):
            continue
        if mark > cap.max_mark:
            mark = cap.max_mark
            if cap.level is None:
                band = next((b for b in ordered if b.min_mark <= mark <= b.max_mark), band)
            said.append(_said(finding))
    return band, mark, said


def _said(finding: CapFinding) -> str:
    return f"capped: {finding.cap.text or finding.cap.condition} ({finding.reason})"
