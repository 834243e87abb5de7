"""Print what an import found, for a teacher to check at a glance (``grader rubric show``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from grader.types import Cap, Rubric

if TYPE_CHECKING:
    from rich.console import Console

EXAMPLE_CHARS = 160
KINDS = {
    "points": "points (each point is credited)",
    "levels": "levels of response (points are indicative content)",
    "mixed": "levels of response with creditable points",
}


def cap_text(cap: Cap) -> str:
    """One line for a cap: what it limits, for which answers, and the scheme's words."""
    limit = []
    if cap.max_mark is not None:
        limit.append(f"max {cap.max_mark} mark{'s' if cap.max_mark != 1 else ''}")
    if cap.max_level is not None:
        limit.append(f"max level {cap.max_level}")
    within = f" within level {cap.level}" if cap.level is not None else ""
    return f"{' and '.join(limit)}{within} if {cap.condition}: {cap.text}"


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXAMPLE_CHARS else flat[: EXAMPLE_CHARS - 1].rstrip() + "…"


def show_rubric(rubric: Rubric, console: Console) -> None:
    """Print the question, marks, kind, stimulus, caps, levels with examples, points and notes."""
    from rich.markup import escape
    from rich.table import Table

    console.print(f"[bold]{rubric.id}[/bold] (v{rubric.version}): {escape(rubric.question)}")
    facts = [f"Kind: {KINDS[rubric.kind]}"]
    if rubric.marks:
        facts.append(f"Marks: {rubric.marks}")
    if rubric.question_type:
        facts.append(f"Question type: {rubric.question_type}")
    console.print(" | ".join(facts))
    if rubric.stated_factor:
        console.print(f"Stated factor: {escape(rubric.stated_factor)}")
    if rubric.stimulus:
        console.print("Stimulus: " + "; ".join(escape(s) for s in rubric.stimulus))
    if rubric.assessment_objectives:
        console.print(
            "Assessment objectives: "
            + ", ".join(f"{ao} {marks} marks" for ao, marks in rubric.assessment_objectives)
        )
    if rubric.point_marking is not None:
        m = rubric.point_marking
        parts = [f"{m.per_point} per point", f"{m.per_development} per development"]
        if m.max_development is not None:
            parts.append(f"up to {m.max_development} development marks per point")
        if m.max_points is not None:
            parts.append(f"at most {m.max_points} points")
        if m.accept_other:
            parts.append("other valid points accepted")
        console.print("Point marking: " + ", ".join(parts))
    per_side = [f"{s} ({sum(p.side == s for p in rubric.points)} points)" for s in rubric.sides]
    console.print(f"Sides: {', '.join(per_side)}")
    if rubric.levels:
        _levels(rubric, console, Table, escape)
    for cap in rubric.caps:
        console.print(f"Cap: {escape(cap_text(cap))}")
    if rubric.points:
        development = any(p.development for p in rubric.points)
        with_ao = any(p.ao for p in rubric.points)
        columns = ["point", "side", *(["AO"] if with_ao else []), "keywords", "text"]
        table = Table(*columns, *(["development"] if development else []), show_lines=True)
        for p in rubric.points:
            row = [p.id, p.side, *([p.ao] if with_ao else []), ", ".join(p.keywords), p.text]
            if development:
                row.append("\n".join(f"(d) {d}" for d in p.development))
            table.add_row(*(escape(cell) for cell in row))
        console.print(table)
    for note in rubric.notes:
        console.print(f"Note: {escape(note)}")
    for warning in rubric.import_warnings:
        console.print(f"[yellow]Import warning:[/yellow] {escape(warning)}")


def _levels(rubric: Rubric, console: Console, table_class: type, escape: object) -> None:
    bands = table_class("level", "marks", "descriptor", "examples", show_lines=True)
    for band in sorted(rubric.levels, key=lambda b: -b.level):
        described = band.descriptor
        joined = " ".join(b if b[-1:] in ".!?:;" else b + "." for b in band.descriptor_bullets)
        if band.descriptor_bullets and band.descriptor != joined:
            described += "".join(f"\n• {b}" for b in band.descriptor_bullets)
        elif band.descriptor_bullets:
            described = "\n".join(f"• {b}" for b in band.descriptor_bullets)
        examples = "\n".join(f"{i}. {_short(e)}" for i, e in enumerate(band.examples, 1))
        bands.add_row(
            str(band.level),
            f"{band.min_mark}-{band.max_mark}",
            escape(described),  # type: ignore[operator]
            escape(examples),  # type: ignore[operator]
        )
    console.print(bands)
