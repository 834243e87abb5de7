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

import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from grader.errors import (
    DuplicatePointId,
    LevelBandError,
    RubricError,
    RubricNotFound,
    RubricSyntaxError,
)
from grader.scheme.requires import parse_condition
from grader.types import RUBRIC_KINDS, Bullet, LevelBand, Point, Rubric

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.:-]*$")
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
POINT_FIELDS = {"id", "side", "text", "keywords", "parts", "requires"}
PART_FIELDS = {"id", "text", "keywords", "requires"}
LEVEL_FIELDS = {"level", "marks", "descriptor", "bullets", "examples"}

BUNDLED_RUBRICS = Path(__file__).resolve().parents[2] / "rubrics"


# --------------------------------------------------------------------------- finding


def rubric_dirs() -> list[Path]:
    """Folders searched, in order, for a rubric given by name rather than path."""
    dirs = [Path(p) for p in os.environ.get("GRADER_RUBRICS", "").split(os.pathsep) if p]
    dirs += [Path.cwd() / "rubrics", BUNDLED_RUBRICS]
    return dirs


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
        f"Rubric '{name_or_path}' not found: no such file, and no bundled rubric of that "
        f"name. Available rubrics: {known}. Pass a path to a .yaml rubric, or create one "
        f"with 'grader rubric import'."
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


def _at(where: str, item: Any) -> str:
    """``where``, followed by the YAML line of ``item`` when it was read from a file."""
    line = getattr(item, "line", 0)
    return f"{where} (line {line})" if line else where


def rubric_from_dict(data: Any, *, source: str = "<rubric>") -> Rubric:
    """Build a validated :class:`Rubric` from parsed YAML/JSON data."""
    if not isinstance(data, Mapping):
        raise RubricError(
            f"{source}: expected a mapping with 'id', 'question', 'sides', "
            f"'points' and 'levels'; found {type(data).__name__}."
        )
    _no_unknown(data, TOP_LEVEL_FIELDS, source, "top level")
    rubric_id = _required_str(data, "id", source, "top level")
    if not ID_PATTERN.match(rubric_id):
        raise RubricError(
            f"{source}: rubric id '{rubric_id}' must be lower-case letters, "
            f"digits and '-', e.g. 'ussr-1920s'."
        )
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
    )


def _bullets(raw: Any, sides: tuple[str, ...], source: str) -> tuple[Bullet, ...]:
    if not isinstance(raw, list) or not raw:
        raise RubricError(f"{source}: 'points' must be a non-empty list of points; found {raw!r}.")
    bullets: list[Bullet] = []
    seen: set[str] = set()
    for index, item in enumerate(raw, start=1):
        where = _at(f"point #{index}", item)
        if not isinstance(item, Mapping):
            raise RubricError(
                f"{source}: {where} must be a mapping with id, side and text; found {item!r}."
            )
        point_id = _required_str(item, "id", source, where)
        where = _at(f"point '{point_id}'", item)
        _no_unknown(item, POINT_FIELDS, source, where)
        side = _required_str(item, "side", source, where)
        if side not in sides:
            raise RubricError(
                f"{source}: {where} has side '{side}', which is not one of the "
                f"rubric's sides {list(sides)}. Fix the spelling or add it to "
                f"'sides'."
            )
        text = _required_str(item, "text", source, where)
        parts_raw = item.get("parts")
        if parts_raw is None:
            parts = (
                Point(
                    point_id,
                    side,
                    text,
                    _keywords(item, source, where),
                    point_id,
                    _requires(item, source, where),
                ),
            )
        else:
            if not isinstance(parts_raw, list) or not parts_raw:
                raise RubricError(
                    f"{source}: {where} 'parts' must be a non-empty list; found {parts_raw!r}."
                )
            parts_list = []
            for part_index, part in enumerate(parts_raw, start=1):
                part_where = _at(f"part #{part_index} of point '{point_id}'", part)
                if not isinstance(part, Mapping):
                    raise RubricError(
                        f"{source}: {part_where} must be a mapping with id and "
                        f"text; found {part!r}."
                    )
                part_id = _required_str(part, "id", source, part_where)
                part_where = _at(f"part '{part_id}' of point '{point_id}'", part)
                _no_unknown(part, PART_FIELDS, source, part_where)
                parts_list.append(
                    Point(
                        part_id,
                        side,
                        _required_str(part, "text", source, part_where),
                        _keywords(part, source, part_where),
                        point_id,
                        _requires(part, source, part_where),
                    )
                )
            parts = tuple(parts_list)
        own_ids = [point_id] + [p.id for p in parts if p.id != point_id]
        for pid in own_ids:
            if not ID_PATTERN.match(pid):
                raise RubricError(
                    f"{source}: point id '{pid}' must be lower-case letters, "
                    f"digits, '-', '_', '.' or ':'."
                )
            if pid in seen or own_ids.count(pid) > 1:
                raise DuplicatePointId(
                    f"{source}: {_at(f'duplicate point id {pid!r}', item)}. Each point needs "
                    f"its own id."
                )
            seen.add(pid)
        bullets.append(Bullet(point_id, side, text, parts))
    return tuple(bullets)


def _levels(raw: Any, source: str) -> tuple[LevelBand, ...]:
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise RubricError(
            f"{source}: 'levels' must be a list of bands like "
            f"{{level: 1, marks: [1, 5], descriptor: ...}}; found {raw!r}."
        )
    bands = []
    lines: dict[int, int] = {}
    for index, item in enumerate(raw, start=1):
        where = _at(f"level band #{index}", item)
        if not isinstance(item, Mapping):
            raise RubricError(f"{source}: {where} must be a mapping; found {item!r}.")
        _no_unknown(item, LEVEL_FIELDS, source, where)
        level = item.get("level")
        marks = item.get("marks")
        if not isinstance(level, int) or level < 0:
            raise RubricError(
                f"{source}: {where} needs 'level' as a whole number >= 0; found {level!r}."
            )
        where = _at(f"level {level}", item)
        if isinstance(marks, int):
            marks = [marks, marks]
        if (
            not isinstance(marks, list)
            or len(marks) != 2
            or not all(isinstance(m, int) for m in marks)
            or marks[0] > marks[1]
            or marks[0] < 0
        ):
            raise RubricError(
                f"{source}: {where} needs 'marks' as [lowest, highest] whole "
                f"numbers with lowest <= highest; found {marks!r}."
            )
        bands.append(
            LevelBand(
                level,
                marks[0],
                marks[1],
                str(item.get("descriptor", "") or ""),
                _text_list(item, "bullets", source, where),
                _text_list(item, "examples", source, where),
            )
        )
        lines[level] = getattr(item, "line", 0)
    bands.sort(key=lambda b: b.level)
    check_bands(bands, source, lines=lines)
    return tuple(bands)


def check_bands(
    bands: Iterable[LevelBand], source: str, *, lines: Mapping[int, int] | None = None
) -> None:
    """Raise if levels repeat, or mark ranges overlap or leave a gap.

    ``lines`` optionally maps a level to the rubric-file line it is defined on; the
    message then names the line of the later band.
    """
    ordered = sorted(bands, key=lambda b: b.level)
    lines = lines or {}
    for lower, upper in zip(ordered, ordered[1:], strict=False):
        at = f" (line {lines[upper.level]})" if lines.get(upper.level) else ""
        if lower.level == upper.level:
            raise LevelBandError(f"{source}: level {lower.level} is defined twice{at}.")
        if upper.min_mark <= lower.max_mark:
            raise LevelBandError(
                f"{source}: level {lower.level} ({lower.min_mark}-{lower.max_mark}) and level "
                f"{upper.level} ({upper.min_mark}-{upper.max_mark}){at} overlap. Each mark must "
                f"belong to one level."
            )
        if upper.min_mark > lower.max_mark + 1:
            raise LevelBandError(
                f"{source}: marks {lower.max_mark + 1}-{upper.min_mark - 1} fall between level "
                f"{lower.level} ({lower.min_mark}-{lower.max_mark}) and level {upper.level} "
                f"({upper.min_mark}-{upper.max_mark}){at}. Close the gap."
            )


def _count_scores(raw: Any, source: str) -> tuple[tuple[int, int], ...]:
    if raw is None:
        return ()
    if not isinstance(raw, Mapping) or not raw:
        raise RubricError(
            f"{source}: 'count_scores' must map a number of credited points to "
            f"a score, e.g. {{4: 3, 3: 2, 2: 1, 1: 1}}; found {raw!r}."
        )
    pairs = []
    for count, score in raw.items():
        if not isinstance(count, int) or not isinstance(score, int) or count < 0 or score < 0:
            raise RubricError(
                f"{source}: 'count_scores' entry {count!r}: {score!r} must be "
                f"two whole numbers >= 0."
            )
        pairs.append((count, score))
    return tuple(sorted(pairs))


def _text_list(item: Mapping[str, Any], key: str, source: str, where: str) -> tuple[str, ...]:
    raw = item.get(key)
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(t, str) and t.strip() for t in raw):
        raise RubricError(
            f"{source}: {where} '{key}' must be a list of non-empty texts; found {raw!r}."
        )
    return tuple(t.strip() for t in raw)


def _settings(raw: Any, source: str) -> tuple[tuple[str, Any], ...]:
    """A rubric's own matcher thresholds (short answers need other ones than essays)."""
    if raw is None:
        return ()
    from grader.settings import Settings

    defaults = Settings().as_dict()
    if not isinstance(raw, Mapping):
        raise RubricError(
            f"{source}: 'settings' must map setting names to values, e.g. "
            f"{{develop_min_words: 4}}; found {raw!r}."
        )
    pairs = []
    for name, value in raw.items():
        if name not in defaults:
            raise RubricError(
                f"{source}: 'settings' has unknown setting '{name}'. Known settings: "
                f"{', '.join(sorted(defaults))}."
            )
        kind = type(defaults[name])
        ok = isinstance(value, kind) or (kind is float and isinstance(value, int))
        if isinstance(value, bool) or not ok or (kind is not str and value < 0):
            raise RubricError(
                f"{source}: setting '{name}' must be {_kind_name(kind)}; found {value!r}."
            )
        pairs.append((str(name), kind(value)))
    return tuple(sorted(pairs))


def _kind_name(kind: type) -> str:
    return {float: "a number >= 0", int: "a whole number >= 0"}.get(kind, "text")


def _keywords(item: Mapping[str, Any], source: str, where: str) -> tuple[str, ...]:
    raw = item.get("keywords", [])
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(k, str | int) for k in raw):
        raise RubricError(
            f"{source}: {where} 'keywords' must be a list of words or phrases; found {raw!r}."
        )
    return tuple(str(k).strip() for k in raw if str(k).strip())


def _requires(item: Mapping[str, Any], source: str, where: str) -> tuple[tuple[str, ...], ...]:
    raw = item.get("requires")
    if raw is None:
        return ()
    conditions = (
        [parse_condition(str(c)) for c in raw if isinstance(c, str | int)]
        if isinstance(raw, list)
        else []
    )
    if not isinstance(raw, list) or len(conditions) != len(raw) or not all(conditions):
        raise RubricError(
            f"{source}: {where} 'requires' must be a list of terms, alternatives separated "
            f"by '|', e.g. ['pore', 'high to low | concentration gradient']; found {raw!r}."
        )
    return tuple(conditions)


def _required_str(item: Mapping[str, Any], key: str, source: str, where: str) -> str:
    value = item.get(key)
    if not isinstance(value, str | int) or not str(value).strip():
        raise RubricError(
            f"{source}: {where} is missing '{key}' (found {value!r}); it must be non-empty text."
        )
    return str(value).strip()


def _no_unknown(item: Mapping[str, Any], allowed: set[str], source: str, where: str) -> None:
    unknown = sorted(set(map(str, item)) - allowed)
    if unknown:
        raise RubricError(
            f"{source}: {where} has unknown field '{unknown[0]}'. Allowed "
            f"fields: {', '.join(sorted(allowed))}."
        )


# --------------------------------------------------------------------------- writing


def rubric_to_dict(rubric: Rubric) -> dict[str, Any]:
    """The YAML-ready form of a rubric (the inverse of :func:`rubric_from_dict`)."""
    points: list[dict[str, Any]] = []
    for bullet in rubric.bullets:
        entry: dict[str, Any] = {"id": bullet.id, "side": bullet.side, "text": bullet.text}
        if len(bullet.parts) == 1 and bullet.parts[0].id == bullet.id:
            if bullet.parts[0].keywords:
                entry["keywords"] = list(bullet.parts[0].keywords)
            if bullet.parts[0].requires:
                entry["requires"] = [" | ".join(c) for c in bullet.parts[0].requires]
        else:
            entry["parts"] = [
                {
                    "id": p.id,
                    "text": p.text,
                    **({"keywords": list(p.keywords)} if p.keywords else {}),
                    **({"requires": [" | ".join(c) for c in p.requires]} if p.requires else {}),
                }
                for p in bullet.parts
            ]
        points.append(entry)
    data: dict[str, Any] = {
        "id": rubric.id,
        "version": rubric.version,
        "question": rubric.question,
        "sides": list(rubric.sides),
        "points": points,
    }
    if rubric.kind != "points":
        data["kind"] = rubric.kind
    if rubric.stated_factor:
        data["stated_factor"] = rubric.stated_factor
    if rubric.levels:
        data["levels"] = [_band_to_dict(b) for b in rubric.levels]
    if rubric.count_scores:
        data["count_scores"] = dict(rubric.count_scores)
    if rubric.settings:
        data["settings"] = dict(rubric.settings)
    if rubric.conclusion:
        data["conclusion"] = rubric.conclusion
    if rubric.source:
        data["source"] = rubric.source
    return data


def _band_to_dict(band: LevelBand) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "level": band.level,
        "marks": [band.min_mark, band.max_mark],
        "descriptor": band.descriptor,
    }
    if band.descriptor_bullets:
        entry["bullets"] = list(band.descriptor_bullets)
    if band.examples:
        entry["examples"] = list(band.examples)
    return entry


def dump_rubric(rubric: Rubric) -> str:
    return yaml.safe_dump(rubric_to_dict(rubric), sort_keys=False, allow_unicode=True, width=100)


def rubric_hash(rubric: Rubric) -> str:
    """A short content hash, recorded in reports and used to key embedding caches."""
    import hashlib

    return hashlib.sha256(dump_rubric(rubric).encode("utf-8")).hexdigest()[:12]
