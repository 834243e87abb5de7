"""Level bands as data: a ``--levels`` file, and grader's default bands for a point list.

A seed-format extract (a question, "Successes" / "Failures" headings and ⭐ bullets) lists
the creditable points but states no marks and no levels. Rather than refuse it, the importer
marks it on grader's default bands, ``default_bands.yaml``: the five levels of a 20-mark
essay that the bundled ``ussr-1920s`` and ``league-1920s`` rubrics use. The file ships inside
the package (package data), so an installed wheel has it, and the rubric records an import
warning saying what was assumed and how to give other bands.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files

import yaml

from grader.errors import ImportSchemeError
from grader.scheme.rubric_parts import _levels
from grader.types import LevelBand

DEFAULT_BANDS_FILE = "default_bands.yaml"


def read_bands(text: str, *, source: str) -> tuple[LevelBand, ...]:
    """Level bands from YAML text: a list of ``{level, marks, descriptor}`` (a ``--levels`` file).

    Parameters
    ----------
    text : str
        The YAML, e.g. ``"- {level: 1, marks: [1, 5], descriptor: Thin}"``.
    source : str
        The file name, for error messages.

    Returns
    -------
    tuple of LevelBand
        Lowest level first, checked for repeats, gaps and overlaps.

    Examples
    --------
    >>> [(b.level, b.min_mark, b.max_mark) for b in read_bands(
    ...     "- {level: 1, marks: [1, 3]}\\n- {level: 2, marks: [4, 6]}", source="b.yaml")]
    [(1, 1, 3), (2, 4, 6)]
    """
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or str(exc)
        raise ImportSchemeError(
            f"{source}: not valid YAML ({problem}). A levels file is a list of bands like "
            f"'- {{level: 1, marks: [1, 5], descriptor: ...}}'."
        ) from exc
    bands = _levels(data, source)
    if not bands:
        raise ImportSchemeError(
            f"{source}: no level bands. A levels file is a list of bands like "
            f"'- {{level: 1, marks: [1, 5], descriptor: ...}}'."
        )
    return bands


@lru_cache(maxsize=1)
def default_bands() -> tuple[LevelBand, ...]:
    """grader's default bands for a point list that states no marks (package data).

    Examples
    --------
    >>> [(b.level, b.min_mark, b.max_mark) for b in default_bands()][-2:]
    [(4, 15, 17), (5, 18, 20)]
    """
    text = files("grader.scheme").joinpath(DEFAULT_BANDS_FILE).read_text(encoding="utf-8")
    return read_bands(text, source=f"grader/scheme/{DEFAULT_BANDS_FILE}")


def default_bands_warning(source: str, bands: Sequence[LevelBand]) -> str:
    """The import warning of a scheme marked on ``bands`` because it states no marks.

    Examples
    --------
    >>> default_bands_warning("coal.txt", default_bands())  # doctest: +NORMALIZE_WHITESPACE
    "coal.txt: no marks or levels stated, so grader's default essay bands were used
    (levels 0-5, 0-20 marks). To use your own, pass --levels FILE or --count-scores
    (in the web app, borrow another rubric's bands)."
    """
    return (
        f"{source}: no marks or levels stated, so grader's default essay bands were used "
        f"({describe_bands(bands)}). To use your own, pass --levels FILE or --count-scores "
        f"(in the web app, borrow another rubric's bands)."
    )


def describe_bands(bands: Sequence[LevelBand]) -> str:
    """Levels and marks in a few words: ``"levels 0-5, 0-20 marks"``."""
    levels = [b.level for b in bands]
    low = min(b.min_mark for b in bands)
    high = max(b.max_mark for b in bands)
    return f"levels {min(levels)}-{max(levels)}, {low}-{high} marks"
