"""Write a rubric as YAML (the inverse of :func:`grader.scheme.rubric.rubric_from_dict`)."""

from __future__ import annotations

from typing import Any

import yaml

from grader.scheme.rubric_extras import extras_to_dict
from grader.types import LevelBand, Point, Rubric


def _point_extras(point: Point) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if point.development:
        out["development"] = list(point.development)
    if point.ao:
        out["ao"] = point.ao
    return out


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
            entry.update(_point_extras(bullet.parts[0]))
        else:
            entry["parts"] = [
                {
                    "id": p.id,
                    "text": p.text,
                    **({"keywords": list(p.keywords)} if p.keywords else {}),
                    **({"requires": [" | ".join(c) for c in p.requires]} if p.requires else {}),
                    **_point_extras(p),
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
    data.update(extras_to_dict(rubric))
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
