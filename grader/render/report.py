"""Render a MarkResult: a readable terminal report and a JSON record.

One result, several renderers: the same ``MarkResult`` feeds the student's
feedback, the teacher's spreadsheet row and the researcher's table. Nothing here
decides anything: the statuses, labels, counts, level and review reasons shown are
the result's own fields.
"""

from __future__ import annotations

import copy
import dataclasses
import json
from typing import Any

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from grader.types import MarkResult, Rubric

STATUS_STYLE = {"credited": "green", "name_dropped": "yellow", "missing": "red"}
STATUS_LABEL = {"credited": "credited", "name_dropped": "name-dropped", "missing": "missing"}


def result_to_dict(result: MarkResult, *, include_text: bool = False) -> dict[str, Any]:
    """A JSON-ready dict of the result (the essay text itself only on request)."""
    # Field by field, so the document (every sentence) is not deep-copied only to be dropped.
    data = {
        f.name: _plain(getattr(result, f.name))
        for f in dataclasses.fields(result)
        if f.name != "document"
    }
    data["document"] = {
        "id": result.document.id,
        "word_count": result.document.word_count,
        "paragraphs": len(result.document.paragraphs),
        "sentences": len(result.document.sentences),
    }
    if include_text:
        data["document"]["text"] = result.document.text
    data["credited"] = result.credited
    data["name_dropped"] = result.name_dropped
    data["missing"] = result.missing
    return data


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return dataclasses.asdict(value)
    if isinstance(value, tuple):
        return tuple(_plain(v) for v in value)
    return copy.deepcopy(value)


def result_to_json(result: MarkResult, *, include_text: bool = False) -> str:
    return json.dumps(
        result_to_dict(result, include_text=include_text), indent=2, ensure_ascii=False
    )


def render(result: MarkResult, rubric: Rubric) -> Group:
    """A rich renderable: header, points table with evidence, balance, level."""
    level = result.level
    header = Text.assemble(
        (f"{result.essay_id}", "bold"),
        "  against  ",
        (f"{rubric.id}", "bold"),
        f" (v{rubric.version})\n",
        (rubric.question, "italic"),
    )
    table = Table(show_lines=True, expand=True)
    table.add_column("point", no_wrap=True)
    table.add_column("side", no_wrap=True)
    table.add_column("status", no_wrap=True)
    table.add_column("evidence / reason")
    for match in result.matches:
        quote = match.evidence[0].quote if match.evidence else ""
        detail = Text()
        if quote and match.status != "missing":
            detail.append(f"“{_shorten(quote, 220)}”\n", style="italic")
        words = [m.text for m in match.mentions if m.kind != "paraphrase"]
        if match.status == "name_dropped" and words:
            named = ", ".join(f"“{w}”" for w in dict.fromkeys(words))
            detail.append(f"named by {named}\n", style="yellow")
        detail.append(match.reason, style="dim")
        table.add_row(
            match.point_id,
            match.side,
            Text(STATUS_LABEL[match.status], style=STATUS_STYLE[match.status]),
            detail,
        )
    sides = ", ".join(
        f"{s.side}: {s.credited} credited, {s.name_dropped} name-dropped"
        for s in result.argument.sides
    )
    summary = Text.assemble(
        ("Balance: ", "bold"),
        f"{result.argument.balance} ({sides})\n",
        ("Judgement: ", "bold"),
        f"{result.argument.judgement}\n",
        ("Level ", "bold"),
        (f"{level.level}", "bold"),
        ", mark ",
        (f"{level.mark}/{rubric.max_mark}", "bold"),
        f" (confidence {level.confidence:.2f})\n",
        level.explanation,
    )
    if level.needs_review:
        summary.append("\nNeeds human review: " + "; ".join(level.review_reasons), style="bold red")
    return Group(Panel(header), table, Panel(summary, title="Mark"))


def print_report(result: MarkResult, rubric: Rubric, console: Console | None = None) -> None:
    (console or Console()).print(render(result, rubric))


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
