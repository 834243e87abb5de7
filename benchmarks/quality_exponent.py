"""Choose ``Settings.quality_exponent`` leave-one-question-out, and say how it generalises.

A levels scheme's mark is ``low + score ** quality_exponent * (high - low)``: the one
number in the levels marker set from examiners' marks. For each grid value every
development question is marked (``grader evaluate-questions``); then, for each levels
question in turn, the value is chosen on the *other* levels questions (highest mean mark
QWK) and that question's QWK at the chosen value is its held-out figure. The value
chosen on all of them is reported; whether it ships as the default is decided with the
hand-written level tests too (see ``Settings.quality_exponent``).

Writes ``benchmarks/results/quality-exponent.json`` and ``.md``.

    python benchmarks/quality_exponent.py --devset ../shared/devset
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from grader.core.embed import get_encoder  # noqa: E402
from grader.io.question_sets import read_labelled_rubric, read_question_folders  # noqa: E402
from grader.research.evaluate_questions import evaluate_questions  # noqa: E402
from grader.settings import Settings  # noqa: E402

GRID = (1.0, 1.15, 1.3, 1.45, 1.6)


def qwk_by_value(
    devset: Path, grid: tuple[float, ...]
) -> tuple[dict[float, dict[str, float]], list[str]]:
    """``{value: {question: mark QWK}}`` and the ids of the levels questions."""
    questions = [
        read_labelled_rubric(f"ussr-1920s={devset / 'labels-q1.jsonl'}"),
        read_labelled_rubric(f"league-1920s={devset / 'labels-q2.jsonl'}"),
        *read_question_folders(devset / "questions"),
    ]
    encoder = get_encoder()
    found: dict[float, dict[str, float]] = {}
    levels: list[str] = []
    for value in grid:
        evaluation = evaluate_questions(
            questions, settings=Settings(quality_exponent=value), encoder=encoder, n_boot=1
        )
        found[value] = {q.id: float(q.grader.mark_qwk.value) for q in evaluation.questions}
        levels = [q.id for q in evaluation.questions if q.kind == "levels"]
        print(value, {k: round(v, 2) for k, v in found[value].items()}, flush=True)
    return found, levels


def held_out(
    found: dict[float, dict[str, float]], levels: list[str]
) -> dict[str, dict[str, float]]:
    """Per levels question: the value chosen on the others and its QWK there."""
    out = {}
    for question in levels:
        others = [q for q in levels if q != question]

        def mean_others(value: float, others: list[str] = others) -> float:
            return sum(found[value][q] for q in others) / len(others)

        chosen = max(found, key=mean_others)
        out[question] = {"chosen": chosen, "qwk": round(found[chosen][question], 3)}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=ROOT.parent / "shared" / "devset")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results")
    args = parser.parse_args()
    if not (args.devset / "questions").is_dir():
        raise SystemExit(f"{args.devset}: no development questions here; pass --devset")
    found, levels = qwk_by_value(args.devset, GRID)
    loqo = held_out(found, levels)
    overall = max(found, key=lambda v: sum(found[v][q] for q in levels) / len(levels))
    report = {
        "grid": list(GRID),
        "qwk": {str(k): v for k, v in found.items()},
        "levels": levels,
        "held_out": loqo,
        "chosen_on_all": overall,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "quality-exponent.json").write_text(json.dumps(report, indent=2) + "\n")
    lines = [
        "# quality_exponent, chosen leave-one-question-out",
        "",
        "`python benchmarks/quality_exponent.py --devset ../shared/devset`",
        "",
        "Mark QWK of each question at each value (all questions marked with that value):",
        "",
        "| question | "
        + " | ".join(f"{v:g}" for v in GRID)
        + " | held out: chosen | held-out QWK |",
        "|---|" + "---|" * (len(GRID) + 2),
    ]
    for question in found[GRID[0]]:
        cells = " | ".join(f"{found[v][question]:.2f}" for v in GRID)
        extra = (
            f"{loqo[question]['chosen']:g} | {loqo[question]['qwk']:.2f}"
            if question in loqo
            else "(point rules: unaffected) | "
        )
        lines.append(f"| {question} | {cells} | {extra} |")
    lines += [
        "",
        f"Chosen on all levels questions: **{overall:g}**; the shipped default is "
        f"{Settings().quality_exponent:g} (see Settings.quality_exponent for why).",
        "",
    ]
    (args.out / "quality-exponent.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
