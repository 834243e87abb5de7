"""With the network cut off, a fresh process loads the encoder and spaCy and marks essays:
nothing is fetched at run time. The marks also match this process's (same input, same
output, across runs).

The child process is started with a ``sitecustomize`` module that replaces every way of
opening a connection (``socket.connect``, ``connect_ex``, ``create_connection``,
``getaddrinfo``) with one that records the attempt and raises. The offline switches
grader sets for Hugging Face are removed from the child's environment, so the test
proves that grader sets them itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from grader.render.report import result_to_dict

from .conftest import MODEL_ESSAY, ROOT

pytestmark = pytest.mark.slow

BLOCK_SOCKETS = textwrap.dedent(
    """
    import os, socket

    LOG = os.environ["GRADER_TEST_SOCKET_LOG"]

    def _blocked(*args, **kwargs):
        with open(LOG, "a", encoding="utf-8") as log:
            log.write(repr(args[:2]) + "\\n")
        raise OSError("network access blocked by the offline test")

    socket.socket.connect = _blocked
    socket.socket.connect_ex = _blocked
    socket.create_connection = _blocked
    socket.getaddrinfo = _blocked
    """
)

CHILD = textwrap.dedent(
    """
    import json, sys, socket
    assert socket.getaddrinfo.__name__ == "_blocked", "sitecustomize was not loaded"
    from grader.core.pipeline import Marker
    from grader.render.report import result_to_dict
    texts = json.loads(sys.stdin.read())
    marker = Marker("ussr-1920s")
    results = marker.mark_many(list(texts.items()))
    print(json.dumps({r.essay_id: result_to_dict(r) for r in results}))
    """
)

TEXTS = {
    "model": MODEL_ESSAY.read_text(encoding="utf-8"),
    "short": "The Treaty of Rapallo in 1922 ended the isolation of Germany and the USSR.",
}


def test_marking_needs_no_network_and_matches_this_process(tmp_path: Path, ussr_marker):
    (tmp_path / "sitecustomize.py").write_text(BLOCK_SOCKETS, encoding="utf-8")
    log = tmp_path / "sockets.log"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"}
    }
    env["PYTHONPATH"] = os.pathsep.join(
        [str(tmp_path), str(ROOT), *filter(None, [env.get("PYTHONPATH", "")])]
    )
    env["GRADER_TEST_SOCKET_LOG"] = str(log)
    child = subprocess.run(
        [sys.executable, "-c", CHILD],
        input=json.dumps(TEXTS),
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=600,
    )
    assert child.returncode == 0, child.stderr
    attempts = log.read_text(encoding="utf-8") if log.exists() else ""
    assert attempts == "", f"connections were attempted: {attempts}"
    offline = json.loads(child.stdout)
    here = {r.essay_id: result_to_dict(r) for r in ussr_marker.mark_many(list(TEXTS.items()))}
    assert offline == json.loads(json.dumps(here))
