"""The one Jinja2 environment every HTML renderer and the web app use.

Templates live in ``grader/render/templates/``; autoescaping is on, so essay text and
rubric wording are always escaped.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader


@lru_cache(maxsize=1)
def template_env() -> Environment:
    """The Jinja2 environment for feedback, the class summary and the web app (autoescaping on).

    Examples
    --------
    >>> template_env().get_template("feedback_page.html").name
    'feedback_page.html'
    """
    return Environment(
        loader=PackageLoader("grader.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
