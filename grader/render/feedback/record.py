"""The feedback record as JSON (``grader feedback --json``).

Every quote of the student carries its character offsets into the essay as read:
``text == essay[start:end]`` for each credited point's evidence, each name-dropped
point's words and the judgement's sentence.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from grader.types import Evidence, Feedback, Mention


def _quote(item: Evidence | Mention, *, kind: bool = True) -> dict[str, Any]:
    """``{"text", "start", "end"}`` (and, for the words naming a point, their ``kind``)."""
    text = item.quote if isinstance(item, Evidence) else item.text
    data: dict[str, Any] = {"text": text, "start": item.start, "end": item.end}
    if isinstance(item, Mention) and kind:
        data["kind"] = item.kind
    return data


def feedback_to_dict(feedback: Feedback) -> dict[str, Any]:
    """A JSON-ready dict of the feedback, quotes as ``{"text", "start", "end"}``."""
    data = {
        f.name: getattr(feedback, f.name)
        for f in dataclasses.fields(feedback)
        if f.name not in {"credited", "name_dropped", "missed", "judgement_quote"}
    }
    data["counts"] = {
        "credited": len(feedback.credited),
        "name_dropped": len(feedback.name_dropped),
        "missed": len(feedback.missed),
    }
    data["credited"] = [
        {
            "point_id": c.point_id,
            "side": c.side,
            "rubric_text": c.rubric_text,
            "label": c.label,
            "evidence": [_quote(e) for e in c.evidence],
        }
        for c in feedback.credited
    ]
    data["name_dropped"] = [
        {
            "point_id": d.point_id,
            "side": d.side,
            "rubric_text": d.rubric_text,
            "name": d.name,
            "words": [_quote(m) for m in d.words],
            "prompt": d.prompt,
            "evidence": [_quote(e) for e in d.evidence],
        }
        for d in feedback.name_dropped
    ]
    data["missed"] = [dataclasses.asdict(m) for m in feedback.missed]
    quote = feedback.judgement_quote
    data["judgement_quote"] = _quote(quote, kind=False) if quote is not None else None
    for key in ("next_level", "review_reasons"):
        data[key] = list(data[key])
    return data


def feedback_to_json(feedback: Feedback) -> str:
    return json.dumps(feedback_to_dict(feedback), indent=2, ensure_ascii=False)
