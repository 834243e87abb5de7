"""Read labelled question sets for ``grader evaluate-questions`` (the I/O edge).

A question folder holds, in the layout of the development questions::

    <question id>/
        question.txt      the question as printed (not used for marking: the scheme is)
        markscheme.txt    the mark scheme as a teacher pastes it (or .docx / .pdf)
        essays/<id>.txt   one answer per file
        labels.jsonl      per answer: id, file, mark, level (and max_mark)

A folder of such folders is read with :func:`read_question_folders`; a bundled (or
file) rubric with a labels JSONL beside it, like the two original development
questions, with :func:`read_labelled_rubric`. Everything after works on
:class:`QuestionSet` and touches no file.
"""

from __future__ import annotations

from pathlib import Path

from grader.errors import DocumentError, MissingColumns, UnsupportedFile
from grader.io.documents import read_script
from grader.io.tables import json_objects
from grader.types import LabelledAnswer, QuestionSet

SCHEME_NAMES = ("markscheme.txt", "markscheme.md", "markscheme.docx", "markscheme.pdf")
LABEL_FIELDS = ("id", "file", "mark", "level")
HINT = "grader evaluate-questions --help"


def read_question_folders(folder: str | Path) -> list[QuestionSet]:
    """Every question folder under ``folder`` (those holding a ``labels.jsonl``), by name.

    Raises
    ------
    UnsupportedFile
        ``folder`` is missing, or holds no question folder.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise UnsupportedFile(f"{folder}: no such folder. Give a folder of question folders.")
    found = sorted(p for p in folder.iterdir() if (p / "labels.jsonl").is_file())
    if (folder / "labels.jsonl").is_file():
        found = [folder]  # a single question folder given directly
    if not found:
        raise UnsupportedFile(
            f"{folder}: no question folders found (each needs markscheme.txt, essays/ and "
            f"labels.jsonl). See {HINT}."
        )
    return [read_question_folder(p) for p in found]


def read_question_folder(folder: str | Path) -> QuestionSet:
    """One question folder: its pasted mark scheme and labelled answers."""
    folder = Path(folder)
    schemes = [folder / name for name in SCHEME_NAMES if (folder / name).is_file()]
    if not schemes:
        raise UnsupportedFile(
            f"{folder}: no mark scheme found; expected one of {list(SCHEME_NAMES)}."
        )
    from grader.scheme.import_levels import read_scheme_text

    answers, max_mark = read_labels(folder / "labels.jsonl")
    return QuestionSet(
        id=folder.name,
        source=f"{folder.name}/{schemes[0].name}",
        answers=answers,
        scheme_text=read_scheme_text(schemes[0]),
        max_mark=max_mark,
    )


def read_labelled_rubric(spec: str) -> QuestionSet:
    """A question set from ``RUBRIC=LABELS.jsonl``: a bundled rubric name (or rubric file)
    and the labels of answers to it, e.g. ``ussr-1920s=devset/labels-q1.jsonl``."""
    rubric, sep, labels = spec.partition("=")
    if not sep or not rubric.strip() or not labels.strip():
        raise DocumentError(
            f"'{spec}': expected RUBRIC=LABELS.jsonl, e.g. ussr-1920s=labels-q1.jsonl."
        )
    answers, max_mark = read_labels(Path(labels.strip()))
    name = rubric.strip()
    return QuestionSet(
        id=Path(name).stem, source=name, answers=answers, rubric=name, max_mark=max_mark
    )


def read_labels(path: Path) -> tuple[tuple[LabelledAnswer, ...], int]:
    """The labelled answers of a ``labels.jsonl`` and the ``max_mark`` they state (0 if none).

    Each line is a JSON object with ``id``, ``file`` (relative to the JSONL), ``mark``
    and ``level``.
    """
    if not path.is_file():
        raise UnsupportedFile(f"{path}: no such file. Check the path.")
    answers = []
    max_marks = set()
    for where, label in json_objects(path):
        missing = [k for k in LABEL_FIELDS if k not in label]
        if missing:
            raise MissingColumns.for_file(where, missing, list(label), command=HINT)
        marks = {k: label[k] for k in ("mark", "level", "max_mark") if k in label}
        for key, value in marks.items():
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise DocumentError(
                    f"{where}: '{key}' is {value!r}; it must be a whole number >= 0."
                )
        if "max_mark" in label:
            max_marks.add(label["max_mark"])
        text = read_script(path.parent / str(label["file"]))
        answers.append(LabelledAnswer(str(label["id"]), text, label["mark"], label["level"]))
    if not answers:
        raise DocumentError(f"{path}: no labels found (one JSON object per line expected).")
    if len(max_marks) > 1:
        raise DocumentError(
            f"{path}: answers give different max_mark values {sorted(max_marks)}; "
            f"one question has one maximum."
        )
    return tuple(answers), max(max_marks, default=0)
