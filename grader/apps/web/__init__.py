"""A local web app for students and teachers (FastAPI + Jinja2, no JavaScript needed).

Students choose a rubric (or paste a mark scheme), paste or upload an essay and read
the highlighted feedback; teachers upload a class (zip or CSV) and download the
spreadsheet and reports. ``grader serve`` runs it on 127.0.0.1.

The package: :mod:`.app` (the factory), :mod:`.guard` (size, Host, Origin and form-token
checks, security headers), :mod:`.work` (slow work off the event loop, with time limits),
:mod:`.uploads` (reading what is sent), :mod:`.batches` (stored class uploads and their
retention), :mod:`.state` (what the routes share) and one module of routes per audience
(:mod:`.student`, :mod:`.rubrics`, :mod:`.teacher`).

Safety: every essay and rubric text is HTML-escaped by Jinja2's autoescaping; request,
file, document and batch sizes are capped with a message saying what to do; uploaded file
names are only ever displayed, never used as paths; the app writes only under its data
folder (saved rubrics, batch uploads and outputs), which only its own account can read.
"""

from grader.apps.web.app import create_app
from grader.apps.web.limits import WebLimits, megabytes
from grader.apps.web.markers import MarkerCache
from grader.apps.web.uploads import upload_text

__all__ = ["MarkerCache", "WebLimits", "create_app", "megabytes", "upload_text"]
