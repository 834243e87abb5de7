"""Sentence embeddings: one wrapper over the models grader uses, offline.

``Encoder.encode`` always returns a 2-D float32 array with L2-normalised rows, so
cosine similarity is a dot product: ``sim[i, j] = encode(a)[i] @ encode(b)[j]``.

Two models:

- ``all-MiniLM-L6-v2`` (default): the packaged sentence-transformers model.
- ``fast``: a static (model2vec) model distilled once, locally, from that MiniLM
  (see :mod:`grader.core.embed_fast`); a sentence vector is the mean of its token vectors,
  so encoding is ~100x faster, at some cost in accuracy.

Texts that recur across essays (rubric points) are embedded once and cached on disk
(:func:`encode_cached`), keyed by model and text hash; where models and caches live is
:mod:`grader.core.model_store`.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np

from grader.core.model_store import cache_dir, model_path
from grader.errors import ModelError
from grader.settings import DEFAULT_MODEL

FAST_MODEL = "fast"
log = logging.getLogger(__name__)


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
        ``"all-MiniLM-L6-v2"`` (packaged), ``"fast"`` (static model distilled from
        it, built on first use) or a local sentence-transformers model folder.
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
        self._static = None
        if self.name == FAST_MODEL:
            from grader.core.embed_fast import load_fast_model

            self._static = load_fast_model()
            self.dimension = int(self._static.dim)
            return
        path = model_path(name)
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
        if self._static is not None:
            return _unit_rows(
                self._static.encode(list(texts), batch_size=1024, use_multiprocessing=False)
            )
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


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    """float32 copy with L2-normalised rows (an all-zero row, e.g. no known token, stays 0)."""
    vectors = np.asarray(vectors, dtype=np.float32).reshape(len(vectors), -1)
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.ascontiguousarray(vectors / np.where(norms > 0, norms, 1.0), dtype=np.float32)


_TEXT_CACHE: dict[tuple[str, str], np.ndarray] = {}


def text_key(encoder: Encoder, texts: Sequence[str]) -> str:
    """Cache key of ``texts`` embedded by ``encoder``: model name and a hash of the texts."""
    digest = hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()[:32]
    model = "".join(c if c.isalnum() or c in "-_." else "_" for c in encoder.name)[-60:]
    return f"{model}-{encoder.dimension}-{digest}"


def encode_cached(encoder: Encoder, texts: Sequence[str]) -> np.ndarray:
    """Embed texts that recur across runs (rubric points) once, cached in memory and on disk.

    The disk copy is ``cache_dir()/embeddings/<model>-<dim>-<sha256 of texts>.npy``; a
    missing, unreadable or mismatched file is recomputed, and a cache folder that cannot
    be written is skipped (marking never fails because of the cache).

    Examples
    --------
    >>> enc = get_encoder()
    >>> a = encode_cached(enc, ["The Treaty of Rapallo"])
    >>> bool((a == encode_cached(enc, ["The Treaty of Rapallo"])).all())
    True
    """
    key = text_key(encoder, texts)
    memo = (encoder.name, key)
    if memo in _TEXT_CACHE:
        return _TEXT_CACHE[memo]
    path = cache_dir() / "embeddings" / f"{key}.npy"
    vectors = _read_cached(path, (len(texts), encoder.dimension))
    if vectors is None:
        vectors = encoder.encode(texts)
        _write_cached(path, vectors)
    _TEXT_CACHE[memo] = vectors
    return vectors


def _read_cached(path: Path, shape: tuple[int, int]) -> np.ndarray | None:
    try:
        vectors = np.load(path, allow_pickle=False)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        log.warning("Ignoring unreadable embedding cache %s (%s); recomputing.", path, exc)
        return None
    if vectors.shape != shape or vectors.dtype != np.float32:
        log.warning("Ignoring embedding cache %s: shape %s, not %s.", path, vectors.shape, shape)
        return None
    return vectors


def _write_cached(path: Path, vectors: np.ndarray) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            np.save(handle, vectors, allow_pickle=False)
        os.replace(tmp, path)
    except OSError as exc:
        log.warning("Could not write the embedding cache %s (%s); going on without.", path, exc)
