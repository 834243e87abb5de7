"""Student feedback: what earned credit, what is missing and what to do next.

Built from a :class:`~grader.types.MarkResult` and its :class:`~grader.types.Rubric`
only: every decision (point status, balance, judgement, level, review reasons) is the
MarkResult's, and every prompt is made from the rubric's point wording, names, sides,
band descriptors and question type, so it works for any question and mark scheme.
Renderers of one :class:`~grader.types.Feedback` record:

- :mod:`.text`: plain text for the terminal;
- :mod:`.html`: a self-contained HTML page (also shown by the web app);
- :mod:`.record`: JSON, every quote with its offsets in the essay.

:mod:`.wording` names points and quotes the student; :mod:`.advice` writes what to
improve for the question's type; :mod:`.build` puts the record together.
"""

from grader.render.feedback.advice import advice_kind
from grader.render.feedback.build import build_feedback
from grader.render.feedback.html import (
    Segment,
    feedback_context,
    highlight_segments,
    render_feedback_html,
    template_env,
)
from grader.render.feedback.record import feedback_to_dict, feedback_to_json
from grader.render.feedback.text import format_feedback_text, missed_heading
from grader.render.feedback.wording import point_name, side_phrase

__all__ = [
    "Segment",
    "advice_kind",
    "build_feedback",
    "feedback_context",
    "feedback_to_dict",
    "feedback_to_json",
    "format_feedback_text",
    "highlight_segments",
    "missed_heading",
    "point_name",
    "render_feedback_html",
    "side_phrase",
    "template_env",
]
