"""Read what each level band demands from its descriptor's wording.

Level descriptors across boards and subjects grade the same few qualities with the
same words:

- **explanation**: *basic* / *isolated* (1) < *simple*, *some analysis*, *incomplete
  chains* (2) < *developed* explanation or chains of reasoning (3) < *complex*,
  *logical* chains (4);
- **knowledge**: *limited*, *isolated*, *inaccurate* (1) < *accurate* (2) < a *range* of
  accurate, *detailed*, *thorough* knowledge (3);
- **factors**: *one factor*, *one side* (1) < the *stated factor and other factors*,
  *both sides*, *balanced* (2);
- **reasoning**: a *line of reasoning* (1) < a *sustained*, *coherent*, *logically
  structured* one (2);
- **judgement**: *asserted*, *may be stated*, *only partly supported* (1) <
  *substantiated*, *supported* (2) < *sustained*, *fully substantiated* (3).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from grader.types import LevelBand

DIMENSIONS = ("explanation", "knowledge", "factors", "reasoning", "judgement")

# (tier, pattern) per dimension, tried in this order; the first that matches wins.
DEMAND_CUES: dict[str, tuple[tuple[int, re.Pattern[str]], ...]] = {
    "explanation": (
        (4, re.compile(r"\bcomplex\b|\bsophisticated\b|\blogical\b|\bcoherent chains", re.I)),
        (1, re.compile(r"\bbasic\b|\bisolated\b|\bgeneric\b|\bnarrative\b|\bdescri\w+", re.I)),
        (
            2,
            re.compile(
                r"\bsimple\b|\bsome analysis|\bincomplete\b|\blimited (?:explan|anal)", re.I
            ),
        ),
        (3, re.compile(r"\bdeveloped\b|\bchains? of reasoning|\bclear explanation", re.I)),
    ),
    "knowledge": (
        (3, re.compile(r"\brange of\b|\bwide\b|\bdetailed\b|\bthorough\b|\bprecise\b", re.I)),
        (1, re.compile(r"\bisolated\b|\blimited\b|\binaccura\w+|\bgeneral\b", re.I)),
        (2, re.compile(r"\baccurate\b", re.I)),
        (1, re.compile(r"\bsome\b.*\bknowledge|\bknowledge\b", re.I)),
    ),
    "factors": (
        (1, re.compile(r"\bone (?:factor|side)\b|\bone-sided\b|\bstated factor or\b", re.I)),
        (
            2,
            re.compile(
                r"\bother factors?\b|\bboth sides\b|\bbalanced\b|\brange of factors\b|"
                r"\bweighs?\b.*\bagainst\b",
                re.I,
            ),
        ),
    ),
    "reasoning": (
        (2, re.compile(r"\bsustained line|\bcoherent\b|\blogical(?:ly)?\b", re.I)),
        (1, re.compile(r"\bline of reasoning|\bchains? of reasoning|\banalysis\b", re.I)),
    ),
    "judgement": (
        (
            3,
            re.compile(
                r"\bsustained\b.*\bjudgement|\bjudgement\b.*\bsustained\b|\bfully "
                r"substantiated\b|\bconvincing\b",
                re.I,
            ),
        ),
        (
            1,
            re.compile(
                r"\basserted\b|\bmay be (?:stated|given)\b|\bnot supported\b|\bunsupported\b|"
                r"\black\w* support|\blittle or no support|\bonly partly\b|\battempt",
                re.I,
            ),
        ),
        (2, re.compile(r"\bsubstantiated\b|\bsupported\b|\bjudgement\b", re.I)),
    ),
}

TIER_WORDS = {
    "explanation": ("none", "basic", "simple", "developed", "complex"),
    "knowledge": ("none", "limited", "accurate", "a range of accurate"),
    "factors": ("none", "one side/factor", "both sides / stated and other factors"),
    "reasoning": ("none", "a line of reasoning", "sustained"),
    "judgement": ("none", "asserted", "substantiated", "sustained"),
}


def band_demands(bands: Sequence[LevelBand]) -> list[tuple[LevelBand, dict[str, int]]]:
    """Each band with the tier it demands of each quality, read from its wording.

    A quality a band does not mention demands at least what the band below it does.

    Examples
    --------
    >>> band = LevelBand(3, 9, 12, "Developed explanation of the stated factor and other factors")
    >>> band_demands([band])[0][1]["explanation"], band_demands([band])[0][1]["factors"]
    (3, 2)
    """
    result = []
    floor = dict.fromkeys(DIMENSIONS, 0)
    for band in sorted(bands, key=lambda b: b.level):
        texts = [band.descriptor, *band.descriptor_bullets]
        demands = dict(floor)
        for dimension, cues in DEMAND_CUES.items():
            tiers = []
            for text in texts:
                for tier, pattern in cues:
                    if pattern.search(text):
                        tiers.append(tier)
                        break
            if tiers and band.max_mark > 0:
                demands[dimension] = max(floor[dimension], max(tiers))
        floor = demands
        result.append((band, demands))
    return result
