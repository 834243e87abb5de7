"""CPU-bound work off the event loop, each request within a time limit.

Reading an uploaded document and importing a pasted scheme run in a child process (forked
from a forkserver that has the readers loaded), which is killed at the time limit: no
pasted text or uploaded file can hold the server, and ``/health`` and other users are
answered meanwhile. Marking needs the loaded model, so it runs in a worker thread (at most
:data:`HEAVY_THREADS` at a time) and the request is answered with a W003 message at the
limit; marking time is bounded by the essay-size limit.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from functools import partial
from multiprocessing.connection import Connection
from typing import Any, TypeVar

import anyio
import anyio.to_thread

from grader.errors import WorkTooLong

T = TypeVar("T")
#: Marking requests run at once; more wait their turn (the machine has few cores).
HEAVY_THREADS = 2
#: Modules the forkserver imports once, so each child starts ready to work.
PRELOAD = ["grader.apps.web.uploads", "grader.scheme.import_levels", "docx", "pypdf"]

_limiter: anyio.CapacityLimiter | None = None
_context: Any = None


def _heavy_limiter() -> anyio.CapacityLimiter:
    global _limiter
    if _limiter is None:
        _limiter = anyio.CapacityLimiter(HEAVY_THREADS)
    return _limiter


def _process_context() -> Any:
    global _context
    if _context is None:
        _context = multiprocessing.get_context("forkserver")
        _context.set_forkserver_preload(PRELOAD)
    return _context


def warm() -> None:
    """Start the forkserver and let it import the readers now (seconds on a busy machine),
    so the first upload or import is not the one that waits. Safe to call again."""
    import anyio

    anyio.run(partial(in_process, len, b"", seconds=600.0, what="starting the workers"))


def too_long(what: str, seconds: float) -> WorkTooLong:
    return WorkTooLong(
        f"{what}: stopped after {seconds:g} s, the limit for one request. Send a shorter "
        f"text or a smaller file, or split it."
    )


_running = 0
_idle = threading.Condition()


def _counted(fn: Callable[..., T], *args: Any) -> T:
    global _running
    with _idle:
        _running += 1
    try:
        return fn(*args)
    finally:
        with _idle:
            _running -= 1
            _idle.notify_all()


def wait_idle(timeout: float) -> bool:
    """Wait until no worker thread is marking (one abandoned at its time limit finishes
    on its own); True if none is left. The app calls it as it shuts down, so the process
    never exits under a thread still inside the model."""
    with _idle:
        return _idle.wait_for(lambda: _running == 0, timeout=timeout)


async def in_thread(fn: Callable[..., T], *args: Any, seconds: float, what: str) -> T:
    """``fn(*args)`` in a worker thread; past ``seconds`` the request gets W003."""
    try:
        with anyio.fail_after(seconds):
            return await anyio.to_thread.run_sync(
                partial(_counted, fn, *args), limiter=_heavy_limiter(), abandon_on_cancel=True
            )
    except TimeoutError as exc:
        raise too_long(what, seconds) from exc


def _child(connection: Connection, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        outcome: tuple[bool, Any] = (True, fn(*args))
    except BaseException as exc:  # noqa: BLE001 - sent back and raised in the parent
        outcome = (False, exc)
    connection.send(outcome)
    connection.close()


async def in_process(fn: Callable[..., T], *args: Any, seconds: float, what: str) -> T:
    """``fn(*args)`` in a child process killed after ``seconds`` (then W003).

    ``fn``, its arguments and its result must pickle (module-level functions, text,
    bytes, rubrics); an exception it raises is raised here.
    """
    context = _process_context()
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, fn, args), daemon=True)
    await anyio.to_thread.run_sync(child.start)
    send.close()
    try:
        with anyio.fail_after(seconds):
            ok, value = await anyio.to_thread.run_sync(receive.recv, abandon_on_cancel=True)
    except TimeoutError as exc:
        raise too_long(what, seconds) from exc
    except EOFError as exc:  # the child died without answering (e.g. out of memory)
        raise WorkTooLong(
            f"{what}: the work stopped before it finished. Send a shorter text or a smaller file."
        ) from exc
    finally:
        child.kill()
        receive.close()
        await anyio.to_thread.run_sync(child.join)
    if not ok:
        raise value
    return value  # type: ignore[no-any-return]
