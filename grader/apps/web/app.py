"""The app factory: one :class:`WebState`, the request guard and the route modules."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import anyio.to_thread
from fastapi import FastAPI

from grader.apps.web import rubrics, student, teacher, work
from grader.apps.web.batches import BatchStore
from grader.apps.web.guard import Guard
from grader.apps.web.limits import WebLimits
from grader.apps.web.markers import MarkerCache
from grader.apps.web.state import WebState


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    # A marking thread abandoned at its time limit finishes before the process exits.
    await anyio.to_thread.run_sync(work.wait_idle, SHUTDOWN_WAIT)


#: Seconds the app waits at shutdown for marking threads still running.
SHUTDOWN_WAIT = 120.0


def create_app(
    data_dir: str | Path,
    *,
    limits: WebLimits | None = None,
    markers: MarkerCache | None = None,
    host: str | None = None,
) -> FastAPI:
    """Build the web app; everything it writes goes under ``data_dir`` (made private, 0700).

    Parameters
    ----------
    data_dir : str or Path
        Saved rubrics and stored class uploads.
    limits : WebLimits, optional
        Upload, time, retention and host limits (defaults: :class:`WebLimits`).
    markers : MarkerCache, optional
        Loaded markers to share (e.g. with tests).
    host : str, optional
        The address the server binds to, accepted in ``Host`` headers besides loopback.

    Examples
    --------
    >>> from fastapi.testclient import TestClient  # doctest: +SKIP
    >>> app = create_app("grader-data")  # doctest: +SKIP
    >>> client = TestClient(app, base_url="http://127.0.0.1")  # doctest: +SKIP
    >>> client.get("/").status_code  # doctest: +SKIP
    200
    """
    limits = limits or WebLimits()
    if host and host.lower() not in limits.hosts:
        named = f"[{host}]" if ":" in host and not host.startswith("[") else host
        limits = replace(limits, hosts=(*limits.hosts, named.lower()))
    data = Path(data_dir).resolve()
    data.mkdir(parents=True, exist_ok=True, mode=0o700)
    data.chmod(0o700)
    (data / "rubrics").mkdir(exist_ok=True, mode=0o700)
    batches = BatchStore(data / "batches", limits.keep_days)
    batches.sweep()
    threading.Thread(target=work.warm, daemon=True).start()  # the reader processes
    app = FastAPI(
        title="grader", docs_url=None, redoc_url=None, openapi_url=None, lifespan=_lifespan
    )
    app.state.web = WebState(data, limits, markers or MarkerCache(), batches)
    app.add_middleware(Guard, limits=limits)
    for routes in (student, rubrics, teacher):
        app.include_router(routes.router)
    return app
