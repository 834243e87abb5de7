"""Build the ``fast`` model: a static model2vec embedding distilled from the packaged MiniLM.

Distillation runs once, offline, on the CPU (about a minute): model2vec passes every
token of MiniLM's vocabulary through MiniLM, reduces the vectors with PCA and weights
them by token frequency. The result is saved under ``models_dir()/fast-minilm-m2v`` and
loaded from there afterwards. A sentence's vector is then the mean of its token
vectors: no transformer at marking time.

    grader fast-model          # build (or rebuild with --force) the fast model
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path
from typing import Any

from grader.core.model_store import model_path, models_dir
from grader.errors import ModelError
from grader.settings import DEFAULT_MODEL

FAST_MODEL_DIR = "fast-minilm-m2v"
PCA_DIMS = 256
log = logging.getLogger(__name__)

INSTALL_HINT = "Install the fast-mode extra with 'pip install \"grader[fast]\"'."


def fast_model_path() -> Path:
    return models_dir() / FAST_MODEL_DIR


def distill_fast_model(target: Path | None = None, *, force: bool = False) -> Path:
    """Distil the static model from the packaged MiniLM into ``target`` (offline).

    Parameters
    ----------
    target : Path, optional
        Folder to write; defaults to :func:`fast_model_path`.
    force : bool
        Rebuild even if the folder already holds a model.

    Returns
    -------
    Path of the saved model folder.
    """
    target = target or fast_model_path()
    if (target / "model.safetensors").is_file() and not force:
        return target
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from model2vec.distill import distill
    except ImportError as exc:
        raise ModelError(
            f"The fast model needs model2vec's distiller ({exc}). {INSTALL_HINT}"
        ) from exc
    source = model_path(DEFAULT_MODEL)
    log.warning("Building the fast model once from %s (about a minute)...", DEFAULT_MODEL)
    model = distill(model_name=source, pca_dims=PCA_DIMS, quantize_to="float32", device="cpu")
    partial = target.with_name(f"{target.name}.{os.getpid()}.partial")
    shutil.rmtree(partial, ignore_errors=True)
    model.save_pretrained(str(partial))
    shutil.rmtree(target, ignore_errors=True)
    os.replace(partial, target)
    return target


def load_fast_model() -> Any:
    """The fast model (``model2vec.StaticModel``), distilled first if not yet built."""
    try:
        from model2vec import StaticModel
    except ImportError as exc:
        raise ModelError(f"The fast model needs model2vec ({exc}). {INSTALL_HINT}") from exc
    path = distill_fast_model()
    try:
        return StaticModel.from_pretrained(str(path), normalize=True, force_download=False)
    except Exception as exc:  # noqa: BLE001 - any load failure is reported the same way
        raise ModelError(
            f"Could not load the fast model from {path}: {exc}. "
            "Rebuild it with 'grader fast-model --force'."
        ) from exc
