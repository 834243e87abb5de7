"""Mark scripts written to game the marker, and print their level, mark and review flags.

The scripts are built from each rubric's own data, so they work for any mark scheme:

- ``stuffing``: every point's keywords, repeated, with no explanation;
- ``scheme``: the mark scheme pasted in as the essay (the importer's source text);
- ``repeated``: the bundled model essay (a top-level answer) pasted again and again to
  3,000 words;
- ``question``: the question written out six times.

For the USSR question the bundled model essay is marked too, as a control (not flagged,
not capped). With ``--devset`` it also counts how many of the development essays the screen flags
(false alarms: they are all honest essays).

    python scripts/adversarial.py [--rubric ussr-1920s --rubric league-1920s] [--devset DIR]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from grader.core.pipeline import Marker
from grader.core.screening import rubric_text
from grader.types import Rubric

ROOT = Path(__file__).resolve().parents[1]
MODEL_ESSAY = ROOT / "examples" / "ussr-1920s-model-essay.txt"


def keyword_stuffing(rubric: Rubric) -> str:
    """Every point's keywords, repeated: names with no explanation."""
    names = " ".join(k for p in rubric.points for k in p.keywords)
    return "\n\n".join(f"{names}. {names}." for _ in range(3))


def pasted_scheme(rubric: Rubric) -> str:
    """The mark scheme as the examiner wrote it (the importer's source), else the rubric text."""
    source = ROOT / "rubrics" / "sources" / f"{rubric.id}.txt"
    if source.is_file():
        return source.read_text(encoding="utf-8")
    return rubric_text(rubric)


def repeated_essay(words: int = 3000) -> str:
    """The model essay pasted again and again, cut at ``words`` words."""
    essay = MODEL_ESSAY.read_text(encoding="utf-8").split()
    return " ".join((essay * (words // len(essay) + 1))[:words])


def question_repeated(rubric: Rubric) -> str:
    return "\n\n".join([rubric.question] * 6)


def scripts_for(rubric: Rubric) -> dict[str, str]:
    return {
        "stuffing": keyword_stuffing(rubric),
        "scheme": pasted_scheme(rubric),
        "repeated": repeated_essay(),
        "question": question_repeated(rubric),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rubric", action="append", help="rubric(s) to use")
    parser.add_argument("--devset", type=Path, help="development set folder (false alarms)")
    args = parser.parse_args()
    print(f"{'rubric':14} {'script':9} {'words':>5} {'level':>5} {'mark':>7} review  flags")
    for name in args.rubric or ["ussr-1920s", "league-1920s"]:
        marker = Marker(name)
        top = max(b.level for b in marker.rubric.levels)
        scripts = scripts_for(marker.rubric)
        if marker.rubric.id == "ussr-1920s":  # control: an honest answer to this question
            scripts["control"] = MODEL_ESSAY.read_text(encoding="utf-8")
        for kind, text in scripts.items():
            level = marker.mark(text, essay_id=kind).level
            flags = ",".join(r[1:5] for r in level.review_reasons if r.startswith("[V"))
            print(
                f"{name:14} {kind:9} {len(text.split()):5} {level.level:>3}/{top} "
                f"{level.mark:>3}/{marker.rubric.max_mark:<3} {str(level.needs_review):7} {flags}"
            )
    if args.devset:
        by_question = {"q1": "ussr-1920s", "q2": "league-1920s"}
        flagged = total = 0
        for question, rubric_name in by_question.items():
            labels = args.devset / f"labels-{question}.jsonl"
            rows = [json.loads(line) for line in labels.read_text().splitlines() if line]
            essays = [
                (r["id"], (args.devset / r["file"]).read_text(encoding="utf-8")) for r in rows
            ]
            for result in Marker(rubric_name).mark_many(essays):
                total += 1
                reasons = getattr(result, "level", None)
                if reasons and any(r.startswith("[V") for r in reasons.review_reasons):
                    flagged += 1
                    print(f"false alarm: {result.essay_id}: {reasons.review_reasons}")
        print(f"development essays flagged by the screen: {flagged} of {total}")


if __name__ == "__main__":
    main()
