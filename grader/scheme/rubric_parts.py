"""Validate the parts of a rubric file: points, level bands, scores, settings, keywords.

Used by :func:`grader.scheme.rubric.rubric_from_dict`; each function raises a
:class:`~grader.errors.RubricError` naming the file, the point or level, and its line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

from grader.errors import DuplicatePointId, LevelBandError, RubricError
from grader.scheme.requires import parse_condition
from grader.types import Bullet, LevelBand, Point

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_.:-]*$")
POINT_FIELDS = {"id", "side", "text", "keywords", "parts", "requires", "development", "ao"}
PART_FIELDS = {"id", "text", "keywords", "requires", "development", "ao"}
LEVEL_FIELDS = {"level", "marks", "descriptor", "bullets", "examples"}


def _at(where: str, item: Any) -> str:
    """``where``, followed by the YAML line of ``item`` when it was read from a file."""
    line = getattr(item, "line", 0)
    return f"{where} (line {line})" if line else where


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
        parts: tuple[Point, ...]
        if parts_raw is None:
            parts = (
                Point(
                    point_id,
                    side,
                    text,
                    _keywords(item, source, where),
                    point_id,
                    _requires(item, source, where),
                    _text_list(item, "development", source, where),
                    str(item.get("ao", "") or ""),
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
                        _text_list(part, "development", source, part_where),
                        str(part.get("ao", "") or ""),
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
