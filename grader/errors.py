"""One exception hierarchy with coded, actionable messages (the error catalogue).

Each message says what is wrong, what was found, what is allowed and what to do,
and names the file (and line or point id) at fault. The CLI prints ``str(error)``
on one line and exits non-zero. Codes are stable: ``R`` rubric, ``D`` document
(script), ``M`` model, ``G`` general.

Scripts that can be marked but should not be trusted without a person looking
(a copy of the mark scheme, keyword stuffing, ...) are not errors: they are
*review flags* (``V`` codes, :data:`REVIEW_FLAGS`), added to the result's
``review_reasons`` by :mod:`grader.core.screening`.

The README's "Error catalogue" table lists every code with its cause and what to
do; ``tests/test_errors_catalogue.py`` checks each one by its exact message.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


class GraderError(Exception):
    """Base class of every error grader raises on purpose."""

    code = "G000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class OutputError(GraderError):
    """An output path cannot be used (a file given where a folder is needed)."""

    code = "G001"


# --------------------------------------------------------------------------- rubric


class RubricError(GraderError):
    """A rubric file is malformed or inconsistent (a field is missing or wrong)."""

    code = "R001"


class RubricNotFound(RubricError):
    """No rubric file or bundled rubric of the name given."""

    code = "R002"


class RubricSyntaxError(RubricError):
    """A rubric file is not valid YAML, or not UTF-8 text."""

    code = "R003"


class DuplicatePointId(RubricError):
    """Two points (or parts) of a rubric share an id."""

    code = "R004"


class LevelBandError(RubricError):
    """Level bands repeat a level, overlap, or leave marks that belong to no level."""

    code = "R005"


class ImportSchemeError(RubricError):
    """A pasted mark scheme could not be turned into a rubric."""

    code = "R010"


class AnswerKeyScheme(ImportSchemeError):
    """The pasted scheme is a multiple-choice or calculation key, not one for written answers."""

    code = "R011"

    @classmethod
    def multiple_choice(cls, source: str, example: str, count: int) -> AnswerKeyScheme:
        return cls(
            f"{source}: this is a multiple-choice answer key ({count} "
            f"answer{'s' if count != 1 else ''} such as "
            f"'{example}'), not a mark scheme for written answers. grader marks written "
            f"answers; mark multiple-choice questions with the board's key."
        )

    @classmethod
    def calculation(cls, source: str, example: str) -> AnswerKeyScheme:
        return cls(
            f"{source}: this is a calculation mark scheme (a numerical answer such as "
            f"'{example}', with marks for working), not a mark scheme for written answers. "
            f"grader marks written answers; mark calculations against the board's key."
        )


# --------------------------------------------------------------------------- documents


class DocumentError(GraderError):
    """A script could not be read or is not markable."""

    code = "D001"


class EmptyDocument(DocumentError):
    """The script has no text (empty, or only whitespace)."""

    code = "D002"


class EncodingProblem(DocumentError):
    """The script's bytes are not valid in the expected text encoding."""

    code = "D003"


class UnsupportedFile(DocumentError):
    """The file is missing or of a kind grader cannot read."""

    code = "D004"


class DocumentTooLarge(DocumentError):
    """The script is longer than the size limit."""

    code = "D005"


class BinaryFile(UnsupportedFile):
    """A file named as text holds binary data (an image, an archive, ...)."""

    code = "D006"

    @classmethod
    def for_file(cls, source: str | Path) -> BinaryFile:
        return cls(
            f"{source}: this is a binary file, not text. Export the script as .txt, .docx or .pdf."
        )


class UnreadablePdf(DocumentError):
    """A PDF is password-protected, image-only (scanned) or damaged."""

    code = "D007"

    @classmethod
    def encrypted(cls, source: str | Path) -> UnreadablePdf:
        return cls(
            f"{source}: the PDF is password-protected. Remove the password (print or export "
            f"it to a new PDF) and mark it again."
        )

    @classmethod
    def image_only(cls, source: str | Path) -> UnreadablePdf:
        return cls(
            f"{source}: the PDF has no text layer (it is a scan or images only). Run it "
            f"through OCR, or export the script as .txt or .docx."
        )

    @classmethod
    def damaged(cls, source: str | Path, detail: str) -> UnreadablePdf:
        return cls(
            f"{source}: the PDF could not be read ({detail}). Export it again from the "
            f"original, or save the script as .txt or .docx."
        )


class CorruptDocx(DocumentError):
    """A .docx file is not a valid Word document (damaged, or another format renamed)."""

    code = "D008"

    @classmethod
    def for_file(cls, source: str | Path, detail: str) -> CorruptDocx:
        return cls(
            f"{source}: not a readable .docx file ({detail}). Open it in a word processor "
            f"and save it again as .docx, or export it as .txt."
        )


class MissingColumns(DocumentError):
    """A CSV or spreadsheet of scripts lacks the columns it was told to use."""

    code = "D009"

    @classmethod
    def for_file(
        cls,
        source: str | Path,
        missing: Iterable[str],
        found: Iterable[str],
        *,
        command: str = "grader mark --help",
    ) -> MissingColumns:
        missing_list = ", ".join(f"'{m}'" for m in missing)
        found_list = ", ".join(f"'{f}'" for f in found) or "none"
        return cls(
            f"{source}: no column named {missing_list}. Columns found: {found_list}. Rename "
            f"the columns, or tell grader which to use (see '{command}')."
        )


# --------------------------------------------------------------------------- models


class ModelError(GraderError):
    """An embedding or language model could not be loaded."""

    code = "M001"


# --------------------------------------------------------------------------- level models


class LevelModelError(GraderError):
    """A level model file is missing, unreadable or does not fit this grader."""

    code = "L001"


class CalibrationError(GraderError):
    """The edited spreadsheet cannot be used to calibrate (too few marks, no results)."""

    code = "L002"


class ModelRubricMismatch(LevelModelError):
    """A calibrated model was fitted on another rubric (or embedding model) than this run's."""

    code = "L003"


# --------------------------------------------------------------------------- web app


class UploadTooLarge(GraderError):
    """An upload to the web app is over its size or count limit."""

    code = "W001"


class RequestRefused(GraderError):
    """A request to the web app from another site, to another host name, or without the
    form's token (cross-site request forgery, DNS rebinding)."""

    code = "W002"


class WorkTooLong(GraderError):
    """Reading an upload, importing a scheme or marking took longer than the web app allows."""

    code = "W003"


# --------------------------------------------------------------------------- lookup


def error_classes() -> list[type[GraderError]]:
    """Every error class of the catalogue, base class first, in code order."""
    found: list[type[GraderError]] = [GraderError]
    stack = list(GraderError.__subclasses__())
    while stack:
        cls = stack.pop()
        if cls.__module__ == __name__ and cls not in found:
            found.append(cls)
        stack.extend(cls.__subclasses__())
    return sorted(found, key=lambda c: c.code)


def error_for_code(code: str, message: str) -> GraderError:
    """Rebuild the error a code stands for (e.g. from an :class:`~grader.types.Unmarked`).

    A message that already starts with ``[code] `` is not prefixed twice.
    """
    by_code = {cls.code: cls for cls in error_classes()}
    cls = by_code.get(code, DocumentError if code.startswith("D") else GraderError)
    return cls(message.removeprefix(f"[{code}] "))


# --------------------------------------------------------------------------- review flags

#: Reasons a script is marked but flagged for a person to check (see grader.core.screening).
#: Each is a template filled with the measured figure that triggered it.
REVIEW_FLAGS: dict[str, str] = {
    "V001": (
        "[V001] The essay largely copies the question ({share:.0%} of its word sequences "
        "appear in the question). Check it by hand; it is capped at level {cap}."
    ),
    "V002": (
        "[V002] The essay largely copies the mark scheme ({share:.0%} of its word sequences "
        "appear in the rubric). Check it by hand; it is capped at level {cap}."
    ),
    "V003": (
        "[V003] The essay looks keyword-stuffed ({share:.0%} of its words are mark-scheme "
        "names and dates, about {per_point:.0f} words per point named). Check it by hand; "
        "it is capped at level {cap}."
    ),
    "V004": (
        "[V004] The essay is mostly repeated text ({share:.0%} of its word sequences repeat "
        "earlier ones). Check it by hand; it is capped at level {cap}."
    ),
    "V005": (
        "[V005] The essay may not be in English (only {share:.0%} of its words are common "
        "English words). grader marks English only; check it by hand. It is capped at "
        "level {cap}."
    ),
}
