"""``grader fast-model``: build the fast embedding model once, offline."""

from __future__ import annotations

from typing import Annotated

import typer

from grader.apps.cli.common import fails_cleanly


@fails_cleanly
def fast_model(
    force: Annotated[bool, typer.Option("--force", help="Rebuild even if it exists.")] = False,
) -> None:
    """Build the fast model ('--model fast') once, offline, from the packaged MiniLM.

    It is otherwise built on first use (about a minute); prints the model's folder.

    Example: grader fast-model
    """
    from grader.core.embed_fast import distill_fast_model

    typer.echo(distill_fast_model(force=force))
