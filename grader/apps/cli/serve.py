"""grader serve: the web app."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from grader.apps.cli.common import fails_cleanly
from grader.errors import GraderError


@fails_cleanly
def serve(
    host: Annotated[str, typer.Option(help="Address to listen on (local only by default).")] = (
        "127.0.0.1"
    ),
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    data: Annotated[
        Path, typer.Option(help="The app's data folder (saved rubrics, class uploads, outputs).")
    ] = Path("grader-data"),
    keep_days: Annotated[
        float,
        typer.Option(
            min=0.0,
            help="Days a class upload and its outputs are kept before they are deleted.",
        ),
    ] = 3.0,
) -> None:
    """Run the web app for students and teachers.

    Example: grader serve --port 8000   (then open http://127.0.0.1:8000)
    """
    import threading

    try:
        import uvicorn

        from grader.apps.web import MarkerCache, WebLimits, create_app
    except ModuleNotFoundError as exc:
        raise GraderError(
            f"grader serve needs the web extra, which this install lacks (no module "
            f"'{exc.name}'). Install it with: pip install -e \".[web]\""
        ) from None

    markers = MarkerCache()
    # Load the language models while the browser opens, so the first feedback is quick.
    threading.Thread(target=markers.warm, daemon=True).start()
    typer.echo(f"grader: http://{host}:{port}  (data folder: {data})", err=True)
    warning = beyond_loopback(host)
    if warning:
        typer.echo(warning, err=True)
    app = create_app(data, markers=markers, host=host, limits=WebLimits(keep_days=keep_days))
    uvicorn.run(app, host=host, port=port, log_level="warning")


def beyond_loopback(host: str) -> str:
    """A warning when ``host`` lets other machines reach the app (empty for loopback).

    Examples
    --------
    >>> beyond_loopback("127.0.0.1")
    ''
    >>> beyond_loopback("0.0.0.0").startswith("Warning: listening on 0.0.0.0")
    True
    """
    import ipaddress

    if host.lower() == "localhost":
        return ""
    try:
        if ipaddress.ip_address(host.strip("[]")).is_loopback:
            return ""
    except ValueError:
        pass
    return (
        f"Warning: listening on {host}, so other machines on the network can reach the app, "
        f"which has no accounts or passwords: anyone who can reach it can read feedback and "
        f"upload or delete classes. Use --host 127.0.0.1 unless this network is trusted. "
        f"Requests are answered only when addressed to {host} or to this machine's loopback "
        f"names."
    )
