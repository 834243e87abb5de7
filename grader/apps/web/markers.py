"""One loaded :class:`Marker` per rubric, sharing one encoder between them."""

from __future__ import annotations

import threading

from grader.core.pipeline import Marker
from grader.errors import GraderError
from grader.learn.store import model_for
from grader.scheme.rubric import load_rubric, rubric_hash
from grader.types import Rubric


class MarkerCache:
    """One :class:`Marker` per rubric (keyed by its content hash), sharing one encoder."""

    def __init__(self) -> None:
        self._markers: dict[str, Marker] = {}
        self._lock = threading.Lock()

    def get(self, rubric: Rubric) -> Marker:
        key = rubric_hash(rubric)
        with self._lock:
            if key not in self._markers:
                shared = next(iter(self._markers.values()), None)
                self._markers[key] = Marker(
                    rubric,
                    encoder=shared.encoder if shared else None,
                    level_model=model_for(rubric),  # the saved calibration, as 'grader mark'
                )
            return self._markers[key]

    def warm(self, rubric: str = "ussr-1920s") -> None:
        """Load the encoder and segmenter now (with one bundled rubric), not on first use."""
        try:
            self.get(load_rubric(rubric)).mark("Warm up the models.", "warm-up")
        except GraderError:  # nothing to warm with; the first request loads instead
            return

    def put(self, marker: Marker) -> None:
        """Add an already loaded marker (e.g. one shared with tests or the CLI)."""
        with self._lock:
            self._markers[rubric_hash(marker.rubric)] = marker
