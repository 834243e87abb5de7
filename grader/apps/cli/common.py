"""The typer application and its error handling, shared by every command module.

Library errors become one clear line on stderr (``Error: ...``) and exit code 1;
wrong options exit with code 2 (typer's usage error).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar

import typer

from grader.errors import GraderError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Mark essays against a mark scheme, the way an examiner does.",
)
rubric_app = typer.Typer(no_args_is_help=True, help="Import, show and list rubrics.")

F = TypeVar("F", bound=Callable[..., Any])


def fails_cleanly(func: F) -> F:
    """Turn a GraderError into one line on stderr and exit code 1."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GraderError as exc:
            typer.echo(f"Error: {exc}", err=True)
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]
