"""Golden records: grader's marks on every development essay, to prove a refactor changed nothing.

``python scripts/golden.py --write`` re-marks every essay in ../shared/devset (the two
seed-format questions and each folder of ``questions/`` whose scheme imports as pasted) and
writes ``tests/data/golden/marks.json``; ``tests/test_golden.py`` marks them again and
compares. A change that is meant to change marks regenerates the file in the same commit.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from grader.core.pipeline import Marker
from grader.errors import GraderError
from grader.render.report import result_to_dict
from grader.scheme.import_levels import import_any, read_scheme_text
from grader.scheme.rubric import load_rubric
from grader.types import Rubric, Unmarked

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "golden" / "marks.json"
DEVSET = ROOT.parent / "shared" / "devset"
# Fields that name the running code, not what it decided.
VOLATILE = ("timings", "version", "grader_version")


def question_sets(devset: Path) -> Iterator[tuple[str, list[Path], Rubric]]:
    """(question id, essay files, rubric) for every development question that imports."""
    essays = devset / "essays"
    yield "ussr-1920s", sorted(essays.glob("dev-q1-*.txt")), load_rubric("ussr-1920s")
    yield "league-1920s", sorted(essays.glob("dev-q2-*.txt")), load_rubric("league-1920s")
    for folder in sorted(p for p in (devset / "questions").iterdir() if p.is_dir()):
        try:
            text = read_scheme_text(folder / "markscheme.txt")
            rubric = import_any(text, rubric_id=folder.name, source="markscheme.txt")
        except GraderError:
            continue
        yield folder.name, sorted((folder / "essays").glob("*.txt")), rubric


def _rounded(value: Any) -> Any:
    """Floats to 4 places, so the record compares across runs of the same code."""
    if isinstance(value, float):
        return round(value, 4)
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items() if k not in VOLATILE}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


def record(devset: Path = DEVSET) -> dict[str, Any]:
    """Every development essay's ``mark --json`` record, keyed ``question/essay``."""
    out: dict[str, Any] = {}
    for name, files, rubric in question_sets(devset):
        marker = Marker(rubric)
        results = marker.mark_many([(f.stem, f.read_text(encoding="utf-8")) for f in files])
        for f, result in zip(files, results, strict=True):
            if isinstance(result, Unmarked):
                out[f"{name}/{f.stem}"] = {"unmarked": result.reason}
                continue
            as_json = json.dumps(result_to_dict(result), default=str)
            out[f"{name}/{f.stem}"] = _rounded(json.loads(as_json))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--devset", type=Path, default=DEVSET)
    parser.add_argument("--write", action="store_true", help=f"write {GOLDEN.name}")
    args = parser.parse_args()
    marks = record(args.devset)
    if args.write:
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(marks, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(marks)} essays recorded")


if __name__ == "__main__":
    main()
