"""What a new user trips on (issue #17): each case by the exact text the user sees.

"No traceback" is checked by ``result.exception``: a clean exit is a ``SystemExit``;
anything else is a crash the user would see as a traceback.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grader.apps import batch as batch_module
from grader.apps.cli import app
from grader.io.scripts_in import read_scripts
from grader.types import Script, Unmarked

from .conftest import MODEL_ESSAY, ROOT

runner = CliRunner()


def clean_exit(result, code: int) -> None:
    """The command ended with ``code`` and no traceback."""
    assert result.exit_code == code, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.fixture
def no_model(monkeypatch):
    """Fail the test if the embedding model would be loaded."""

    def refuse(*args, **kwargs):
        raise AssertionError("the model was loaded")

    monkeypatch.setattr(batch_module, "Marker", refuse)
    monkeypatch.setattr(batch_module.MarkingSetup, "of", refuse)


# --------------------------------------------------------------------------- 1 rubric check


@pytest.mark.parametrize(
    "content, message",
    [
        # a tab where YAML wants spaces: the most common hand-editing slip
        (
            b"id: demo\nquestion: Why?\n\tsides: [a]\n",
            "line 3, column 1: not valid YAML (found character '\\t' that cannot start any "
            "token). Check the indentation and quoting near that line.",
        ),
        # a rubric saved as Latin-1 by an old editor
        (
            "id: café\nquestion: Why?\n".encode("latin-1"),
            "not UTF-8 text (invalid continuation byte at byte 7). Save the rubric as UTF-8.",
        ),
    ],
)
def test_rubric_check_on_a_broken_file_is_one_R003_line(tmp_path: Path, content, message):
    path = tmp_path / "broken.yaml"
    path.write_bytes(content)
    result = runner.invoke(app, ["rubric", "check", str(path)])
    clean_exit(result, 1)
    assert result.stderr == f"Error: [R003] {path}: {message}\n"
    assert result.stdout == ""


# --------------------------------------------------------------------------- 2, 3 --out


def test_out_that_is_a_file_is_refused_before_loading_the_model(tmp_path: Path, no_model):
    (tmp_path / "a.txt").write_text("Rapallo mattered.", encoding="utf-8")
    target = tmp_path / "marks.csv"
    target.write_text("keep me", encoding="utf-8")
    result = runner.invoke(
        app, ["mark", str(tmp_path), "--rubric", "ussr-1920s", "--out", str(target)]
    )
    clean_exit(result, 1)
    assert result.stderr == (
        f"Error: [G001] {target}: --out must be a folder, and this is a file. Give a new or "
        f"existing folder, e.g. --out marked/.\n"
    )
    assert target.read_text(encoding="utf-8") == "keep me"


def test_an_empty_folder_is_refused_before_the_model_and_nothing_is_written(
    tmp_path: Path, no_model
):
    empty = tmp_path / "class"
    empty.mkdir()
    out = tmp_path / "marked"
    result = runner.invoke(app, ["mark", str(empty), "--rubric", "ussr-1920s", "--out", str(out)])
    clean_exit(result, 1)
    assert result.stderr == (
        f"Error: [D001] {empty}: no scripts found. Give a folder of .txt/.md/.docx/.pdf files, "
        f"a .zip, or a .csv/.xlsx with one script per row.\n"
    )
    assert not out.exists()


def test_an_empty_folder_without_out_says_it_holds_no_scripts(tmp_path: Path):
    result = runner.invoke(app, ["mark", str(tmp_path), "--rubric", "ussr-1920s"])
    clean_exit(result, 1)
    assert result.stderr == (
        f"Error: [D001] {tmp_path}: no scripts found. Give a folder of .txt/.md/.docx/.pdf "
        f"files, a .zip, or a .csv/.xlsx with one script per row.\n"
    )


@pytest.mark.parametrize(
    "rows, count",
    [
        (["Ann,Rapallo mattered."], "1 script"),  # one row is one script, not "several"
        (["Ann,Rapallo mattered.", "Ben,Locarno mattered."], "2 scripts"),
    ],
)
def test_a_table_without_out_says_how_many_scripts_it_holds(tmp_path: Path, rows, count):
    table = tmp_path / "class.csv"
    table.write_text("student,text\n" + "\n".join(rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["mark", str(table), "--rubric", "ussr-1920s"])
    clean_exit(result, 2)
    assert result.stderr == (
        f"Error: {table} holds {count}: give an output folder with --out, e.g. --out marked/.\n"
    )


# --------------------------------------------------------------------------- 4 encodings


def test_utf8_and_windows_1252_files_are_read_in_one_run(tmp_path: Path):
    text = "Lenin’s “breakthrough” at Rapallo – a détente with Germany."
    (tmp_path / "utf8.txt").write_bytes(text.encode("utf-8"))
    (tmp_path / "windows.txt").write_bytes(text.encode("cp1252"))
    (tmp_path / "notes").write_text("hi", encoding="utf-8")  # no extension: not a script
    found = {s.essay_id: s for s in read_scripts(tmp_path)}
    assert isinstance(found["utf8.txt"], Script) and found["utf8.txt"].text == text
    assert isinstance(found["windows.txt"], Script) and found["windows.txt"].text == text
    notes = found["notes"]
    assert isinstance(notes, Unmarked)
    assert notes.reason == (
        f"[D004] {tmp_path / 'notes'}: the file name has no extension, so grader cannot tell "
        f"it is a script. If it is one, rename it with its type (.txt, .md, .docx, .pdf)."
    )


# --------------------------------------------------------------------------- 11 cold start

PROBE = """
import sys
from grader.apps.cli import app
try:
    app(sys.argv[1:], prog_name="grader")
except SystemExit as stop:
    heavy = ("torch", "sentence_transformers", "spacy", "sklearn")
    print(stop.code, sorted(m for m in heavy if m in sys.modules))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["mark", str(MODEL_ESSAY), "--rubric", "no-such-rubric"],  # a typo in the name
        ["feedback", str(MODEL_ESSAY), "--rubric", "no-such-rubric"],
        ["--help"],
    ],
)
def test_errors_and_help_come_before_the_models_load(args: list[str]):
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, cwd=ROOT, check=True
    )
    code = "1" if "--help" not in args else "0"
    assert done.stdout.splitlines()[-1] == f"{code} []", done.stderr


# --------------------------------------------------------------------------- 6 --rubric


@pytest.mark.parametrize("command", ["mark", "feedback"])
def test_rubric_is_required(command: str):
    result = runner.invoke(app, [command, str(MODEL_ESSAY)])
    clean_exit(result, 2)
    assert "Missing option '--rubric' / '-r'." in result.output


# --------------------------------------------------------------------------- 7 rubric home


@pytest.fixture
def user_folder(tmp_path: Path, monkeypatch) -> Path:
    """A fresh user data folder and an empty working folder (no ./rubrics)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("GRADER_RUBRICS", raising=False)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return tmp_path / "data" / "grader" / "rubrics"


def test_an_imported_rubric_is_saved_found_by_name_and_says_where(user_folder: Path):
    scheme = ROOT / "rubrics/sources/business-evaluate-12.txt"
    saved = runner.invoke(app, ["rubric", "import", str(scheme), "--id", "my-shop", "--save"])
    clean_exit(saved, 0)
    path = user_folder / "my-shop.yaml"
    assert saved.stderr == (
        "Using point ids from business-evaluate-12.ids.json beside the scheme (pass --ids FILE "
        "to use another).\n"
        f"Saved {path} (8 points, sides: for, against).\n"
        f"Mark with it from any folder: grader mark ESSAY --rubric my-shop\n"
    )
    listed = runner.invoke(app, ["rubric", "list"])
    assert re.search(rf"^my-shop +your rubrics folder \({re.escape(str(user_folder))}\)$",
                     listed.stdout, flags=re.MULTILINE)  # fmt: skip
    assert re.search(r"^ussr-1920s +bundled$", listed.stdout, flags=re.MULTILINE)
    shown = runner.invoke(app, ["rubric", "show", "my-shop"])
    assert shown.stdout.startswith(
        f"Found 'my-shop' in your rubrics folder ({user_folder}): {path}\n"
    )
    again = runner.invoke(app, ["rubric", "import", str(scheme), "--id", "my-shop", "--save"])
    clean_exit(again, 1)
    assert again.stderr == (
        "Using point ids from business-evaluate-12.ids.json beside the scheme (pass --ids FILE "
        "to use another).\n"
        f"Error: [R010] {path}: a rubric 'my-shop' is already saved. Pass --force to replace "
        f"it, or choose another --id.\n"
    )


def test_a_name_in_dot_rubrics_is_found_before_the_user_folder(user_folder: Path):
    scheme = ROOT / "rubrics/sources/business-evaluate-12.txt"
    local = Path("rubrics")
    local.mkdir()
    shutil.copy(ROOT / "rubrics" / "business-evaluate-12.yaml", local / "my-shop.yaml")
    saved = runner.invoke(app, ["rubric", "import", str(scheme), "--id", "my-shop", "--save"])
    clean_exit(saved, 0)
    assert saved.stderr.endswith(
        f"Note: {Path.cwd() / 'rubrics' / 'my-shop.yaml'} (./rubrics) has the same name and is "
        f"found first; give the path, or import under another --id.\n"
    )


def test_import_help_says_where_names_are_looked_up():
    result = runner.invoke(app, ["rubric", "import", "--help"])
    text = " ".join(result.output.replace("│", " ").split())
    assert (
        "A rubric is found by name (--rubric ID) in ./rubrics, then in your rubrics folder "
        "(where --save puts it), then among the bundled ones"
    ) in text


# --------------------------------------------------------------------------- 8 help


COMMANDS = [
    ["mark"],
    ["feedback"],
    ["serve"],
    ["evaluate"],
    ["calibrate"],
    ["rubric"],
    ["rubric", "import"],
    ["rubric", "show"],
    ["rubric", "check"],
    ["rubric", "list"],
    [],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "grader")
def test_help_names_values_like_a_command_line_not_python(command: list[str]):
    result = runner.invoke(app, [*command, "--help"])
    clean_exit(result, 0)
    # typer's own labels read as if a flag took a value, and show Python types
    for label in ("<bool>", "<str>", "<path>", "<int>", "<list[str]>", "<float>", "{"):
        assert label not in result.output, label
    usage = result.output.strip().splitlines()[0].rstrip()
    assert re.fullmatch(r"Usage: root( \w+)* \[OPTIONS\]( [A-Z_]+| COMMAND \[ARGS\]\.\.\.)*", usage)


def test_help_keeps_sentences_whole(monkeypatch):
    monkeypatch.setattr("typer.rich_utils.MAX_WIDTH", 200)  # a wide terminal: one line each
    result = runner.invoke(app, ["mark", "--help"])
    assert (
        "Exit code 0 when at least one script was marked (scripts that could not be read are "
        "listed with the reason), 1 when nothing could be marked, 2 for wrong options."
    ) in result.output


def test_rubric_help_lists_every_subcommand():
    result = runner.invoke(app, ["rubric", "--help"])
    assert "Import, show, check and list rubrics." in result.output
    for name in ("import", "show", "check", "list"):
        assert re.search(rf"│ {name} ", result.output), name


def test_compare_lists_its_choices_and_refuses_others(tmp_path: Path):
    shown = runner.invoke(app, ["evaluate", "--help"])
    assert "[mark|level]" in shown.output
    result = runner.invoke(app, ["evaluate", "ussr-1920s", str(tmp_path), "--compare", "grade"])
    clean_exit(result, 2)
    assert "Invalid value for '--compare': Value error, 'grade' is not one of 'mark'," in (
        result.output
    )


def test_version():
    result = runner.invoke(app, ["--version"])
    clean_exit(result, 0)
    assert re.fullmatch(r"grader \d+\.\d+\.\d+\S*\n", result.stdout)


def test_a_negative_max_chars_is_refused():
    result = runner.invoke(
        app, ["mark", str(MODEL_ESSAY), "--rubric", "ussr-1920s", "--max-chars", "-5"]
    )
    clean_exit(result, 2)
    assert "Invalid value for '--max-chars': Input should be greater than or equal to 1" in (
        result.output
    )


# --------------------------------------------------------------------------- 9, 10 batch


@pytest.mark.slow
def test_batch_output_student_column_and_a_killed_run_resumes(tmp_path: Path, ussr_marker):
    scripts = tmp_path / "class"
    scripts.mkdir()
    for name in ("ann.txt", "ben.txt", "cat.txt"):
        shutil.copy(MODEL_ESSAY, scripts / name)
    (scripts / "dan.txt").write_text("", encoding="utf-8")
    out = tmp_path / "marked"

    class KilledAfterOneChunk:
        """The loaded marker, except that the second chunk never finishes (Ctrl-C)."""

        def __init__(self) -> None:
            self.calls = 0

        def __getattr__(self, name: str):
            return getattr(ussr_marker, name)

        def mark_many(self, essays):
            self.calls += 1
            if self.calls == 2:
                raise KeyboardInterrupt
            return ussr_marker.mark_many(essays)

    with pytest.raises(KeyboardInterrupt):
        batch_module.mark_batch(
            scripts, "ussr-1920s", out=out, marker=KilledAfterOneChunk(), chunk_size=1
        )
    assert batch_module.load_results(out).keys() == {"ann.txt"}  # kept as it was made

    result = runner.invoke(app, ["mark", str(scripts), "--rubric", "ussr-1920s", "--out", str(out)])
    clean_exit(result, 0)
    assert result.stderr.startswith("Marked 3 of 4 scripts (1 unchanged since the last run")
    with (out / "marks.csv").open(encoding="utf-8-sig") as handle:
        students = {row["script"]: row["student"] for row in csv.DictReader(handle)}
    assert students == {"ann.txt": "ann", "ben.txt": "ben", "cat.txt": "cat", "dan.txt": "dan"}
    assert not (out / ".grader" / "journal.jsonl").exists()  # folded into the manifest
