"""The quality of an answer, read against what the scheme's descriptors reward.

Levels descriptors of every board grade a few qualities: the ideas (factors) an answer
explains and how far, the knowledge that supports them, the analysis that relates and
weighs them, and, where the question asks for one, the judgement. Literature schemes add
the writer's methods and context (AO2, AO3). :func:`rewarded_qualities` reads which of
these a scheme's descriptors mention; :func:`answer_quality` measures each in an answer
on a 0..1 scale and averages the rewarded ones into one score.

Each quality saturates at a count that grows with the scheme's number of scoring levels
(``ideas_per_level``, ``details_per_level``, ``links_per_level``): an answer earns full
credit for explaining a range of ideas with support, never for going on at length. A
narrated idea earns ``described_credit`` of an explained one.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from grader.core.argue.ideas import Idea, quotations
from grader.settings import Settings
from grader.types import ArgumentResult, Document, LevelBand, PointMatch

# Subject terminology for a writer's methods (AO2), any text.
METHOD = re.compile(
    r"\b(dramatic irony|irony|ironic\w*|stage directions?|metaphors?|similes?|imagery|"
    r"symbol\w*|juxtapos\w*|foreshadow\w*|tone|structur\w*|language|verbs?|adjectives?|"
    r"nouns?|adverbs?|the word|the phrase|monologue|soliloquy|dialogue|characteri[sz]\w+|"
    r"mouthpiece|motif|personification|alliteration|rhetorical|exclamat\w+|imperatives?|"
    r"narrat(?:or|ive voice)|stanza|enjambment|caesura|sonnet|climax|cliffhanger|"
    r"entrances?|exits?|lighting|props?|semantic field|connotations?|hyperbole|"
    r"repetition|pathetic fallacy|sarcas\w+|satir\w+|cyclical|dramatic device)\b",
    re.IGNORECASE,
)
# Context (AO3): the society, time and beliefs a text was written in or for.
CONTEXT = re.compile(
    r"\b(context|society|social|class|at the time|contemporary|audiences?|historical|era|"
    r"century|\d{4}|victorian|elizabethan|jacobean|edwardian|post-war|political|politics|"
    r"beliefs?|values|attitudes|socialis\w+|capitalis\w+|patriarch\w*|religio\w+)\b",
    re.IGNORECASE,
)
_WANTS_METHODS = re.compile(r"\bmethods?\b|\bterminology\b|\blanguage, form\b", re.I)
# Literature's AO3 sense (the text's context), not a business answer's "context" (the case)
# nor history's "contextual knowledge" (the answer's own knowledge, measured as knowledge).
_WANTS_CONTEXT = re.compile(
    r"\bcontextual\b(?! knowledge)|\bcontexts? in which\b|\bcontext,? (?:and )?text\b|"
    r"\bbetween context\b",
    re.I,
)
# Relating, weighing or comparing ideas: what "analysis" rewards ("complex explanation
# ... showing how factors are linked", "evaluation", a judgement). "Analysed to explain
# consequences" alone asks for explanation, which is measured already.
_WANTS_ANALYSIS = re.compile(
    r"\blink|connect|relationship|interplay|weigh|evaluat|compar|judgement|"
    r"complex explanation|interact|interpret",
    re.I,
)
# A scheme that rewards description rather than explanation ("Complex description",
# "Basic description" for a "Describe two ..." question).
_DESCRIPTION = re.compile(r"\bdescri(?:be|bes|bing|ption|ptions|ptive)\b", re.I)
_EXPLANATION = re.compile(r"\bexplai?n", re.I)
_STATED_AND_OTHER = re.compile(r"\bstated factor and (?:the )?other factor", re.I)
# How far a band's judgement must go, read from its sentences about the judgement.
_JUDGEMENT_SENTENCE = re.compile(r"[^.;]*\b(?:judgements?|conclusions?|verdict)\b[^.;]*", re.I)
_JUDGEMENT_WEAK = re.compile(
    r"\bmay be\b|\battempt|\basserted|\bonly partly|\bnot (?:sustained|supported)|"
    r"\blittle or no\b|\bunsupported|\bany judgement",
    re.I,
)
_JUDGEMENT_SUSTAINED = re.compile(r"\bsustained\b|\bfully\b|\bconvincing|\bthroughout\b", re.I)
JUDGEMENT_TIER = {"n/a": 0, "none": 0, "unsubstantiated": 1, "substantiated": 2, "sustained": 3}


@dataclass(frozen=True)
class Quality:
    """One answer's qualities (0..1 each; None when the scheme does not reward it).

    ``score`` is the mean of the rewarded ones, times the share of the answer that is
    relevant (half weight).
    """

    explanation: float
    knowledge: float
    analysis: float | None
    judgement: float | None
    methods: float | None
    context: float | None
    relevance: float
    score: float
    ideas: tuple[Idea, ...]
    explained: int
    stated_explained: bool
    others_explained: int
    notes: tuple[str, ...] = ()
    describes: bool = False  # ``explanation`` holds the description the scheme rewards
    focus_missed: str = ""  # the question's focus, when no sentence of the answer names it


def scheme_text(bands: Sequence[LevelBand]) -> str:
    return "\n".join(t for b in bands for t in (b.descriptor, *b.descriptor_bullets))


def rewarded_qualities(bands: Sequence[LevelBand], needs_judgement: bool) -> tuple[str, ...]:
    """Which qualities the scheme's descriptors reward: ``explanation`` (or
    ``description``, when they reward description and never explanation) and
    ``knowledge`` always; ``analysis`` when they speak of analysis, links, weighing or
    a judgement, or the question asks for one; ``judgement`` when the question asks for
    one; ``methods`` and ``context`` when they name them (literature's AO2 and AO3).

    Examples
    --------
    >>> rewarded_qualities([LevelBand(1, 1, 2, "Basic description of problem(s)."),
    ...                     LevelBand(2, 3, 4, "Complex description, with knowledge.")], False)
    ('description', 'knowledge')
    """
    text = scheme_text(bands)
    describes = bool(_DESCRIPTION.search(text)) and not _EXPLANATION.search(text)
    found = ["description" if describes else "explanation", "knowledge"]
    if needs_judgement or _WANTS_ANALYSIS.search(text):
        found.append("analysis")
    if needs_judgement:
        found.append("judgement")
    if _WANTS_METHODS.search(text):
        found.append("methods")
    if _WANTS_CONTEXT.search(text):
        found.append("context")
    return tuple(found)


def idea_credit(idea: Idea, settings: Settings) -> float:
    """0 irrelevant, ``described_credit`` narrated, 0.5 explained, 0.75 explained with
    support, 1 developed (two or more explaining sentences with support)."""
    if idea.relevance < settings.idea_relevance_min:
        return 0.0
    if not idea.explained:
        return settings.described_credit
    if idea.developed:
        return 1.0
    return 0.75 if idea.detail else 0.5


def description_credit(idea: Idea, settings: Settings) -> float:
    """Where the scheme rewards description: 0 irrelevant, 0.5 described, 0.75 with one
    sentence of specific support, 1 with two or more (a developed description); an
    explained idea earns no less than :func:`idea_credit`."""
    if idea.relevance < settings.idea_relevance_min:
        return 0.0
    described = 1.0 if idea.detail >= 2 else 0.75 if idea.detail else 0.5
    return max(described, idea_credit(idea, settings))


def answer_quality(
    doc: Document,
    ideas: Sequence[Idea],
    argument: ArgumentResult,
    matches: Sequence[PointMatch],
    rewarded: Sequence[str],
    settings: Settings,
    levels: int = 4,
    detailed: Collection[int] = (),
    asked: int | None = None,
) -> Quality:
    """Measure the rewarded qualities of one answer (see the module docstring);
    ``levels`` is the number of the scheme's scoring levels, ``detailed`` the indices of
    the sentences giving specific support of the answer's own
    (:func:`~grader.core.argue.ideas.detail_terms`), ``asked`` how many ideas the
    question asks for ("Explain two consequences"): the range of ideas is full there."""
    full = max(round(settings.ideas_per_level * levels), 1)
    if asked:
        full = min(full, asked)
    full_details = max(settings.details_per_level * levels, 1.0)
    full_links = max(settings.links_per_level * levels, 1.0)
    relevant = [i for i in ideas if i.relevance >= settings.idea_relevance_min]
    if "description" in rewarded:
        # a range of relevant features, each with support; describing is the task, so
        # all its support counts
        described = sorted((description_credit(i, settings) for i in ideas), reverse=True)
        explanation = sum(described[:full]) / full
        details: float = sum(i.detail for i in relevant)
    else:
        # half for the range of explained ideas, half for the chains of reasoning in them
        # (an idea may hold several: "which means ... so ..."), each beyond the first
        # only as far as specific support carries it: "because" repeated over one simple
        # point is padding, not development
        credits = sorted((idea_credit(i, settings) for i in ideas), reverse=True)
        chains = sum(min(i.explaining, 1 + i.detail) for i in relevant if i.explained)
        explanation = 0.5 * sum(credits[:full]) / full + 0.5 * min(1.0, chains / (2 * full))
        # support counts as far as it is used to explain ("knowledge ... used to give a
        # simple explanation"): an explained idea's details count up to one more than its
        # explaining sentences, a narrated or described idea's at ``described_credit``, so
        # accurate narrative does not lift the level
        details = sum(
            min(i.detail, 1 + i.explaining)
            if i.explained
            else min(settings.described_credit * i.detail, 1.0)
            for i in relevant
        )
    knowledge = min(1.0, max(details / full_details, supported_points(matches, detailed) / full))
    links = sum(i.links for i in relevant)
    linked_share = sum(i.links > 0 for i in relevant) / len(relevant) if relevant else 0.0
    analysis = (
        0.5 * min(1.0, links / full_links) + 0.5 * linked_share if "analysis" in rewarded else None
    )
    judgement = JUDGEMENT_TIER.get(argument.judgement, 0) / 3 if "judgement" in rewarded else None
    relevant_sentences = {s for i in relevant for s in i.sentences}
    explained_sentences = {s for i in relevant if i.explained for s in i.sentences}
    texts = [doc.sentences[s].text for s in sorted(explained_sentences)]
    # a writer's methods (AO2) and the text's context (AO3) are support of the answer's
    # explanations, each counted as specific support is: sentences of explained ideas
    # that use them, full at ``details_per_level`` per level
    methods = context = None
    if "methods" in rewarded:
        explained_methods = sum(bool(METHOD.search(t)) for t in texts)
        methods = min(1.0, explained_methods / full_details)
    if "context" in rewarded:
        context = min(1.0, sum(bool(CONTEXT.search(t)) for t in texts) / full_details)
    if "methods" in rewarded:  # literature: references are quotations of the text
        quotes = set().union(*(quotations(t) for t in texts))
        knowledge = min(1.0, max(knowledge, len(quotes) / full_details))
    all_sentences = {s for i in ideas for s in i.sentences}
    relevance = len(relevant_sentences) / len(all_sentences) if all_sentences else 0.0
    values = [
        v for v in (explanation, knowledge, analysis, judgement, methods, context) if v is not None
    ]
    score = float(np.mean(values)) * (0.5 + 0.5 * relevance) if relevant else 0.0
    explained_ideas = [i for i in relevant if i.explained]
    stated = any(i.stated for i in explained_ideas)
    others = sum(i.other_factor for i in explained_ideas)
    notes = (
        f"{len(explained_ideas)} of {len(ideas)} idea(s) explained "
        f"({sum(i.developed for i in relevant)} developed), {details:g} sentence(s) of "
        f"specific support, {links} linking/weighing",
    )
    return Quality(
        explanation=round(explanation, 3),
        knowledge=round(knowledge, 3),
        analysis=None if analysis is None else round(analysis, 3),
        judgement=None if judgement is None else round(judgement, 3),
        methods=None if methods is None else round(methods, 3),
        context=None if context is None else round(context, 3),
        relevance=round(relevance, 3),
        score=round(score, 4),
        ideas=tuple(ideas),
        explained=len(explained_ideas),
        stated_explained=stated,
        others_explained=others,
        notes=notes,
        describes="description" in rewarded,
    )


def supported_points(matches: Sequence[PointMatch], detailed: Collection[int]) -> int:
    """How many credited indicative points the answer supports with information of its
    own: a point counts only where one of its evidence sentences gives a specific detail
    (``detailed``), and each such sentence supports one point. Matching a point's topic in
    general words ("germs caused infection") shows no knowledge the question did not give.

    Examples
    --------
    >>> from grader.types import Evidence
    >>> def match(*sentences):
    ...     found = tuple(Evidence(s, 0, 0, 1, "x", 0.8) for s in sentences)
    ...     return PointMatch("p", "", "credited", 0.8, evidence=found)
    >>> supported_points([match(1, 2), match(2), match(3)], detailed={2})
    1
    """
    credited = [m for m in matches if m.status == "credited"]
    sentences = {e.sentence for m in credited for e in m.evidence if e.sentence in detailed}
    points = sum(any(e.sentence in detailed for e in m.evidence) for m in credited)
    return min(points, len(sentences))


def judgement_demands(bands: Sequence[LevelBand]) -> dict[int, int]:
    """Per band level, the judgement tier its descriptor demands (0 none, 1 asserted or
    attempted, 2 supported/substantiated, 3 sustained), never less than the band below's.

    Only sentences about the judgement count ("supported by knowledge" is not one).

    Examples
    --------
    >>> judgement_demands([LevelBand(1, 1, 3, "A judgement may be attempted."),
    ...                    LevelBand(2, 4, 6, "Leading to a sustained judgement.")])
    {1: 1, 2: 3}
    """
    found: dict[int, int] = {}
    floor = 0
    for band in sorted(bands, key=lambda b: b.level):
        tiers = [0]
        for text in (band.descriptor, *band.descriptor_bullets):
            for sentence in _JUDGEMENT_SENTENCE.findall(text):
                if _JUDGEMENT_WEAK.search(sentence):
                    tiers.append(1)
                elif _JUDGEMENT_SUSTAINED.search(sentence):
                    tiers.append(3)
                else:
                    tiers.append(2)
        floor = max(floor, max(tiers)) if band.max_mark > 0 else 0
        found[band.level] = floor
    return found


def band_gate(band: LevelBand, quality: Quality, judgement_demand: int, has_stated: bool) -> str:
    """Why an answer cannot reach ``band`` by its descriptor's explicit demands, or ''.

    - "stated factor and other factor(s)": the stated factor and one other explained;
    - a judgement demand (tier read from the descriptor, 1..3) the answer is more than
      one tier short of (best fit allows one).
    """
    text = " ".join((band.descriptor, *band.descriptor_bullets))
    both = quality.stated_explained and quality.others_explained >= 1
    if has_stated and _STATED_AND_OTHER.search(text) and not both:
        return "the stated factor and another factor are not both explained"
    if quality.judgement is not None and judgement_demand >= 2:
        tier = round(quality.judgement * 3)
        if tier < judgement_demand - 1:
            return "the judgement the level asks for is missing"
    return ""
