"""Command line: a thin layer over the library.

Layout: ``common.py`` holds the typer app, the ``rubric`` sub-app and ``fails_cleanly``;
each command (or command group) is a plain function in its own module. A new command
goes in a new module here and is registered below; the registration order is the
order ``grader --help`` lists the commands in.
"""

from __future__ import annotations

from grader.apps.cli.calibrate import calibrate
from grader.apps.cli.common import app, fails_cleanly, rubric_app
from grader.apps.cli.evaluate import evaluate
from grader.apps.cli.evaluate_questions import evaluate_questions
from grader.apps.cli.fast_model import fast_model
from grader.apps.cli.feedback import feedback
from grader.apps.cli.mark import mark
from grader.apps.cli.rubric import rubric_check, rubric_import, rubric_list, rubric_show
from grader.apps.cli.serve import serve

app.command()(mark)
app.command()(feedback)
app.command()(serve)
app.command()(evaluate)
app.command("evaluate-questions")(evaluate_questions)
app.command()(calibrate)
app.command("fast-model")(fast_model)
app.add_typer(rubric_app, name="rubric")
rubric_app.command("import")(rubric_import)
rubric_app.command("show")(rubric_show)
rubric_app.command("check")(rubric_check)
rubric_app.command("list")(rubric_list)

__all__ = ["app", "fails_cleanly", "main", "rubric_app"]


def main() -> None:  # pragma: no cover - console entry point
    app()
