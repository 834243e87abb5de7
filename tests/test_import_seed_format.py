# ruff: noqa: E501 - the schemes are pasted text, one line per bullet as the seed has them
"""A point list that states no marks imports from the file alone (issue #21, must-show 1).

The seed's layout (a question, "Successes" / "Failures" headings, ⭐ bullets, a conclusion)
states no marks and no levels. It imports on grader's default bands (package data,
``grader/scheme/default_bands.yaml``: the five levels of a 20-mark essay that the bundled
``ussr-1920s`` and ``league-1920s`` rubrics use), and the rubric records a warning saying
so. The two seed-format extracts of ../shared are compared with the scheme's own text and
with the bundled rubrics (skipped when ../shared is absent); a scheme in our own words
needs nothing outside the repository.
"""

from __future__ import annotations

import json
import tomllib
from importlib.resources import files
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grader.apps.cli import app
from grader.scheme.default_bands import default_bands, read_bands
from grader.scheme.import_levels import import_any, read_scheme_text
from grader.scheme.rubric import load_rubric, rubric_to_dict
from grader.types import Rubric

from .conftest import ROOT, SHARED

runner = CliRunner()


def warning(source: str) -> str:
    return (
        f"{source}: no marks or levels stated, so grader's default essay bands were used "
        "(levels 0-5, 0-20 marks). To use your own, pass --levels FILE or --count-scores "
        "(in the web app, borrow another rubric's bands)."
    )


# (file under ../shared, the bundled rubric it is the source of)
SEED_FORMAT = [
    # the whole seed document: an essay, a plan and ⭐ sources before "Extracts from Mark
    # Schemes"; only the extract is the scheme
    ("seed/000_61929ae5648e6795.txt", "ussr-1920s"),
    # the League extract alone, with league-1920s.ids.json beside it
    ("devset/markschemes/league-1920s.txt", "league-1920s"),
]


def _shared(relative: str) -> Path:
    path = SHARED / relative
    if not path.is_file():
        pytest.skip(f"{relative} not found under {SHARED}")
    return path


def _starred_after_extract_heading(path: Path) -> list[str]:
    """The ⭐ bullets of the scheme as written (after the extract heading, if any)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    heading = [i for i, line in enumerate(lines) if line.strip() == "Extracts from Mark Schemes"]
    start = heading[0] + 1 if heading else 0
    return [line.lstrip("⭐").strip() for line in lines[start:] if line.startswith("⭐")]


# --------------------------------------------------------------------------- the default bands


def test_the_default_bands_are_the_bundled_essay_rubrics_bands():
    assert [(b.level, b.min_mark, b.max_mark) for b in default_bands()] == [
        (0, 0, 0),
        (1, 1, 5),
        (2, 6, 9),
        (3, 10, 14),
        (4, 15, 17),
        (5, 18, 20),
    ]
    assert default_bands() == load_rubric("ussr-1920s").levels == load_rubric("league-1920s").levels


def test_the_default_bands_ship_inside_the_package():
    # read through importlib.resources (so an installed wheel has them) and listed as
    # package data in pyproject.toml, which is what puts them in the wheel
    assert files("grader.scheme").joinpath("default_bands.yaml").is_file()
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "default_bands.yaml" in config["tool"]["setuptools"]["package-data"]["grader.scheme"]


# --------------------------------------------------------------------------- the seed's files


@pytest.mark.parametrize(("relative", "bundled_name"), SEED_FORMAT, ids=["seed", "league"])
def test_seed_format_imports_from_the_file_alone(relative: str, bundled_name: str):
    path = _shared(relative)
    rubric = import_any(read_scheme_text(path), rubric_id=bundled_name, source=path.name)
    bundled = load_rubric(bundled_name)
    # what the scheme says: its question, one bullet per ⭐ line of the extract, its headings
    assert rubric.question == bundled.question
    assert [b.text for b in rubric.bullets] == _starred_after_extract_heading(path)
    assert rubric.sides == bundled.sides
    assert rubric.conclusion.startswith("In conclusion, ")
    # the bundled rubric made from the same extract: same bands, sides, points and keywords
    assert rubric.levels == bundled.levels == default_bands()
    assert len(rubric.points) == len(bundled.points)
    assert [p.text for p in rubric.points] == [p.text for p in bundled.points]
    assert [p.side for p in rubric.points] == [p.side for p in bundled.points]
    assert [p.keywords for p in rubric.points] == [p.keywords for p in bundled.points]
    assert rubric.conclusion == bundled.conclusion
    assert rubric.import_warnings == (warning(path.name),)


def test_the_seed_document_imports_its_extract_not_its_sources():
    path = _shared(SEED_FORMAT[0][0])
    rubric = import_any(read_scheme_text(path), rubric_id="ussr", source=path.name)
    # the document's "⭐ Lynch, Michael. The Soviet Union." sources are no bullets
    assert not any("Lynch" in b.text or "Service" in b.text for b in rubric.bullets)
    assert [len(b.parts) for b in rubric.bullets] == [1, 1, 1, 1, 1, 4, 1]


@pytest.mark.parametrize(("relative", "bundled_name"), SEED_FORMAT, ids=["seed", "league"])
def test_levels_given_override_the_default_with_no_warning(relative: str, bundled_name: str):
    path = _shared(relative)
    text = read_scheme_text(path)
    bands = read_bands(
        (ROOT / "grader/scheme/default_bands.yaml").read_text(encoding="utf-8"), source="b.yaml"
    )
    given = import_any(text, rubric_id=bundled_name, levels=bands, source=path.name)
    assert given.levels == bands and given.import_warnings == ()
    counted = import_any(text, rubric_id=bundled_name, count_scores={1: 1, 2: 2}, source="x")
    assert counted.levels == () and counted.import_warnings == ()
    assert counted.count_scores == ((1, 1), (2, 2))


@pytest.mark.parametrize(("relative", "bundled_name"), SEED_FORMAT, ids=["seed", "league"])
def test_cli_imports_with_no_flags_but_the_file(tmp_path: Path, relative: str, bundled_name: str):
    path = _shared(relative)
    out = tmp_path / "r.yaml"
    result = runner.invoke(app, ["rubric", "import", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert f"Warning: {warning(path.name)}\n" in result.stderr
    imported = load_rubric(out)
    assert imported.import_warnings == (warning(path.name),)
    assert imported.levels == load_rubric(bundled_name).levels


def test_cli_uses_the_ids_file_beside_the_scheme_and_says_so(tmp_path: Path):
    # league-1920s.ids.json sits beside the extract: with it, the import is the bundled rubric
    path = _shared(SEED_FORMAT[1][0])
    out = tmp_path / "league-1920s.yaml"
    result = runner.invoke(app, ["rubric", "import", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "Using point ids from league-1920s.ids.json beside the scheme (pass --ids FILE to use "
        f"another).\nWarning: {warning('league-1920s.txt')}\n"
        f"Wrote {out} (9 points, sides: success, failure)\n"
    )
    imported, bundled = (
        rubric_to_dict(load_rubric(out)),
        rubric_to_dict(load_rubric("league-1920s")),
    )
    assert imported["points"] == bundled["points"]
    assert imported["levels"] == bundled["levels"]


def test_cli_levels_option_overrides_the_default_with_no_warning(tmp_path: Path):
    path = _shared(SEED_FORMAT[0][0])
    out = tmp_path / "r.yaml"
    levels = ROOT / "grader/scheme/default_bands.yaml"
    result = runner.invoke(
        app, ["rubric", "import", str(path), "--levels", str(levels), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == f"Wrote {out} (10 points, sides: failure, success)\n"
    assert load_rubric(out).import_warnings == ()


# --------------------------------------------------------------------------- our own words

# The seed's layout in our own words: a whole document (an essay plan with ⭐ sources and a
# capitalised "Strikes" heading) before the extract, a compound bullet whose second sentence
# opens "These ..." (it says more about the part before it), and a conclusion.
CANALS = """How important were canals to British industry, 1760-1830?
Plan
The Boatmen's Strikes and Stoppages: discuss them.
⭐ Hadfield, Charles. British Canals. David & Charles, 1950.
Extracts from Mark Schemes
How important were canals to British industry, 1760-1830?
Canals mattered, but less than their builders claimed.
Importance
⭐The Bridgewater Canal of 1761 and the Grand Trunk Canal of 1777. These canals were followed by a rush of new companies in the 1790s, and the Trent and Mersey link to the Potteries in 1777.
⭐Wedgwood's pottery reached Liverpool with far fewer breakages.
Limits
⭐Most goods still moved by road and by coastal shipping.
⭐Strikes by boatmen in 1810 held up coal for weeks.
In conclusion, canals were important for heavy goods, but roads and the sea carried most trade.
"""


def _canals(tmp_path: Path, **kwargs: object) -> Rubric:
    return import_any(CANALS, rubric_id="canals", source="canals.txt", **kwargs)  # type: ignore[arg-type]


def test_our_own_seed_format_scheme_imports_on_the_default_bands(tmp_path: Path):
    rubric = _canals(tmp_path)
    assert rubric.question == "How important were canals to British industry, 1760-1830?"
    assert rubric.sides == ("importance", "limit")
    assert rubric.kind == "points" and rubric.marks == 0
    assert rubric.levels == default_bands()
    assert rubric.import_warnings == (warning("canals.txt"),)
    assert len(rubric.bullets) == 4  # the plan's ⭐ source is not a bullet
    assert rubric.conclusion.startswith("In conclusion, canals were important")


def test_a_scheme_with_its_own_marks_gets_no_default_bands():
    # levels headings and "(1)" point marks bring their own marks: no default, no warning
    levels = import_any(
        "Why did canals spread? [6 marks]\nLevel 2 (4-6 marks)\nDeveloped\n"
        "Level 1 (1-3 marks)\nBasic\n",
        rubric_id="levels",
    )
    marked = import_any(
        "Explain one effect of canals. [2 marks]\n- Coal was cheaper (1) so more was burned (d).\n",
        rubric_id="marked",
    )
    assert levels.levels != default_bands() and marked.levels != default_bands()
    assert levels.import_warnings == () and marked.import_warnings == ()


def test_rubric_show_and_check_display_the_warning(tmp_path: Path):
    scheme = tmp_path / "canals.txt"
    scheme.write_text(CANALS, encoding="utf-8")
    out = tmp_path / "canals.yaml"
    result = runner.invoke(app, ["rubric", "import", str(scheme), "--out", str(out)])
    assert result.exit_code == 0, result.output
    shown = runner.invoke(app, ["rubric", "show", str(out)])
    assert shown.exit_code == 0, shown.output
    assert f"Import warning: {warning('canals.txt')}" in " ".join(shown.stdout.split())
    assert "18-20" in shown.stdout


@pytest.mark.slow
def test_rubric_check_reports_the_warning_as_an_import_guess(tmp_path: Path):
    from grader.research.diagnose import check_rubric

    findings = check_rubric(_canals(tmp_path))
    guesses = [f.message for f in findings if f.kind == "import-guess"]
    assert guesses == [warning("canals.txt")]


# --------------------------------------------------------------------------- the ids file beside


def test_an_ids_file_beside_the_scheme_names_the_points(tmp_path: Path):
    scheme = tmp_path / "canals.txt"
    scheme.write_text(CANALS, encoding="utf-8")
    ids = {"i-wedgwood": "Wedgwood's pottery", "l-strikes": "Strikes by boatmen"}
    (tmp_path / "canals.ids.json").write_text(json.dumps(ids), encoding="utf-8")
    out = tmp_path / "canals.yaml"
    result = runner.invoke(app, ["rubric", "import", str(scheme), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(
        "Using point ids from canals.ids.json beside the scheme (pass --ids FILE to use another).\n"
    )
    assert {"i-wedgwood", "l-strikes"} <= {p.id for p in load_rubric(out).points}
    # --ids names another file, and the one beside the scheme is not read
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"l-roads": "Most goods still moved"}), encoding="utf-8")
    result = runner.invoke(
        app, ["rubric", "import", str(scheme), "--ids", str(other), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Using point ids" not in result.stderr
    assert {p.id for p in load_rubric(out).points} & {"l-roads", "i-wedgwood"} == {"l-roads"}


def test_an_ids_file_a_point_marked_scheme_cannot_use_is_noted(tmp_path: Path):
    scheme = tmp_path / "coal.txt"
    scheme.write_text(
        "Explain one effect of canals. [2 marks]\n- Coal was cheaper (1) so more was burned (d).\n",
        encoding="utf-8",
    )
    (tmp_path / "coal.ids.json").write_text('{"m-coal": "Coal was cheaper"}', encoding="utf-8")
    result = runner.invoke(
        app, ["rubric", "import", str(scheme), "--out", str(tmp_path / "c.yaml")]
    )
    assert result.exit_code == 0, result.output
    assert (
        "Note: no point took its id from coal.ids.json: a point-marked scheme, or levels with "
        "no listed points, names its points itself.\n"
    ) in result.stderr


def test_an_unreadable_ids_file_is_named(tmp_path: Path):
    scheme = tmp_path / "canals.txt"
    scheme.write_text(CANALS, encoding="utf-8")
    (tmp_path / "canals.ids.json").write_text('{"i-wedgwood": ', encoding="utf-8")
    result = runner.invoke(app, ["rubric", "import", str(scheme)])
    assert result.exit_code == 1
    assert result.stderr.endswith(
        f"Error: [R010] {tmp_path / 'canals.ids.json'}: not valid JSON (Expecting value at "
        "line 1). An ids file maps each point id to its bullet's text, e.g. "
        '{"s-rapallo": "the Rapallo Pact"}.\n'
    )


def test_every_devset_question_imports_with_the_ids_file_beside_it(tmp_path: Path):
    # the question folders hold markscheme.ids.json beside markscheme.txt: each still imports
    # with no flags but the file, and a scheme that lists points takes every id
    folders = sorted((SHARED / "devset" / "questions").glob("*/markscheme.ids.json"))
    if not folders:
        pytest.skip(f"no development questions under {SHARED}")
    for ids_file in folders:
        out = tmp_path / f"{ids_file.parent.name}.yaml"
        scheme = ids_file.with_name("markscheme.txt")
        result = runner.invoke(app, ["rubric", "import", str(scheme), "--out", str(out)])
        assert result.exit_code == 0, (ids_file.parent.name, result.output)
        assert result.stderr.startswith("Using point ids from markscheme.ids.json beside")
        rubric = load_rubric(out)
        if rubric.point_marking is None:
            ids = json.loads(ids_file.read_text(encoding="utf-8"))
            assert set(ids) <= {p.id for p in rubric.points}, ids_file.parent.name
