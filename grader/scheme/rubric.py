"""Read, validate and write rubric files (YAML).

A rubric file looks like this (see ``rubrics/ussr-1920s.yaml``)::

    id: ussr-1920s
    question: How successful was the USSR ...?
    sides: [failure, success]
    points:
      - id: f-genoa
        side: failure
        text: The failure at the Genoa conference ...
        keywords: [Genoa]
      - id: s-links
        side: success
        text: The Anglo-Soviet trade agreement of 1921 and ...
        parts:                      # a compound bullet, credited part by part
          - {id: s-trade-1921, text: The Anglo-Soviet trade agreement of 1921, keywords: [1921]}
    levels:
      - {level: 1, marks: [1, 5], descriptor: General, thin ...}
    count_scores: {4: 3, 3: 2, 2: 1, 1: 1}   # optional, for key-element schemes
    settings: {develop_min_words: 4}         # optional, this rubric's matcher thresholds

A levels-of-response scheme (see ``rubrics/history-main-cause-16.yaml``) adds, all
optional: ``kind: levels`` (or ``mixed`` for levels plus ⭐ points), ``stated_factor``,
and per level ``bullets`` (the descriptor's bullet points) and ``examples`` (example
answers at that level). Its ``points`` are the indicative content and may be empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from grader.errors import (
    RubricError,
    RubricNotFound,
    RubricSyntaxError,
)
from grader.scheme.places import rubric_places
from grader.scheme.rubric_extras import EXTRA_FIELDS, extras_from_dict
from grader.scheme.rubric_parts import (  # noqa: F401  (ID_PATTERN: point ids; re-exported)
    ID_PATTERN,
    _bullets,
    _count_scores,
    _levels,
    _no_unknown,
    _required_str,
    _settings,
    check_bands,
)
from grader.scheme.rubric_write import dump_rubric, rubric_hash, rubric_to_dict
from grader.types import RUBRIC_KINDS, Bullet, Rubric

TOP_LEVEL_FIELDS = {
    "id",
    "version",
    "question",
    "sides",
    "points",
    "levels",
    "count_scores",
    "conclusion",
    "source",
    "kind",
    "stated_factor",
    "settings",
}
TOP_LEVEL_FIELDS |= EXTRA_FIELDS


# --------------------------------------------------------------------------- finding


def rubric_dirs() -> list[Path]:
    """Folders searched, in order, for a rubric given by name (see grader.scheme.places)."""
    return [folder for folder, _ in rubric_places()]


def available_rubrics() -> list[str]:
    names: set[str] = set()
    for folder in rubric_dirs():
        if folder.is_dir():
            names.update(p.stem for p in folder.glob("*.yaml"))
    return sorted(names)


def find_rubric(name_or_path: str | Path) -> Path:
    """Resolve a rubric given as a path or as a bundled name such as ``ussr-1920s``."""
    path = Path(name_or_path)
    if path.is_file():
        return path
    for folder in rubric_dirs():
        candidate = folder / f"{path.name}.yaml" if path.suffix == "" else folder / path.name
        if candidate.is_file():
            return candidate
    known = ", ".join(available_rubrics()) or "none"
    raise RubricNotFound(
        f"Rubric '{name_or_path}' not found: no such file, and no rubric of that name in "
        f"./rubrics, your rubrics folder or the bundled rubrics. Available rubrics: {known}. "
        f"Pass a path to a .yaml rubric, or import one with 'grader rubric import SCHEME "
        f"--id NAME --save'."
    )


# --------------------------------------------------------------------------- loading


def load_rubric(name_or_path: str | Path) -> Rubric:
    """Load and validate a rubric.

    Parameters
    ----------
    name_or_path : str or Path
        A ``.yaml`` file, or the name of a bundled rubric (``"ussr-1920s"``).

    Examples
    --------
    >>> rubric = load_rubric("ussr-1920s")
    >>> rubric.sides
    ('failure', 'success')
    """
    path = find_rubric(name_or_path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RubricSyntaxError(
            f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start}). Save the rubric as UTF-8."
        ) from exc
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise RubricSyntaxError(
            f"{path}:{where}: not valid YAML ({problem}). "
            f"Check the indentation and quoting near that line."
        ) from exc
    return rubric_from_dict(data, source=str(path))


class _Lined(dict):  # type: ignore[type-arg]
    """A YAML mapping that remembers the line it starts on (for error messages)."""

    line = 0


class _LineLoader(yaml.SafeLoader):
    """``yaml.SafeLoader`` whose mappings are :class:`_Lined`."""


def _lined_mapping(loader: _LineLoader, node: yaml.MappingNode):  # type: ignore[no-untyped-def]
    data = _Lined()
    data.line = node.start_mark.line + 1
    yield data
    data.update(loader.construct_mapping(node))


_LineLoader.add_constructor("tag:yaml.org,2002:map", _lined_mapping)


#: The one rule for a rubric id (it names the rubric's file): stated by RUBRIC_ID_RULE.
RUBRIC_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,63}$")
RUBRIC_ID_RULE = "lower-case letters, digits and '-' (at most 64), e.g. 'ussr-1920s'"


def check_rubric_id(rubric_id: str, source: str) -> str:
    """``rubric_id`` if it follows :data:`RUBRIC_ID_RULE`, else a :class:`RubricError`.

    Examples
    --------
    >>> check_rubric_id("coal-1900", "pasted")
    'coal-1900'
    """
    if not RUBRIC_ID.match(rubric_id):
        raise RubricError(f"{source}: rubric id '{rubric_id}' must be {RUBRIC_ID_RULE}.")
    return rubric_id


def rubric_from_dict(data: Any, *, source: str = "<rubric>") -> Rubric:
    """Build a validated :class:`Rubric` from parsed YAML/JSON data."""
    if not isinstance(data, Mapping):
        raise RubricError(
            f"{source}: expected a mapping with 'id', 'question', 'sides', "
            f"'points' and 'levels'; found {type(data).__name__}."
        )
    _no_unknown(data, TOP_LEVEL_FIELDS, source, "top level")
    rubric_id = check_rubric_id(_required_str(data, "id", source, "top level"), source)
    question = _required_str(data, "question", source, "top level")
    sides_raw = data.get("sides")
    if (
        not isinstance(sides_raw, list)
        or not sides_raw
        or not all(isinstance(s, str) and s.strip() for s in sides_raw)
    ):
        raise RubricError(
            f"{source}: 'sides' must be a list of side names such as "
            f"[failure, success]; found {sides_raw!r}."
        )
    sides = tuple(s.strip() for s in sides_raw)
    kind = data.get("kind", "points")
    if kind not in RUBRIC_KINDS:
        raise RubricError(
            f"{source}: 'kind' is {kind!r}; expected one of {', '.join(RUBRIC_KINDS)} "
            f"(points: a list of creditable points; levels: levels of response with "
            f"indicative content; mixed: both)."
        )
    if kind == "levels" and data.get("points") in (None, []):
        bullets: tuple[Bullet, ...] = ()
    else:
        bullets = _bullets(data.get("points"), sides, source)
    levels = _levels(data.get("levels"), source)
    count_scores = _count_scores(data.get("count_scores"), source)
    if not levels and not count_scores:
        raise RubricError(
            f"{source}: the rubric needs 'levels' (level bands with marks) or "
            f"'count_scores' (credited points -> score); it has neither."
        )
    if kind != "points" and not levels:
        raise RubricError(
            f"{source}: 'kind' is {kind!r} but the rubric has no 'levels'. Add the level "
            f"bands, or use kind: points."
        )
    return Rubric(
        id=rubric_id,
        question=question,
        sides=sides,
        bullets=bullets,
        levels=levels,
        version=str(data.get("version", "1")),
        conclusion=str(data.get("conclusion", "") or ""),
        count_scores=count_scores,
        source=str(data.get("source", "") or ""),
        kind=kind,
        stated_factor=str(data.get("stated_factor", "") or "").strip(),
        settings=_settings(data.get("settings"), source),
        **extras_from_dict(data, source),
    )


__all__ = [
    "available_rubrics",
    "check_bands",
    "dump_rubric",
    "find_rubric",
    "load_rubric",
    "rubric_dirs",
    "rubric_from_dict",
    "rubric_hash",
    "rubric_to_dict",
]
