"""Student feedback built from a MarkResult and its rubric (no per-question text)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from grader.apps.cli import app
from grader.render.feedback import (
    build_feedback,
    format_feedback_text,
    highlight_segments,
    render_feedback_html,
)
from grader.scheme.rubric import rubric_from_dict
from grader.types import (
    ArgumentResult,
    Document,
    Evidence,
    LevelEstimate,
    MarkResult,
    Mention,
    Paragraph,
    PointMatch,
    Sentence,
    SideBalance,
)

from .conftest import MODEL_ESSAY

# A tiny rubric on a made-up question, so nothing here is tuned to a bundled scheme.
RUBRIC = rubric_from_dict(
    {
        "id": "canals",
        "question": "How far did canals change British industry before 1830?",
        "sides": ["change", "continuity"],
        "points": [
            {
                "id": "c-bridgewater",
                "side": "change",
                "text": "The Bridgewater Canal (1761) halved the price of coal in Manchester.",
                "keywords": ["Bridgewater Canal", "1761"],
            },
            {
                "id": "c-pottery",
                "side": "change",
                "text": "Wedgwood's pottery reached ports with far fewer breakages.",
                "keywords": ["Wedgwood"],
            },
            {
                "id": "k-roads",
                "side": "continuity",
                "text": "Most goods still moved by road and coastal shipping.",
                "keywords": [],
            },
        ],
        "levels": [
            {"level": 1, "marks": [1, 4], "descriptor": "Describes events."},
            {"level": 2, "marks": [5, 8], "descriptor": "Explains both sides with evidence."},
            {"level": 3, "marks": [9, 12], "descriptor": "Sustained judgement throughout."},
        ],
    }
)

SENTENCES = [
    "The Bridgwater canal was built.",
    "Wedgwood used canals, so his pots broke far less often and reached new markets.",
    "<script>alert(1)</script> Canals mattered most.",
]


def make_result(
    statuses: dict[str, str], *, judgement: str = "none", balance: str = "one-sided"
) -> MarkResult:
    """A MarkResult built by hand: one sentence per line of SENTENCES, one paragraph."""
    text = " ".join(SENTENCES)
    sentences, start = [], 0
    for index, sentence in enumerate(SENTENCES):
        sentences.append(Sentence(index, 0, start, start + len(sentence), sentence))
        start += len(sentence) + 1
    doc = Document("essay.txt", text, (Paragraph(0, 0, len(text), tuple(sentences)),))
    evidence_for = {
        "c-bridgewater": Evidence(
            0, 0, sentences[0].start, sentences[0].end, SENTENCES[0], 0.6, "bridgwater"
        ),
        "c-pottery": Evidence(
            1, 0, sentences[1].start, sentences[1].end, SENTENCES[1], 0.7, "wedgwood"
        ),
    }
    # The essay's own (misspelt) word for the Bridgewater Canal, at its offsets.
    word = text.index("Bridgwater")
    mentions_for = {
        "c-bridgewater": (Mention(0, word, word + 10, "Bridgwater", "name", "bridgewater"),),
    }
    matches = tuple(
        PointMatch(
            p.id,
            p.side,
            statuses[p.id],  # type: ignore[arg-type]
            0.5,
            (evidence_for[p.id],) if statuses[p.id] != "missing" and p.id in evidence_for else (),
            mentions=mentions_for.get(p.id, ()) if statuses[p.id] != "missing" else (),
        )
        for p in RUBRIC.points
    )
    sides = tuple(
        SideBalance(
            side,
            sum(m.status == "credited" for m in matches if m.side == side),
            sum(m.status == "name_dropped" for m in matches if m.side == side),
            1,
        )
        for side in RUBRIC.sides
    )
    return MarkResult(
        essay_id="essay.txt",
        rubric_id=RUBRIC.id,
        rubric_version="1",
        matches=matches,
        argument=ArgumentResult(
            balance=balance,  # type: ignore[arg-type]
            sides=sides,
            judgement=judgement,  # type: ignore[arg-type]
            judgement_quote="Canals mattered most." if judgement != "none" else "",
        ),
        level=LevelEstimate(level=1, mark=3, confidence=0.5, descriptor="Describes events."),
        document=doc,
    )


MIXED = {"c-bridgewater": "name_dropped", "c-pottery": "credited", "k-roads": "missing"}


def test_name_drop_prompt_quotes_the_student_and_names_the_point_in_the_rubrics_spelling():
    feedback = build_feedback(make_result(MIXED), RUBRIC)
    (dropped,) = feedback.name_dropped
    # The essay misspells "Bridgwater": the prompt quotes the student's word as written
    # (never corrected or lower-cased) and names the point as the rubric spells it.
    assert dropped.mentioned == "“Bridgwater”"
    assert dropped.name == "Bridgewater Canal"
    assert dropped.prompt == (
        "You mention “Bridgwater” but do not explain Bridgewater Canal. Say what it was, what "
        "it led to and why it matters for the question; the mark scheme credits it on the "
        "change side: “The Bridgewater Canal (1761) halved the price of coal in Manchester.”"
    )


def test_missed_point_line_quotes_the_rubric():
    feedback = build_feedback(make_result(MIXED), RUBRIC)
    (missed,) = feedback.missed
    assert missed.point_id == "k-roads"
    assert missed.line == (
        "Not covered (the continuity side): “Most goods still moved by road and coastal "
        "shipping.” Add a paragraph that explains this with precise evidence and links it to "
        "the question."
    )


def test_balance_advice_names_the_thin_side_and_what_could_go_there():
    feedback = build_feedback(make_result(MIXED), RUBRIC)
    assert feedback.balance.startswith(
        "Your answer is one-sided: it explains 1 point(s) on the change side and none on the "
        "continuity side."
    )
    assert feedback.balance.endswith(
        "Points you could develop there: Most goods still moved by road…"
    )


@pytest.mark.parametrize(
    ("label", "advice_start", "step"),
    [
        # no judgement at all: ask for one that answers the question as set
        (
            "none",
            "You do not reach a judgement. Answer the question directly (“How far did",
            "Reach a clear judgement that answers the question directly, and support it with "
            "evidence.",
        ),
        # asserted without support: the quote is given back with what is missing
        (
            "unsubstantiated",
            "You state a judgement (“Canals mattered most.”) but do not support",
            "Reach a clear judgement that answers the question directly, and support it with "
            "evidence.",
        ),
        # supported in one place: carry it through the answer
        (
            "substantiated",
            "Your judgement (“Canals mattered most.”) is supported by evidence.",
            "Carry your judgement through every paragraph, not only the conclusion.",
        ),
        # sustained: nothing to fix, no judgement step
        ("sustained", "Your judgement (“Canals mattered most.”) is argued throughout", None),
    ],
)
def test_judgement_advice_follows_the_label(label, advice_start, step):
    feedback = build_feedback(make_result(MIXED, judgement=label), RUBRIC)
    assert feedback.judgement.startswith(advice_start)
    judgement_steps = [s for s in feedback.next_level if "judgement" in s]
    assert judgement_steps == ([step] if step else [])


def test_next_level_quotes_the_next_band_and_lists_concrete_steps():
    feedback = build_feedback(make_result(MIXED), RUBRIC)
    assert feedback.next_level[0] == (
        "Level 2 (5-8 marks) asks for: Explains both sides with evidence."
    )
    assert (
        "Explain the points you only mention (Bridgewater Canal): say what, why and so what."
        in (feedback.next_level)
    )
    assert "Develop the continuity side so the two sides can be weighed." in feedback.next_level


def test_text_feedback_has_every_section():
    text = format_feedback_text(build_feedback(make_result(MIXED), RUBRIC))
    for heading in [
        "What earned credit",
        "Mentioned but not explained",
        "Mark-scheme points missed",
        "Balance",
        "Judgement",
        "To reach the next level",
    ]:
        assert f"\n{heading}\n" in text


def test_highlight_segments_cover_the_essay_exactly():
    result = make_result(MIXED)
    segments = highlight_segments(result.document.text, build_feedback(result, RUBRIC))
    assert "".join(s.text for s in segments) == result.document.text
    kinds = {s.text: s.kind for s in segments}
    assert kinds[SENTENCES[1]] == "credited"
    # a name-dropped point: only the student's words that name it are marked
    assert kinds["Bridgwater"] == "mention"
    assert kinds[" canal was built. "] == ""


def test_html_page_highlights_evidence_and_escapes_the_essay():
    html = render_feedback_html(make_result(MIXED), RUBRIC)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert (
        '<span class="tag credited">1 c-pottery</span><mark class="credited" title="c-pottery">'
        "Wedgwood used canals" in html
    )
    assert '<mark class="mention" title="c-bridgewater">Bridgwater</mark>' in html
    # Self-contained: no stylesheet, script or image fetched from anywhere.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", html)
    assert "<link" not in html


@pytest.mark.slow
def test_cli_feedback_prints_text_and_writes_html(tmp_path: Path):
    out = tmp_path / "feedback.html"
    result = CliRunner().invoke(
        app, ["feedback", str(MODEL_ESSAY), "--rubric", "ussr-1920s", "--html", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Level " in result.stdout and "What earned credit" in result.stdout
    assert "Not covered (the success side): “The incoming Labour government of 1929" in (
        " ".join(result.stdout.split())
    )
    assert result.stderr == f"Wrote {out}\n"
    html = out.read_text(encoding="utf-8")
    assert html.count('<mark class="credited"') >= 9


def test_a_shared_name_prompts_for_the_points_own_name():
    # "Germany" signals two points; the prompt must say which one is not explained.
    rubric = rubric_from_dict(
        {
            "id": "shared",
            "question": "Why was Europe unstable?",
            "sides": ["cause"],
            "points": [
                {"id": "pact", "side": "cause", "text": "The pact.", "keywords": ["Germany"]},
                {
                    "id": "rising",
                    "side": "cause",
                    "text": "The Spartacist rising in Germany.",
                    "keywords": ["Germany", "Spartacist"],
                },
            ],
            "count_scores": {1: 1, 2: 2},
        }
    )
    text = "Germany was unstable."
    doc = Document("e", text, (Paragraph(0, 0, len(text), (Sentence(0, 0, 0, len(text), text),)),))
    evidence = (Evidence(0, 0, 0, len(text), text, 0.5, "germany"),)
    words = (Mention(0, 0, 7, "Germany", "context", "germany"),)
    result = MarkResult(
        essay_id="e",
        rubric_id="shared",
        rubric_version="1",
        matches=(
            PointMatch("pact", "cause", "missing", 0.1),
            PointMatch("rising", "cause", "name_dropped", 0.5, evidence, mentions=words),
        ),
        argument=ArgumentResult("none", (SideBalance("cause", 0, 1, 0),)),
        level=LevelEstimate(level=0, mark=0, confidence=0.5),
        document=doc,
    )
    feedback = build_feedback(result, rubric)
    assert feedback.name_dropped[0].prompt.startswith(
        "You mention “Germany” but do not explain Spartacist. Say what it was,"
    )
    # A key-element scheme: the next step is counted in points.
    assert feedback.next_level[0] == "Explain 1 more point(s) to score 1."
    assert feedback.balance == ""  # one side: no balance advice


def test_indicative_content_is_offered_not_reported_missing():
    # In a levels-of-response scheme the points are ideas, not a checklist; "the
    # information you were given" only where the question printed some.
    rubric = dataclasses.replace(RUBRIC, kind="levels")
    feedback = build_feedback(make_result(MIXED), rubric)
    assert feedback.missed[0].line == (
        "Not used (the continuity side): the mark scheme suggests “Most goods still moved by "
        "road and coastal shipping.” You could develop this idea."
    )
    assert "\nIdeas from the mark scheme not used\n" in format_feedback_text(feedback)
    given = dataclasses.replace(rubric, stimulus=("the Bridgewater Canal",))
    assert (
        build_feedback(make_result(MIXED), given)
        .missed[0]
        .line.endswith("You could develop this idea, using the information you were given.")
    )


def test_a_question_that_asks_for_no_judgement_gets_no_judgement_advice():
    # the stored label "n/a" (the question asks for no verdict) is rendered as such
    feedback = build_feedback(make_result(MIXED, judgement="n/a"), RUBRIC)
    assert feedback.judgement_label == "n/a"
    assert "judgement" not in feedback.judgement.lower()
    assert not [s for s in feedback.next_level if "judgement" in s]
