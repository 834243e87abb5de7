"""The typer application, its help formatting and its error handling.

Library errors become one clear line on stderr (``Error: ...``) and exit code 1;
wrong options exit with code 2 (typer's usage error).
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from functools import wraps
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

from grader.errors import GraderError

# The required --rubric option of the commands that mark (mark, feedback).
RubricOption = Annotated[
    str,
    typer.Option(
        "--rubric",
        "-r",
        help="The mark scheme: a rubric file, or a name from 'grader rubric list'.",
    ),
]

F = TypeVar("F", bound=Callable[..., Any])

#: How a value's type is named in help (click's words, not Python annotations).
_METAVARS = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "path": "PATH"}


def _tidy_params(command: Any, ctx: Any) -> None:
    """Name option values as click does (``TEXT``, ``PATH``), and flags not at all.

    typer's own labels (``<bool>``, ``<str>``, ``<list[str]>``) read as if a flag took a
    value (``--json true`` fails) and show Python types to teachers.
    """
    for param in command.get_params(ctx):
        if not isinstance(param, TyperOption | TyperArgument) or param.metavar is not None:
            continue
        if isinstance(param, TyperOption) and param.is_flag:
            param.metavar = ""
            continue
        desc = param.type_descriptor
        choices = desc.choices if desc.is_choice else None
        if choices:
            param.metavar = "[" + "|".join(str(getattr(c, "value", c)) for c in choices) + "]"
            continue
        label = param.display_type(ctx).strip("<>")
        label = label.removeprefix("list[").removesuffix("]").split(" ")[0]
        if isinstance(param, TyperArgument):
            param.metavar = (param.name or label).upper()
            kind = _METAVARS.get(label, label.upper())
            param.display_type_rich = _fixed(kind)  # type: ignore[method-assign,assignment]
        else:
            param.metavar = _METAVARS.get(label, label.upper())


def _fixed(label: str) -> Callable[[Any], str]:
    """A replacement for an argument's ``display_type_rich``: always ``label``."""
    return lambda ctx: label


def _one_line_paragraphs(help_text: str | None) -> str | None:
    """Join the lines of each help paragraph, so rich re-wraps sentences whole."""
    if help_text is None:
        return None
    paragraphs = inspect.cleandoc(help_text).split("\n\n")
    return "\n\n".join(" ".join(p.split()) for p in paragraphs)


class Command(TyperCommand):
    """A typer command whose help names values like click and keeps sentences whole.

    Every command registered on :data:`app` or :data:`rubric_app` becomes one (see
    :class:`Group`), so a new command needs nothing special.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _one_line_paragraphs(self.help)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _tidy_params(self, ctx)
        super().format_help(ctx, formatter)

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        _tidy_params(self, ctx)
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if isinstance(param, TyperArgument):
                name = param.metavar or (param.name or "").upper()
                pieces.append(name if param.required else f"[{name}]")
        return pieces


class Group(TyperGroup):
    """A typer group with the same help conventions as :class:`Command`, and its commands."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.help = _one_line_paragraphs(self.help)
        for command in self.commands.values():
            if type(command) is TyperCommand:  # registered with a plain app.command()
                command.__class__ = Command
                command.help = _one_line_paragraphs(command.help)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _tidy_params(self, ctx)
        super().format_help(ctx, formatter)


app = typer.Typer(
    cls=Group,
    add_completion=False,
    no_args_is_help=True,
    help="Mark essays against a mark scheme, the way an examiner does.",
)
rubric_app = typer.Typer(
    cls=Group,
    no_args_is_help=True,
    help="Import, show, check and list rubrics.",
)


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


def _print_version(value: bool) -> None:
    if value:
        from importlib.metadata import PackageNotFoundError, version

        try:
            number = version("grader")
        except PackageNotFoundError:  # running from a source tree that is not installed
            from grader import __version__ as number
        typer.echo(f"grader {number}")
        raise typer.Exit()


@app.callback()
def _root(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Mark essays against a mark scheme, the way an examiner does."""
