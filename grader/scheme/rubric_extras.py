"""The optional parts of a rubric file that an exam-board import adds, read and written.

::

    marks: 12                       # the question's total
    question_type: explain          # how-far | explain | analyse | describe | other
    stimulus: [the Treaty of Versailles, the Kapp Putsch]
    assessment_objectives: {AO1: 6, AO2: 6}
    caps:
      - {condition: stimulus-only, level: 1, max_mark: 2, text: Maximum 2 marks for ...}
      - {condition: stimulus-only, max_level: 2, text: No access to Level 3 for ...}
    point_marking: {per_point: 1, per_development: 1, max_points: 4, accept_other: true}
    notes: [Only human factors are creditworthy ...]
    import_warnings: [line 12: level 4 (12-16) overlapped level 3 (9-12) ...]

and per point ``development`` (a list of texts) and ``ao``. Every field may be left out;
a rubric without them loads and dumps exactly as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from grader.errors import RubricError
from grader.types import CAP_CONDITIONS, QUESTION_TYPES, Cap, PointMarking, Rubric

EXTRA_FIELDS = {
    "marks",
    "question_type",
    "stimulus",
    "assessment_objectives",
    "caps",
    "point_marking",
    "notes",
    "import_warnings",
}
CAP_FIELDS = {"condition", "max_mark", "max_level", "level", "text"}
MARKING_FIELDS = {
    "per_point",
    "per_development",
    "max_development",
    "max_points",
    "accept_other",
    "text",
}


def extras_from_dict(data: Mapping[str, Any], source: str) -> dict[str, Any]:
    """The keyword arguments of :class:`Rubric` for the optional exam-board fields."""
    out: dict[str, Any] = {}
    marks = data.get("marks", 0)
    if not _whole(marks):
        raise RubricError(f"{source}: 'marks' must be a whole number >= 0; found {marks!r}.")
    out["marks"] = int(marks or 0)
    kind = data.get("question_type", "") or ""
    if kind and kind not in QUESTION_TYPES:
        raise RubricError(
            f"{source}: 'question_type' is {kind!r}; expected one of {', '.join(QUESTION_TYPES)}."
        )
    out["question_type"] = kind
    out["stimulus"] = _texts(data, "stimulus", source)
    out["notes"] = _texts(data, "notes", source)
    out["import_warnings"] = _texts(data, "import_warnings", source)
    aos = data.get("assessment_objectives") or {}
    if not isinstance(aos, Mapping) or not all(_whole(v) for v in aos.values()):
        raise RubricError(
            f"{source}: 'assessment_objectives' must map an AO to its marks, e.g. "
            f"{{AO1: 6, AO2: 6}}; found {aos!r}."
        )
    out["assessment_objectives"] = tuple((str(k), int(v)) for k, v in aos.items())
    out["caps"] = tuple(_cap(item, source) for item in _list(data, "caps", source))
    marking = data.get("point_marking")
    out["point_marking"] = None if marking is None else _marking(marking, source)
    return out


def _cap(item: Any, source: str) -> Cap:
    where = f"{source}: cap {item!r}"
    if not isinstance(item, Mapping) or set(map(str, item)) - CAP_FIELDS:
        raise RubricError(f"{where} must be a mapping with fields {', '.join(sorted(CAP_FIELDS))}.")
    condition = item.get("condition")
    if condition not in CAP_CONDITIONS:
        raise RubricError(
            f"{where} has condition {condition!r}; expected one of {', '.join(CAP_CONDITIONS)}."
        )
    numbers = {k: item.get(k) for k in ("max_mark", "max_level", "level")}
    if not all(v is None or _whole(v) for v in numbers.values()):
        raise RubricError(f"{where}: max_mark, max_level and level must be whole numbers >= 0.")
    if numbers["max_mark"] is None and numbers["max_level"] is None:
        raise RubricError(f"{where} needs max_mark or max_level (what the cap limits).")
    return Cap(condition, text=str(item.get("text", "") or ""), **numbers)


def _marking(item: Any, source: str) -> PointMarking:
    if not isinstance(item, Mapping) or set(map(str, item)) - MARKING_FIELDS:
        raise RubricError(
            f"{source}: 'point_marking' must be a mapping with fields "
            f"{', '.join(sorted(MARKING_FIELDS))}; found {item!r}."
        )
    numbers = {
        k: item[k]
        for k in ("per_point", "per_development", "max_development", "max_points")
        if k in item
    }
    if not all(v is None or _whole(v) for v in numbers.values()):
        raise RubricError(f"{source}: 'point_marking' marks must be whole numbers >= 0.")
    return PointMarking(
        **numbers,
        accept_other=bool(item.get("accept_other", False)),
        text=str(item.get("text", "") or ""),
    )


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _list(data: Mapping[str, Any], key: str, source: str) -> list[Any]:
    raw = data.get(key)
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise RubricError(f"{source}: '{key}' must be a list; found {raw!r}.")
    return raw


def _texts(data: Mapping[str, Any], key: str, source: str) -> tuple[str, ...]:
    raw = _list(data, key, source)
    if not all(isinstance(t, str) and t.strip() for t in raw):
        raise RubricError(f"{source}: '{key}' must be a list of non-empty texts; found {raw!r}.")
    return tuple(t.strip() for t in raw)


def extras_to_dict(rubric: Rubric) -> dict[str, Any]:
    """The optional fields that are set, in file order (none for a seed-format rubric)."""
    data: dict[str, Any] = {}
    if rubric.marks:
        data["marks"] = rubric.marks
    if rubric.question_type:
        data["question_type"] = rubric.question_type
    if rubric.stimulus:
        data["stimulus"] = list(rubric.stimulus)
    if rubric.assessment_objectives:
        data["assessment_objectives"] = dict(rubric.assessment_objectives)
    if rubric.caps:
        data["caps"] = [
            {
                "condition": cap.condition,
                **{k: v for k, v in _cap_numbers(cap).items() if v is not None},
                "text": cap.text,
            }
            for cap in rubric.caps
        ]
    if rubric.point_marking is not None:
        m = rubric.point_marking
        data["point_marking"] = {
            "per_point": m.per_point,
            "per_development": m.per_development,
            **({"max_development": m.max_development} if m.max_development is not None else {}),
            **({"max_points": m.max_points} if m.max_points is not None else {}),
            "accept_other": m.accept_other,
            **({"text": m.text} if m.text else {}),
        }
    if rubric.notes:
        data["notes"] = list(rubric.notes)
    if rubric.import_warnings:
        data["import_warnings"] = list(rubric.import_warnings)
    return data


def _cap_numbers(cap: Cap) -> dict[str, int | None]:
    return {"level": cap.level, "max_mark": cap.max_mark, "max_level": cap.max_level}
