"""Judgement: does the essay answer the question, is the answer weighed, is it sustained?

- ``none``: no graded answer to the question in the conclusion (or final paragraph).
- ``unsubstantiated``: an answer ("very successful") asserted with at most one reason,
  or reached by counting one side's items against the other's.
- ``substantiated``: the conclusion weighs the sides (a contrast *and* a reason
  why one outweighs the other) over more than a line or two.
- ``sustained``: substantiated, the opening paragraph states a line of argument
  (a verdict or a stated thesis/criteria), and most body paragraphs evaluate their
  evidence against the question.

Verdict words are matched tolerant of misspellings ("sucessful").

A conclusion *contradicts the body* when its verdict is strongly positive while
the body argues mostly the other side, or the reverse.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from grader.core.argue.cues import (
    CONTRAST,
    REASON,
    THESIS,
    predicate_stem,
    question_terms,
    side_stems,
    verdict_pattern,
    verdict_polarity,
)
from grader.core.argue.question import ANSWER_VERDICT, QuestionTask, question_task
from grader.core.argue.roles import side_weights
from grader.settings import Settings
from grader.types import Document, JudgementLabel, ParagraphRole, PointMatch, SideBalance


@dataclass(frozen=True)
class Judgement:
    """The judgement label with the verdict phrase and the sentence it stands in."""

    label: JudgementLabel
    verdict: str = ""
    quote: str = ""
    polarity: int = 0
    contradicts: bool = False
    reasons: tuple[str, ...] = ()
    span: tuple[int, int] = (-1, -1)


# Relating one factor or side to another: dependence, comparison, interaction.
RELATING = re.compile(
    r"\bwithout (?:the|this|that|these|it|them)\b|\b(?:more|less|as) (?:important|significant|"
    r"responsible) than\b|\bcombined with\b|\bmade (?:\w+ )?possible\b|\bonly (?:because|when|"
    r"after)\b|\bon (?:its|their) own\b|\boutweigh\w*|\bnecessary but\b",
    re.IGNORECASE,
)
# Giving a reason (not comparing: "more important than" weighs but gives no reason).
CAUSAL = re.compile(
    r"\b(?:because|since|as a result|due to|therefore|so that|which meant|this meant)\b",
    re.IGNORECASE,
)
CONDITIONAL = re.compile(
    r"\bdepend(?:s|ed|ing)? (?:on|upon)\b|\bonly if\b|\bprovided (?:that )?\b|\bas long as\b|"
    r"\bso long as\b|\bunless\b|\bon condition\b",
    re.IGNORECASE,
)


# A sentence announcing what the answer will do, or repeating the question's own
# words ("I will come to a conclusion about how far I agree"), gives no verdict.
ANNOUNCES = re.compile(
    r"\b(?:I|we|this essay|this answer) (?:will|am going to|shall)\b|\bhow far\b|"
    r"\bto what extent\b|\bwhether\b",
    re.IGNORECASE,
)


def find_verdict(sentences: Sequence[str], pattern: re.Pattern[str]) -> tuple[str, str]:
    """The first graded verdict phrase among ``sentences`` and its sentence, or ``("", "")``
    (a sentence that announces the answer's plan or asks the question gives none)."""
    for sentence in sentences:
        if ANNOUNCES.search(sentence):
            continue
        hit = pattern.search(sentence)
        if hit:
            phrase = re.sub(r"^(?:was|were|been|be|proved|remained|is)\s+", "", hit.group(0))
            return phrase.strip(), sentence
    return "", ""


def counts_instead_of_weighing(text: str, stems: Sequence[str]) -> bool:
    """ "more successes than failures": a verdict by counting items, not weighing them."""
    words = "|".join(re.escape(s) for s in stems if s)
    if not words:
        return False
    return bool(re.search(rf"\bmore (?:{words})\w* than (?:{words})\w*", text, re.IGNORECASE))


def assess_judgement(
    doc: Document,
    roles: Sequence[ParagraphRole],
    sides: Sequence[str],
    counts: Sequence[SideBalance],
    question: str,
    matches: Sequence[PointMatch] = (),
    *,
    task: QuestionTask | None = None,
    evidence: bool | None = None,
    settings: Settings | None = None,
) -> Judgement:
    """Label the essay's judgement on ``question`` (see module docstring).

    ``task`` (read from ``question`` when omitted) says whether the question asks for a
    judgement at all (``n/a`` for "Explain why") and which words a verdict uses;
    ``evidence`` says whether the answer supports anything (by default: a rubric point
    is credited or named).
    """
    task = task or question_task(question)
    settings = settings or Settings()
    if not task.needs_judgement:
        return Judgement("n/a", reasons=("the question asks for no judgement",))
    stems_by_side = side_stems(sides)
    positive = predicate_stem(question)
    stems = [positive, *stems_by_side.values(), *task.target]
    pattern = _with_answer_verdicts(verdict_pattern(stems))
    by_index = {p.index: p for p in doc.paragraphs}
    conclusion = [r for r in roles if r.role == "conclusion"]
    # an answer of one paragraph gives its verdict in it, as an examiner reads it
    final = conclusion[-1] if conclusion else (roles[-1] if roles else None)
    if final is None:
        return Judgement("none", reasons=("no conclusion",))
    vocabulary = [w for w in question_terms(question) if len(w) >= 6] + list(sides)
    spelling = settings.spelling_min_score
    sentences = [_respell(s.text, vocabulary, spelling) for s in by_index[final.index].sentences]
    final_weights = side_weights(by_index[final.index], sides, matches, settings)
    verdict, quote = find_verdict(sentences, pattern)
    where, searched = by_index[final.index], sentences
    if not verdict and roles[0].index != final.index:
        # the answer's verdict stated at the start, the conclusion weighing towards it
        where = by_index[roles[0].index]
        searched = [_respell(s.text, vocabulary, spelling) for s in where.sentences]
        verdict, quote = find_verdict(searched, pattern)
    span = (-1, -1)
    if verdict:  # quote the sentence as written, not its respelled copy
        written = where.sentences[searched.index(quote)]
        quote, span = written.text, (written.start, written.end)
    if not verdict:
        return Judgement("none", reasons=("no answer to the question in the final paragraph",))
    if evidence is None:
        evidence = any(c.credited or c.name_dropped for c in counts)
    if not evidence:  # an answer all the same, asserted
        return Judgement(
            "unsubstantiated",
            verdict,
            quote,
            reasons=("the verdict is asserted with no evidence from the answer",),
            span=span,
        )
    text = " ".join(sentences)
    negative_stems = [s for side, s in stems_by_side.items() if s and s not in positive]
    polarity = verdict_polarity(verdict, positive, negative_stems)
    contradicts = _contradicts(
        polarity, positive, stems_by_side, counts, roles, settings.contradiction_share
    )
    # Weighing: a contrast, and either a reason or evidence of both sides in the conclusion.
    both_sides = sum(w > 0 for w in final_weights.values()) >= 2
    # Relating the factors ("without this ...", "more important than", "combined with")
    # weighs them as a contrast does.
    relates = bool(CONTRAST.search(text) or RELATING.search(text))
    weighs = relates and (len(REASON.findall(text)) >= 1 or both_sides)
    counting = counts_instead_of_weighing(text, stems)
    reasons: list[str] = []
    if contradicts:
        reasons.append("the conclusion contradicts the body")
    # A conclusion of a line or two asserts its verdict, unless those lines give reasons
    # on both hands ("I agree for most effects, because ... However it is not always
    # true, because ...") or say what the verdict depends on ("..., but only if ..."), or
    # one sentence gives a reason, relates the factors and qualifies ("..., because without
    # it ..., but it had to be combined with ...").
    brief = len(sentences) < settings.judgement_min_sentences and not (
        len(sentences) >= 2
        and (len(CAUSAL.findall(text)) >= 2 or bool(CONDITIONAL.search(text)))
        or any(_weighs_alone(s) for s in sentences)
    )
    if brief or not weighs or counting or contradicts:
        if counting:
            reasons.append("the verdict counts items rather than weighing them")
        elif not weighs:
            reasons.append("the conclusion does not weigh one side against the other")
        elif brief:
            reasons.append("the verdict is asserted in a line or two")
        return Judgement(
            "unsubstantiated", verdict, quote, polarity, contradicts, tuple(reasons), span
        )
    body = [r for r in roles if r.role == "body" and r.relevant]
    share = sum(r.evaluative for r in body) / len(body) if body else 0.0
    opening = roles[0]
    opening_sentences = [
        _respell(s.text, vocabulary, spelling) for s in by_index[opening.index].sentences
    ]
    opening_text = " ".join(opening_sentences)
    thesis = (
        len(roles) >= 3
        and opening.role != "conclusion"
        and bool(THESIS.search(opening_text) or find_verdict(opening_sentences, pattern)[0])
    )
    if thesis and share >= settings.sustained_evaluative_share:
        reasons.append(
            f"line of argument stated at the start; {share:.0%} of body paragraphs "
            "evaluate against the question"
        )
        return Judgement("sustained", verdict, quote, polarity, False, tuple(reasons), span)
    if not thesis:
        reasons.append("no line of argument stated at the start")
    reasons.append(f"{share:.0%} of body paragraphs evaluate against the question")
    return Judgement("substantiated", verdict, quote, polarity, False, tuple(reasons), span)


def _weighs_alone(sentence: str) -> bool:
    """One sentence that gives a reason, relates the factors (or says what the verdict
    depends on) and qualifies it: it weighs on its own."""
    relates = RELATING.search(sentence) or CONDITIONAL.search(sentence)
    return bool(CAUSAL.search(sentence) and relates and CONTRAST.search(sentence))


def _with_answer_verdicts(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """``pattern`` or an answer's own verdict on the question ("I partly agree", "the main
    cause was", "more useful than", "largely responsible")."""
    return re.compile(rf"(?:{pattern.pattern})|{ANSWER_VERDICT.pattern}", re.IGNORECASE)


def _respell(text: str, vocabulary: Sequence[str], min_score: float = 85.0) -> str:
    """``text`` with words close to a vocabulary word replaced by it ("sucessful")."""
    if not vocabulary:
        return text

    def fix(hit: re.Match[str]) -> str:
        word = hit.group(0)
        best = process.extractOne(word.lower(), vocabulary, scorer=fuzz.ratio)
        if best and best[1] >= min_score and best[0] != word.lower():
            return best[0]
        return word

    return re.sub(r"[A-Za-z]{6,}", fix, text)


def _contradicts(
    polarity: int,
    positive: str,
    stems_by_side: dict[str, str],
    counts: Sequence[SideBalance],
    roles: Sequence[ParagraphRole],
    contradiction_share: float = 0.35,
) -> bool:
    """A strong verdict against the side the body mostly argues."""
    if polarity == 0 or not positive:
        return False
    positive_sides = [side for side, stem in stems_by_side.items() if stem and stem in positive]
    if len(positive_sides) != 1 or len(stems_by_side) != 2:
        return False
    side = positive_sides[0]
    body = [r for r in roles if r.role == "body" and r.side and r.side != "mixed"]
    para_share = sum(r.side == side for r in body) / len(body) if body else 0.5
    credited = sum(c.credited for c in counts)
    point_share = next(c.credited for c in counts if c.side == side) / credited if credited else 0.5
    share = (para_share + point_share) / 2
    if polarity > 0:
        return share < contradiction_share
    return share > 1 - contradiction_share
