"""grader: mark essays against a mark scheme, the way an experienced examiner does."""

from grader.errors import GraderError
from grader.scheme.rubric import load_rubric
from grader.settings import Settings
from grader.types import MarkResult, PointMatch, Rubric, Unmarked

__all__ = [
    "GraderError",
    "MarkResult",
    "PointMatch",
    "Rubric",
    "Settings",
    "Unmarked",
    "load_rubric",
    "Marker",
]
__version__ = "0.1.0"


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name == "Marker":  # imported lazily: it pulls in torch
        from grader.core.pipeline import Marker

        return Marker
    raise AttributeError(name)
