"""The record of a class marked into an output folder: what was marked with what.

``<out>/.grader/manifest.json`` holds, for every script marked, the hash of its text,
the key of the run (rubric, settings, level model) and its full result, so a re-run
re-marks only what changed. While a batch is marking, each result is also appended to
``<out>/.grader/journal.jsonl`` as soon as it is made: a batch killed part-way keeps
its marks, and the next run resumes from them. A finished run folds the journal into
the manifest and removes it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from grader.core.setup import MarkingSetup
from grader.errors import GraderError
from grader.io.atomic import write_text_atomic
from grader.scheme.rubric import rubric_from_dict, rubric_to_dict
from grader.settings import Settings
from grader.types import MarkResult, Rubric

MANIFEST = Path(".grader") / "manifest.json"
JOURNAL = Path(".grader") / "journal.jsonl"
MANIFEST_FORMAT = 1


def content_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def run_key(marker: MarkingSetup) -> str:
    """What a result depends on besides the script: rubric, settings and level model."""
    import joblib

    parts = {
        "rubric": marker.rubric_hash,
        "settings": marker.settings.as_dict(),
        "level_model": joblib.hash(marker.level_model) if marker.level_model is not None else "",
        "format": MANIFEST_FORMAT,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()


def entry_for(result: MarkResult, *, text: str, key: str) -> dict[str, Any]:
    """The manifest entry of one marked script."""
    return {
        "hash": content_hash(text),
        "key": key,
        "mark": result.level.mark,
        "level": result.level.level,
        "result": dataclasses.asdict(result),
    }


class Journal:
    """Appends each result to ``<out>/.grader/journal.jsonl`` the moment it is made."""

    def __init__(self, out_dir: Path, key: str) -> None:
        self.path, self.key = Path(out_dir) / JOURNAL, key

    def add(self, results: Iterable[tuple[MarkResult, str]]) -> None:
        """Record ``(result, script text)`` pairs; flushed so a killed run keeps them."""
        lines = [
            json.dumps({"essay_id": r.essay_id, **entry_for(r, text=t, key=self.key)},
                       ensure_ascii=False)
            for r, t in results
        ]  # fmt: skip
        if not lines:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
            handle.flush()

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def _journal_entries(out_dir: Path) -> dict[str, dict[str, Any]]:
    entries: dict[str, dict[str, Any]] = {}
    try:
        lines = (out_dir / JOURNAL).read_text(encoding="utf-8").splitlines()
    except OSError:
        return entries
    for line in lines:
        try:  # the last line of a killed run may be cut short: skip it
            record = json.loads(line)
            entries[record.pop("essay_id")] = record
        except (ValueError, KeyError, AttributeError):
            continue
    return entries


def _read_manifest(out_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((Path(out_dir) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != MANIFEST_FORMAT:
        return {}
    return data


def load_manifest(out_dir: str | Path) -> dict[str, dict[str, Any]]:
    """The entries of earlier runs by essay id, an interrupted run's journal included."""
    out_dir = Path(out_dir)
    return {**_read_manifest(out_dir).get("scripts", {}), **_journal_entries(out_dir)}


def write_manifest(out_dir: Path, marker: MarkingSetup, entries: dict[str, dict[str, Any]]) -> Path:
    """Write the manifest (atomically) and drop the journal it now includes."""
    manifest = {
        "format": MANIFEST_FORMAT,
        "rubric": marker.rubric.id,
        "rubric_data": rubric_to_dict(marker.rubric),
        "settings": marker.settings.as_dict(),
        "scripts": entries,
    }
    path = write_text_atomic(out_dir / MANIFEST, json.dumps(manifest, ensure_ascii=False))
    (out_dir / JOURNAL).unlink(missing_ok=True)
    return path


def load_run(out_dir: str | Path) -> tuple[Rubric, Settings]:
    """The rubric and settings the last run into ``out_dir`` marked with."""
    data = _read_manifest(Path(out_dir))
    if "rubric_data" not in data:
        raise GraderError(
            f"{Path(out_dir) / MANIFEST}: missing or from another version of grader. Mark the "
            f"scripts again with 'grader mark ... --out {out_dir}'."
        )
    known = {f.name for f in dataclasses.fields(Settings)}
    settings = Settings(**{k: v for k, v in data.get("settings", {}).items() if k in known})
    return rubric_from_dict(data["rubric_data"], source=str(Path(out_dir) / MANIFEST)), settings


def load_results(out_dir: str | Path) -> dict[str, MarkResult]:
    """The results stored by earlier runs into ``out_dir``, by essay id."""
    return {
        essay_id: result_from_record(entry["result"])
        for essay_id, entry in load_manifest(Path(out_dir)).items()
    }


def result_from_record(record: dict[str, Any]) -> MarkResult:
    """Rebuild a :class:`MarkResult` from ``dataclasses.asdict(result)`` (read back from JSON)."""
    return _build(MarkResult, record)


def _build(cls: Any, data: Any) -> Any:
    hints = typing.get_type_hints(cls)
    values = {}
    for f in dataclasses.fields(cls):
        if f.name in data:
            values[f.name] = _convert(hints[f.name], data[f.name])
    return cls(**values)


def _convert(hint: Any, value: Any) -> Any:
    origin = typing.get_origin(hint)
    if dataclasses.is_dataclass(hint) and isinstance(value, dict):
        return _build(hint, value)
    if origin is tuple and isinstance(value, list | tuple):
        args = typing.get_args(hint)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in value)
        return tuple(_convert(a, v) for a, v in zip(args, value, strict=False))
    if origin in (typing.Union, types.UnionType):
        for arg in typing.get_args(hint):
            if dataclasses.is_dataclass(arg) and isinstance(value, dict):
                return _build(arg, value)
    return value
