"""Check the level bands an import found; repair the transcription slips boards' layouts invite.

Repaired, with a warning that says exactly what changed:

- an overlap where the higher level starts on (or inside) the lower level's top marks,
  "Level 4 (12-16 marks)" over "Level 3 (9-12 marks)": by the boards' convention each
  level starts one mark above the level below, so level 4 is read as 13-16;
- a second set of level headings (a scheme whose parts each have a "Level 1", or a SPaG
  grid under the question's): the set whose top mark is the question's total is kept
  (else the first) and the others are left out, named by their lines.

Refused (R005), naming the lines: a gap, a higher level with lower marks, marks below
the lowest level, and an overlap that is not a slip (the higher level starting at or
below the lower level's lowest mark).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from grader.errors import LevelBandError
from grader.scheme.levels_parse import RawBand


def choose_grid(
    grids: Sequence[dict[int, RawBand]], *, total: int, source: str
) -> tuple[list[RawBand], list[str]]:
    """The set of levels that marks this question, and a warning per set left out."""
    if not grids:
        return [], []
    tops = [max(b.high for b in grid.values()) for grid in grids]
    keep = tops.index(total) if total in tops else 0
    warnings = []
    kept = grids[keep]
    for index, grid in enumerate(grids):
        if index == keep:
            continue
        why = f"the question's total of {total}" if total in tops else "the first set"
        warnings.append(
            f"{source}:{_lines(grid)}: a second set of levels ({_summary(grid)}) was left out; "
            f"kept the levels on lines {_lines(kept)} ({_summary(kept)}, {why}). Import the "
            f"other set on its own if it is marked separately."
        )
    return sorted(kept.values(), key=lambda b: b.level), warnings


def _lines(grid: dict[int, RawBand]) -> str:
    lines = sorted(b.line for b in grid.values())
    return f"{lines[0]}-{lines[-1]}"


def _summary(grid: dict[int, RawBand]) -> str:
    levels = sorted(grid)
    low = min(b.low for b in grid.values())
    high = max(b.high for b in grid.values())
    return f"levels {levels[0]}-{levels[-1]}, {low}-{high} marks"


def repair_overlaps(bands: Sequence[RawBand], source: str) -> tuple[list[RawBand], list[str]]:
    """Bands with slipped overlaps repaired (see the module doc), and what was changed."""
    ordered = sorted(bands, key=lambda b: b.level)
    warnings: list[str] = []
    for index in range(1, len(ordered)):
        lower, upper = ordered[index - 1], ordered[index]
        if lower.low < upper.low <= lower.high < upper.high:
            new_low = lower.high + 1
            shared = _marks(upper.low, lower.high)
            warnings.append(
                f"{source}:{upper.line}: level {upper.level} ({upper.low}-{upper.high}) "
                f"overlapped level {lower.level} ({lower.low}-{lower.high}, line {lower.line}) "
                f"at {shared}; read level {upper.level} as {new_low}-{upper.high}, since each "
                f"level starts one mark above the level below."
            )
            ordered[index] = replace(upper, low=new_low)
    return ordered, warnings


def check_levels(bands: Sequence[RawBand], source: str) -> None:
    """Raise, naming the lines, if bands leave a gap, overlap, or do not rise with level."""
    ordered = sorted(bands, key=lambda b: b.level)
    if ordered and ordered[0].low > 1:
        lowest = ordered[0]
        raise LevelBandError(
            f"{source}:{lowest.line}: {_no_level(1, lowest.low - 1)}: the lowest, level "
            f"{lowest.level}, starts at {lowest.low}. "
            f"Add the missing level or correct its range."
        )
    pairs = list(zip(ordered, ordered[1:], strict=False))
    for lower, upper in pairs:  # numbering and ranges disagree: say so before gaps
        if upper.high <= lower.high:
            raise LevelBandError(
                f"{source}:{upper.line}: level {upper.level} ({upper.low}-{upper.high}) is not "
                f"above level {lower.level} ({lower.low}-{lower.high}, line {lower.line}). "
                f"Higher levels must have higher marks; check the numbering and the ranges."
            )
    for lower, upper in pairs:
        if upper.low <= lower.high:
            raise LevelBandError(
                f"{source}:{upper.line}: level {upper.level} ({upper.low}-{upper.high}) overlaps "
                f"level {lower.level} ({lower.low}-{lower.high}, line {lower.line}): "
                f"{_marks(upper.low, lower.high)} would belong to both. Make each mark belong "
                f"to one level."
            )
        if upper.low > lower.high + 1:
            raise LevelBandError(
                f"{source}:{upper.line}: {_no_level(lower.high + 1, upper.low - 1)}: level "
                f"{lower.level} ends at {lower.high} (line {lower.line}) and level "
                f"{upper.level} starts at {upper.low}. Close the gap."
            )


def _marks(low: int, high: int) -> str:
    return f"mark {low}" if low == high else f"marks {low}-{high}"


def _no_level(low: int, high: int) -> str:
    return f"{_marks(low, high)} {'belongs' if low == high else 'belong'} to no level"
