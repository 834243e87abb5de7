"""Mark large batches: in chunks, across worker processes, or on a Dask cluster.

Every path partitions the essays (never a single essay) and marks each partition
with :meth:`grader.core.pipeline.Marker.mark_many`, so a script is marked exactly as in a
single-process run; results come back in input order.

- ``workers=1``: this process, ``chunk_size`` essays per batched ``encode`` call (memory
  stays flat however many essays there are).
- ``workers=N``: a pool of N processes, each loading the model once and using
  ``cores // N`` threads, so N workers do not fight over the cores.
- :func:`mark_with_dask`: the same partitions as tasks on a ``dask.distributed``
  cluster (a ``LocalCluster`` by default; pass a ``Client`` for a real one).

Examples
--------
>>> from grader.scheme.rubric import load_rubric
>>> results = mark_essays(load_rubric("ussr-1920s"), [("a", "Rapallo (1922) ended isolation ...")])
>>> results[0].essay_id
'a'
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import lru_cache
from multiprocessing import get_context
from typing import Any, TypeVar

from grader.core.pipeline import Marker, MarkModel
from grader.errors import GraderError
from grader.settings import Settings
from grader.types import MarkResult, Rubric, Script, Unmarked

CHUNK_SIZE = 128
Outcome = MarkResult | Unmarked
Item = TypeVar("Item")


def chunks(essays: Sequence[Item], size: int) -> Iterator[list[Item]]:
    """Consecutive partitions of at most ``size`` essays (order kept)."""
    for start in range(0, len(essays), size):
        yield list(essays[start : start + size])


def mark_essays(
    rubric: Rubric,
    essays: Sequence[tuple[str, str] | Script],
    *,
    settings: Settings | None = None,
    workers: int = 1,
    chunk_size: int = CHUNK_SIZE,
    marker: Marker | None = None,
    level_model: MarkModel | None = None,
    advance: Callable[[int], None] | None = None,
    on_chunk: Callable[[Sequence[Script], list[Outcome]], None] | None = None,
) -> list[Outcome]:
    """Mark ``(essay_id, text)`` pairs (or scripts), optionally across ``workers`` processes.

    Parameters
    ----------
    rubric : Rubric
        The loaded rubric (load it once, at the edge: :func:`grader.scheme.rubric.load_rubric`).
    essays : sequence of (str, str) or Script
        ``(essay_id, text)`` pairs, or :class:`~grader.types.Script` objects (whose
        ``source`` names the script in messages).
    settings : Settings, optional
        Thresholds and model (``Settings(model="fast")`` for the fast mode).
    workers : int
        Processes to mark with (1: this process). With more, each worker loads the
        model once and the essays are shared out in chunks of at most ``chunk_size``.
    chunk_size : int
        Essays per batched encode call / per task.
    marker : Marker, optional
        An already loaded marker to use when ``workers == 1`` (with more workers, its
        rubric, settings and level model are what the workers load).
    level_model : LevelModel or LearnedMarker, optional
        A calibrated level model for the markers this function loads.
    advance : callable, optional
        Called with the number of essays just marked (a progress bar).
    on_chunk : callable, optional
        Called with each chunk of scripts and their outcomes as soon as they are marked
        (so a caller can save them before the rest is done).

    Returns
    -------
    list of MarkResult or Unmarked, one per essay, in input order. An essay the marker
    fails on becomes an ``Unmarked`` (code G000) and never stops the others.
    """
    if workers < 1:
        raise GraderError(f"--workers must be 1 or more, got {workers}.")
    if chunk_size < 1:
        raise GraderError(f"chunk size must be 1 or more, got {chunk_size}.")
    if marker is not None:
        rubric, settings, level_model = marker.rubric, marker.settings, marker.level_model
    settings = settings or Settings()
    scripts = [e if isinstance(e, Script) else Script(e[0], e[0], e[0], e[1]) for e in essays]
    advance = advance or (lambda n: None)
    on_chunk = on_chunk or (lambda part, outcomes: None)
    done: list[Outcome] = []
    if workers == 1 or len(scripts) <= 1:
        marker = marker or Marker(rubric, settings=settings, level_model=level_model)
        for part in chunks(scripts, chunk_size):
            outcomes = mark_safely(marker, part)
            on_chunk(part, outcomes)
            done.extend(outcomes)
            advance(len(part))
        return done
    # every worker gets work even for a small class; chunking never changes a mark
    size = min(chunk_size, -(-len(scripts) // workers))
    parts = list(chunks(scripts, size))
    threads = max(1, (os.cpu_count() or 1) // workers)
    with ProcessPoolExecutor(
        max_workers=min(workers, len(parts)),
        mp_context=get_context("spawn"),  # never fork a process holding torch threads
        initializer=_init_worker,
        initargs=(rubric, settings, level_model, threads),
    ) as pool:
        for part, results in zip(parts, pool.map(_mark_in_worker, parts), strict=True):
            on_chunk(part, results)
            done.extend(results)
            advance(len(part))
    return done


def mark_safely(marker: Marker, part: Sequence[Script]) -> list[Outcome]:
    """Mark a chunk in one encode call; if that fails, one by one so only the culprit is lost."""
    try:
        return marker.mark_many([(s.essay_id, s.text) for s in part])
    except Exception:  # noqa: BLE001 - isolate the script at fault below
        return [_mark_one_safely(marker, s) for s in part]


def _mark_one_safely(marker: Marker, script: Script) -> Outcome:
    try:
        return marker.mark_many([(script.essay_id, script.text)])[0]
    except GraderError as exc:
        return Unmarked(script.essay_id, str(exc), exc.code)
    except Exception as exc:  # noqa: BLE001 - one bad script never stops the batch
        return Unmarked(
            script.essay_id,
            f"{script.source}: grader failed on this script ({type(exc).__name__}: {exc}). "
            f"The other scripts were marked; please report this with the script.",
            "G000",
        )


_WORKER: dict[str, Marker] = {}


def _init_worker(
    rubric: Rubric, settings: Settings, level_model: MarkModel | None, threads: int
) -> None:
    os.environ["OMP_NUM_THREADS"] = str(threads)  # before torch is imported, if ever
    _WORKER["marker"] = Marker(rubric, settings=settings, level_model=level_model)
    _limit_threads(threads)


def _mark_in_worker(part: list[Script]) -> list[Outcome]:
    return mark_safely(_WORKER["marker"], part)


def _limit_threads(threads: int) -> None:
    """Cap torch's threads, if the model uses torch (the fast mode never imports it)."""
    if "torch" in sys.modules:
        sys.modules["torch"].set_num_threads(threads)


@lru_cache(maxsize=4)
def _cached_marker(rubric: Rubric, settings: Settings) -> Marker:
    return Marker(rubric, settings=settings)


def _mark_partition(rubric: Rubric, settings: Settings, part: list[tuple[str, str]]) -> list[Any]:
    """A Dask task: mark one partition with the worker's (cached) marker."""
    return mark_safely(_cached_marker(rubric, settings), [Script(e, e, e, t) for e, t in part])


def mark_with_dask(
    rubric: Rubric,
    essays: Sequence[tuple[str, str]],
    *,
    settings: Settings | None = None,
    client: Any = None,
    n_workers: int = 2,
    chunk_size: int = CHUNK_SIZE,
) -> list[Outcome]:
    """Mark essays as partitions on a ``dask.distributed`` cluster.

    Parameters
    ----------
    client : dask.distributed.Client, optional
        A connected client; when omitted a ``LocalCluster`` of ``n_workers``
        single-threaded worker processes is started and closed afterwards.
    n_workers : int
        Worker processes of the local cluster.

    Other parameters are as :func:`mark_essays`. Each worker loads the model once
    (on its first partition) and keeps it for the following ones.

    Examples
    --------
    >>> from dask.distributed import Client, LocalCluster
    >>> with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as c:
    ...     results = mark_with_dask(load_rubric("ussr-1920s"), essays, client=c)  # doctest: +SKIP
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise GraderError(
            f"The Dask path needs dask.distributed ({exc}). "
            "Install it with 'pip install \"grader[dask]\"'."
        ) from exc
    if chunk_size < 1:
        raise GraderError(f"chunk size must be 1 or more, got {chunk_size}.")
    settings = settings or Settings()
    parts = list(chunks(essays, chunk_size))
    if not parts:
        return []
    if client is not None:
        return _run_on(client, rubric, settings, parts)
    with (
        LocalCluster(
            n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as local,
    ):
        return _run_on(local, rubric, settings, parts)


def _run_on(client: Any, rubric: Rubric, settings: Settings, parts: list) -> list[Outcome]:
    futures = [client.submit(_mark_partition, rubric, settings, part, pure=False) for part in parts]
    return [r for part in client.gather(futures) for r in part]
