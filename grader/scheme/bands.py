"""Read what each level band asks for from its descriptor (rubric data, not code).

A band descriptor such as "Both sides developed with explanation and evidence; a
judgement is reached and supported" is read into minimum requirements on four
ordinal dimensions, each 0..3:

- ``judgement``: 0 none, 1 asserted, 2 supported/substantiated, 3 sustained;
- ``balance``: 0 none, 1 one-sided, 2 uneven, 3 both sides / balanced;
- ``analysis``: 0 narrative, 1 description, 2 some analysis / explanation,
  3 analysis throughout;
- ``knowledge``: 0 thin/general, 1 relevant events, 2 evidence, 3 precise evidence.

A dimension a descriptor does not mention inherits the requirement of the band
below, so higher bands never ask for less. The cues are the generic vocabulary of
level-of-response mark schemes; a band nothing matches asks for nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from grader.types import LevelBand

DIMENSIONS = ("judgement", "balance", "analysis", "knowledge")

# (pattern, value), tried in order; the first that matches sets the dimension.
CUES: dict[str, tuple[tuple[str, int], ...]] = {
    "judgement": (
        (r"no (?:real |clear |overall )?(?:judgement|conclusion)", 0),
        (r"judgement (?:may|might|can) be", 0),
        (r"sustained|argued throughout|throughout the answer|consistently argued", 3),
        (r"judgement[^.;]*\b(?:supported|substantiated|justified|reached|reasoned)", 2),
        (r"(?:supported|substantiated|reasoned|justified) (?:judgement|conclusion)", 2),
        (r"judgement[^.;]*\b(?:asserted|may be|attempt|unsupported|simple)", 1),
    ),
    "balance": (
        (r"one-sided|only one side|one side only", 1),
        (r"uneven|one side developed|other (?:side )?thin|imbalanced|lopsided", 2),
        (r"balanced|both sides|two-sided|range of (?:factors|views)", 3),
    ),
    "analysis": (
        (r"mostly (?:description|narrative)|limited explanation", 1),
        (r"balanced analysis|sustained analysis|analysis throughout|well-developed analysis", 3),
        (r"some analysis|explanation|explained|analytical|analysis", 2),
        (r"description|descriptive", 1),
        (r"narrative", 0),
    ),
    "knowledge": (
        (r"well-chosen|precise|detailed|wide-ranging", 3),
        (r"\bevidence\b|accurate", 2),
        (r"\b(?<!ir)relevant (?:events|knowledge)|some knowledge", 1),
        (r"\bthin\b|\bgeneral\b|irrelevant|little link", 0),
    ),
}
NOTHING = re.compile(
    r"nothing (?:creditable|rewardable|worthy)|no (?:creditable|rewardable|relevant)|blank|"
    r"off-topic",
    re.IGNORECASE,
)
IRRELEVANT = re.compile(r"irrelevant|little link|not (?:focused|related)", re.I)


@dataclass(frozen=True)
class BandRequirement:
    """What one band asks for, with the descriptor phrases that said so."""

    band: LevelBand
    needs: tuple[int, int, int, int]
    said: tuple[str, ...] = ()
    nothing: bool = False
    irrelevant: bool = False

    @property
    def total(self) -> int:
        return sum(self.needs)


def parse_descriptor(text: str) -> tuple[dict[str, int], tuple[str, ...]]:
    """Requirements a descriptor states, ``{dimension: minimum}``, and the cue phrases."""
    found, said = _parse_descriptor(text)
    return dict(found), said


@lru_cache(maxsize=256)  # every essay reads the same few descriptors
def _parse_descriptor(text: str) -> tuple[tuple[tuple[str, int], ...], tuple[str, ...]]:
    found: dict[str, int] = {}
    said: list[str] = []
    for dimension, cues in CUES.items():
        for pattern, value in cues:
            hit = re.search(pattern, text, re.IGNORECASE)
            if hit:
                found[dimension] = value
                said.append(hit.group(0))
                break
    return tuple(found.items()), tuple(said)


def band_requirements(bands: Sequence[LevelBand]) -> tuple[BandRequirement, ...]:
    """Requirements of every band, lowest level first, made monotone upwards."""
    ordered = sorted(bands, key=lambda b: b.level)
    floor = dict.fromkeys(DIMENSIONS, 0)
    out = []
    for band in ordered:
        found, said = parse_descriptor(band.descriptor)
        nothing = bool(NOTHING.search(band.descriptor)) and band.max_mark == min(
            b.max_mark for b in ordered
        )
        for dimension in DIMENSIONS:
            floor[dimension] = max(floor[dimension], found.get(dimension, 0))
        needs = tuple(0 if nothing else floor[d] for d in DIMENSIONS)
        out.append(
            BandRequirement(
                band=band,
                needs=needs,  # type: ignore[arg-type]
                said=said,
                nothing=nothing,
                irrelevant=bool(IRRELEVANT.search(band.descriptor)),
            )
        )
    return tuple(out)
