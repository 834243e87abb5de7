"""The web app imports a pasted scheme by the same rule as ``grader rubric import``."""

from __future__ import annotations

import pytest

from grader.apps.web.uploads import import_pasted
from grader.scheme.default_bands import default_bands
from grader.scheme.import_levels import import_any
from grader.scheme.rubric import load_rubric

# Our own words: a point-marked scheme ("(1)" per point, "(d)" per development).
POINT_MARKED = (
    "Explain one way that building on a floodplain raises flood risk. [4 marks]\n"
    "- Concrete is impermeable (1) so rain runs straight into drains (d)"
    " and reaches the river faster (d).\n"
    "- Fewer trees intercept rain (1) so more water reaches the channel (d).\n"
    "Max 2 if no development.\n"
)
# A levels-of-response scheme with its own bands.
LEVELS = (
    "How far do you agree that the weather caused the flood? [8 marks]\n"
    "Level 2 (5-8 marks): Developed explanation of more than one cause, with a judgement.\n"
    "Level 1 (1-4 marks): Simple statements about causes with little support.\n"
)
# A plain point list (the seed's layout) brings no marks of its own.
POINT_LIST = (
    "How successful was the League of Nations in the 1920s?\n"
    "Successes:\n- Settled the Aaland Islands dispute in 1921\n"
    "Failures:\n- Failed to stop Italy taking Fiume in 1924\n"
)


@pytest.mark.parametrize("text", [POINT_MARKED, LEVELS], ids=["point-marked", "levels"])
def test_a_scheme_with_its_own_marks_imports_as_the_cli_imports_it(text):
    borrowed = load_rubric("ussr-1920s").levels  # the form's "borrow bands" must not override
    web = import_pasted(text, "pasted-scheme", borrowed)
    cli = import_any(text, rubric_id="pasted-scheme", source="pasted")
    assert web == cli
    assert web.levels != borrowed


def test_a_plain_point_list_takes_the_borrowed_bands():
    borrowed = load_rubric("history-main-cause-16").levels
    rubric = import_pasted(POINT_LIST, "league-pasted", borrowed)
    assert rubric.levels == borrowed
    assert len(rubric.points) == 2
    assert rubric.import_warnings == ()


def test_a_plain_point_list_with_no_bands_borrowed_takes_the_default_bands_and_says_so():
    # as grader rubric import does with no --levels: the same rubric, the same warning
    rubric = import_pasted(POINT_LIST, "league-pasted", ())
    assert rubric == import_any(POINT_LIST, rubric_id="league-pasted", source="pasted")
    assert rubric.levels == default_bands()
    assert rubric.import_warnings == (
        "pasted: no marks or levels stated, so grader's default essay bands were used "
        "(levels 0-5, 0-20 marks). To use your own, pass --levels FILE or --count-scores "
        "(in the web app, borrow another rubric's bands).",
    )
