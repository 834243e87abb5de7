"""Generic wording cues of argument: verdicts, evaluation, weighing, conclusions.

Nothing here names a topic: the cues are the language any history (or other
two-sided) essay uses to judge, weigh and conclude. Words tied to a question
(its key adjective, the rubric's side names) are derived from rubric data by
:func:`question_terms` and :func:`side_stems`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

CONCLUSION_OPENER = re.compile(
    r"^\W*(in conclusion|to conclude|in summary|to sum up|overall|on balance|all in all|"
    r"in the end|ultimately|taking everything into account|to summari[sz]e|in short|"
    r"therefore,? overall|so,? overall)\b",
    re.IGNORECASE,
)

# Degree words that grade an answer to "how far / how successful / to what extent".
POSITIVE_DEGREE = (
    r"(?:very|highly|extremely|largely|mostly|mainly|broadly|generally|hugely|"
    r"remarkably|considerably|overwhelmingly|clearly|a great deal|a real)"
)
MIXED_DEGREE = (
    r"(?:fairly|quite|reasonably|moderately|partially|partly|somewhat|relatively|"
    r"only partly|only partially|limited|partial|some|mixed|qualified|real but \w+|"
    r"a degree of|a certain amount of|to some extent|(?:far |much )?less|(?:far |much )?more)"
)
NEGATIVE_DEGREE = (
    r"(?:not very|not particularly|not at all|not really|not|little|hardly|barely|"
    r"largely un|mostly un|un)"
)
EXTENT = re.compile(
    r"\bto (?:a|an|some|what|no) ?(great|large|considerable|significant|limited|certain|"
    r"some|lesser|small|partial|real)? extent\b",
    re.IGNORECASE,
)

# Phrases by which a sentence judges its evidence against the question.
EVALUATIVE = re.compile(
    r"\b(?:(?:the |its )?(?:most|more|less|least|particularly|especially|highly|very) "
    r"(?:significant|important|serious|successful|damaging|effective|valuable|decisive|"
    r"limited|impressive|lasting)|outweigh\w*|"
    r"(?:significant|important|crucial|decisive|key|major|real|genuine|lasting|main|biggest|"
    r"greatest|clearest|limited|partial|temporary|short-lived|superficial|hollow|shallow) "
    r"(?:success|failure|achievement|setback|step|reason|factor|limitation|weakness|"
    r"breakthrough|problem|obstacle|gain|limit)\w*|"
    r"short-lived|temporary|superficial|shallow|fragile|hollow|only (?:partly|partially|a)|"
    r"the extent|to (?:a|some|what) (?:great|large|limited|certain|lesser)? ?extent|"
    r"this (?:shows|showed|suggests|suggested|proves|proved|demonstrates|demonstrated|"
    r"indicates|indicated|reveals|revealed|means|meant) (?:that|how)|"
    r"(?:which|this) (?:was|is) (?:a|an|the) (?:\w+ )?(?:success|failure|achievement|"
    r"setback|limitation|weakness|strength)|"
    r"in (?:the|a) (?:limited|narrow|wider|broader|real) sense|judged by|measured by|"
    r"criteri(?:on|a)|the (?:real|main|underlying) (?:reason|test|problem|question)|"
    r"the (?:most|least) (?!of\b)\w+|rather than|(?:it|this|which) show(?:s|ed)|"
    r"show(?:s|ed)? (?:that|how)|in that|the limits?|not the same as|(?:high|low|turning) "
    r"point|revealing|significan(?:t|ce)|mattered|(?:only|real|genuine|limited|partial) "
    r"(?:success|link|partner\w*|gain|achievement|progress)|(?:was|were) (?:a|an) (?:\w+ )?"
    r"(?:success|failure|achievement|setback)|on balance|in practice|in reality|"
    # Inference from the evidence, whatever the subject: "which suggests that", "it
    # reveals the central weakness", "this highlights how".
    r"(?:this|that|which|it|they|these) (?:suggest|reveal|demonstrate|indicate|prove|"
    r"highlight|illustrate|underline|reflect|expose|confirm|explain)(?:s|d|ed)?\b|"
    r"(?:suggest|reveal|demonstrate|indicate|highlight|illustrate|underline|confirm)"
    r"(?:s|d|ed)? (?:that|how|why)|evidence (?:that|of how)|"
    # Weighing why and how far: "precisely because", "depended on", "not secure".
    r"(?:precisely|mainly|largely|partly|only|chiefly|above all) because|"
    r"depend(?:s|ed|ing)? (?:on|upon)|matters? because|mattered because|"
    r"(?:not|never|far from|hardly) (?:\w+ )?(?:secure|final|complete|lasting|permanent|"
    r"total|genuine|decisive|effective)|fell short|went (?:far )?beyond|"
    r"in the (?:short|long|longer) (?:term|run)|(?:short|long)-term|"
    r"a (?:real|true|key|clear|major) (?:test|sign|measure|indication)|a sign of|"
    r"arguably|crucially|above all|"
    r"(?:central|fundamental|underlying|greatest|biggest|key|main|real) (?:weakness|strength|"
    r"limitation|flaw|cause))\b",
    re.IGNORECASE,
)

# Contrast and reason words by which a conclusion weighs one side against the other.
CONTRAST = re.compile(
    r"\b(?:although|though|while|whilst|however|but|despite|in spite of|on the other hand|"
    r"whereas|nevertheless|even so|yet)\b",
    re.IGNORECASE,
)
REASON = re.compile(
    r"\b(?:because|since|as a result|the fact that|due to|outweigh\w*|more important|"
    r"more significant|most important|most significant|the main reason|mainly because|"
    r"this meant|which meant|depend\w*|rested on|so long as|only when|the reason|"
    r"rather than|owed (?:more|less|much|little) to|given that|on balance|in that|"
    r"(?:more|less) (?:to|than)|were those|was that|without (?:it|this|that|the|these|them)|"
    r"explains? why|on (?:its|their) own|alone|necessary|sufficient|(?:direct|real|underlying|"
    r"long-term|short-term|immediate|main|deeper) (?:reason|cause)s?)\b",
    re.IGNORECASE,
)
THESIS = re.compile(
    r"\b(?:this essay (?:will )?argue|i will argue|i (?:would )?argue|will argue that|"
    r"this essay will show|the argument (?:here|of this essay)|it will be argued|"
    r"can be (?:measured|judged)|criteri(?:on|a))\b",
    re.IGNORECASE,
)
WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
_STOP_WORDS = (
    "a an the of in on at to for and or was were is are be been how what which who why "
    "did do does far extent with its it their by from this that other those these as "
    "into than then there"
)
STOP = frozenset(_STOP_WORDS.split())  # noqa: SIM905


def question_terms(question: str) -> tuple[str, ...]:
    """The question's content words, lower-cased ("successful", "ussr", "links", ...)."""
    return tuple(w.lower() for w in WORD.findall(question) if w.lower() not in STOP)


def predicate_stem(question: str) -> str:
    """Stem of the quality asked about: "How successful was ..." -> "success".

    Empty when the question is not of the "how <adjective>" kind.
    """
    found = re.search(r"\bhow (\w+)", question, re.IGNORECASE)
    if not found or found.group(1).lower() in {"far", "much", "did", "does", "was", "were"}:
        return ""
    word = found.group(1).lower()
    for suffix in ("ful", "ive", "ant", "ent", "al", "ous"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def side_stems(sides: Sequence[str]) -> dict[str, str]:
    """A usable word stem per side name ("failure" -> "fail"); too short names get none."""
    stems = {}
    for side in sides:
        word = side.lower().split()[0] if side.strip() else ""
        if len(word) < 4 or word in STOP:
            continue
        stems[side] = word[:4] if len(word) >= 6 else word
    return stems


def verdict_pattern(stems: Sequence[str]) -> re.Pattern[str]:
    """A graded verdict on the question's quality: "limited success", "largely unsuccessful"."""
    words = "|".join(sorted({re.escape(s) for s in stems if s}))
    if not words:
        return EXTENT
    target = rf"(?:un)?(?:{words})\w*"
    return re.compile(
        rf"\b(?:{NEGATIVE_DEGREE}|{MIXED_DEGREE}|{POSITIVE_DEGREE})[ -]?{target}|"
        rf"\b(?:was|were|been|be|proved|remained|is) (?:\w+ ){{0,2}}(?:a |an )?(?:{target})|"
        rf"\b(?:was|were|is) (?:\w+ )?(?:real but \w+|limited|partial|mixed|considerable)\b|"
        rf"\b(?:mixed|limited|partial|qualified|modest) (?:record|degree|measure|amount) of "
        rf"(?:{target})|{EXTENT.pattern}|"
        rf"\b{target} (?:to|in) (?:a|some) (?:limited|great|large|certain) (?:extent|degree|sense)",
        re.IGNORECASE,
    )


def verdict_polarity(phrase: str, positive_stem: str, negative_stems: Sequence[str] = ()) -> int:
    """+1 a strongly positive verdict, -1 a negative one, 0 mixed or limited.

    ``negative_stems`` are the stems of the sides opposed to the question's quality
    ("fail" for a success/failure rubric).
    """
    text = phrase.lower()
    if EXTENT.search(text):
        degree = (EXTENT.search(text).group(1) or "").lower()  # type: ignore[union-attr]
        if degree in {"great", "large", "considerable", "significant"}:
            return 1
        return 0
    negative = any(stem and stem in text for stem in negative_stems)
    if negative or re.search(rf"\b(?:{NEGATIVE_DEGREE})\W?{positive_stem}", text):
        return -1 if not re.search(MIXED_DEGREE, text) else 0
    if re.search(rf"\b{MIXED_DEGREE}\b", text):
        return 0
    return 1


# Reasons and consequences: the language of explanation rather than narration.
EXPLAINING = re.compile(
    r"\b(because|so that|therefore|thus|hence|as a result|consequently|this meant|which meant|"
    r"this means|which means|meaning that|led to|leading to|lead to|resulted in|result of|"
    r"caused|causes|cause of|allowed|enabled|made (?:\w+ ){0,3}(?:seem|look|feel|more|less|"
    r"them|him|her|it|people|the)|this (?:shows|suggests|implies|reveals|emphasises|"
    r"emphasizes|highlights|makes|made|created|helped|gave)|which (?:shows|suggests|made|"
    r"helped|gave|created|makes|led|meant|reveals|emphasises|emphasizes|highlights)|"
    r"due to|since|in order to|helped|"
    r"so (?:the|they|he|she|it|we|you|I|people|many|more|her|his|their|its|this|there|a|an)|"
    r"contributed|explains why|the reason|why)\b",
    re.IGNORECASE,
)
