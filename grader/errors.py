"""One exception hierarchy with coded, actionable messages.

Each message says what is wrong, what was found, what is allowed and what to do,
and names the file (and line or point id) at fault. The CLI prints ``str(error)``
on one line and exits non-zero.
"""

from __future__ import annotations


class GraderError(Exception):
    """Base class of every error grader raises on purpose."""

    code = "G000"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


class RubricError(GraderError):
    """A rubric file is missing, malformed or inconsistent."""

    code = "R001"


class RubricNotFound(RubricError):
    code = "R002"


class ImportSchemeError(RubricError):
    """A pasted mark scheme could not be turned into a rubric."""

    code = "R010"


class DocumentError(GraderError):
    """A script could not be read or is not markable."""

    code = "D001"


class EmptyDocument(DocumentError):
    code = "D002"


class EncodingProblem(DocumentError):
    code = "D003"


class UnsupportedFile(DocumentError):
    code = "D004"


class DocumentTooLarge(DocumentError):
    code = "D005"


class ModelError(GraderError):
    """An embedding or language model could not be loaded."""

    code = "M001"
