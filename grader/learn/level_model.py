"""A level/mark model calibrated on human marks, following scikit-learn's contract.

``LevelModel`` is a regressor over the essay features of :mod:`grader.learn.features`
(one row per marked essay) that predicts the mark. It is a standardised ridge
regression on the mark as a fraction of the rubric's maximum, so it can be fitted
on one question and used on another with the same maximum or a different one.
The rule-based mark is one of its features: with few essays the model learns a
correction to the transparent estimator rather than a new marker.

Usage (what ``grader calibrate`` does)::

    from grader.learn.features import feature_matrix
    from grader.learn.level_model import LevelModel, save_model, load_model

    results = [r for r in marker.mark_many(essays) if isinstance(r, MarkResult)]
    X = feature_matrix(results)                  # shape (n_essays, n_features)
    y = human_marks                              # int marks, same order
    model = LevelModel(max_mark=rubric.max_mark).fit(X, y)
    path = save_model(model, "models/ussr-1920s.joblib", rubric=rubric,
                      settings=marker.settings, X=X, y=y)
    model, metadata = load_model(path)
    marks = model.predict(feature_matrix(new_results))   # int marks, clipped
    level = apply_model(result, model, rubric)          # grader.core.level.rules: a LevelEstimate

``baseline()`` gives the trivial model (always the median training mark) that every
figure of the calibrated model is reported beside.

A saved model is a pickle (joblib): load only files you or your school made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

import joblib
import numpy as np
import sklearn
from sklearn.base import BaseEstimator, RegressorMixin
from sklearn.dummy import DummyRegressor
from sklearn.linear_model import Ridge
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted, validate_data

from grader.errors import LevelModelError
from grader.learn.features import FEATURE_NAMES
from grader.settings import Settings
from grader.types import Rubric

FORMAT = "grader-level-model/1"


class LevelModel(RegressorMixin, BaseEstimator):
    """Predict an essay's mark from its features; fitted on human marks.

    Parameters
    ----------
    alpha : float, default=10.0
        Ridge penalty on the standardised features. Large by default: a school
        calibrates on tens of essays, and the model should stay near the rules.
    max_mark : int, default=20
        The rubric's maximum mark; targets are fitted as ``mark / max_mark`` and
        predictions are clipped to ``0..max_mark`` and rounded.

    Attributes
    ----------
    pipeline_ : sklearn.pipeline.Pipeline
        The fitted scaler and ridge regression.
    n_features_in_ : int
        Number of features seen in ``fit``.

    Examples
    --------
    >>> import numpy as np
    >>> X = np.random.default_rng(0).random((12, len(FEATURE_NAMES)))
    >>> y = np.round(X[:, -1] * 20).astype(int)
    >>> model = LevelModel(max_mark=20).fit(X, y)
    >>> model.predict(X[:2]).dtype.kind
    'i'
    """

    def __init__(self, alpha: float = 10.0, max_mark: int = 20) -> None:
        self.alpha = alpha
        self.max_mark = max_mark

    def fit(self, X: Any, y: Any) -> LevelModel:
        """Fit on features ``X`` (n, d) and human marks ``y`` (n,); returns ``self``."""
        if self.max_mark <= 0:
            raise ValueError(f"max_mark must be positive, got {self.max_mark}.")
        X, y = validate_data(self, X, y, reset=True, dtype=np.float64, y_numeric=True)
        self.pipeline_: Pipeline = make_pipeline(StandardScaler(), Ridge(alpha=self.alpha))
        self.pipeline_.fit(X, y / self.max_mark)
        return self

    def predict_fraction(self, X: Any) -> np.ndarray:
        """Unrounded predicted mark as a fraction of ``max_mark`` (clipped to 0..1)."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False, dtype=np.float64)
        return np.clip(self.pipeline_.predict(X), 0.0, 1.0)

    def predict(self, X: Any) -> np.ndarray:
        """Predicted marks, int array of shape (n,), each in ``0..max_mark``."""
        return np.rint(self.predict_fraction(X) * self.max_mark).astype(int)


def baseline() -> DummyRegressor:
    """The trivial model to beat: always the median training mark."""
    return DummyRegressor(strategy="median")


def data_hash(X: Any, y: Any) -> str:
    """sha256 of the training features and marks (identifies the calibration data)."""
    digest = hashlib.sha256()
    digest.update(np.ascontiguousarray(np.asarray(X, dtype=np.float64)).tobytes())
    digest.update(np.ascontiguousarray(np.asarray(y, dtype=np.float64)).tobytes())
    return digest.hexdigest()


def save_model(
    model: LevelModel,
    path: str | Path,
    *,
    rubric: Rubric,
    settings: Settings,
    X: Any,
    y: Any,
    note: str = "",
) -> Path:
    """Write ``model`` and its metadata to ``path`` (joblib) and ``path`` + ``.json``.

    The metadata records the rubric id and version, the embedding model, every
    marking setting, the feature names, the training-data hash and size, and the
    scikit-learn version, so a calibrated figure can be reproduced.
    """
    check_is_fitted(model)
    path = Path(path)
    metadata = {
        "format": FORMAT,
        "rubric_id": rubric.id,
        "rubric_version": rubric.version,
        "embedding_model": settings.model,
        "settings": settings.as_dict(),
        "model_params": model.get_params(),
        "feature_names": list(FEATURE_NAMES),
        "training_data_sha256": data_hash(X, y),
        "n_training_essays": int(len(y)),
        "sklearn_version": sklearn.__version__,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "note": note,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"model": model, "metadata": metadata}, path)
    path.with_name(path.name + ".json").write_text(
        json.dumps(metadata, indent=2, default=str), encoding="utf-8"
    )
    return path


def load_model(path: str | Path) -> tuple[LevelModel, dict[str, Any]]:
    """Read a model saved by :func:`save_model`; returns ``(model, metadata)``."""
    path = Path(path)
    if not path.is_file():
        raise LevelModelError(
            f"Could not find level model file {path}. "
            "Make one with 'grader calibrate' or check the path."
        )
    try:
        payload = joblib.load(path)
    except Exception as exc:  # joblib raises many types for a bad file
        raise LevelModelError(
            f"Could not read level model file {path}: {exc}. Re-create it with 'grader calibrate'."
        ) from exc
    if not isinstance(payload, dict) or payload.get("metadata", {}).get("format") != FORMAT:
        raise LevelModelError(
            f"{path} is not a grader level model (expected format '{FORMAT}'). "
            "Re-create it with 'grader calibrate'."
        )
    metadata = payload["metadata"]
    if metadata.get("feature_names") != list(FEATURE_NAMES):
        raise LevelModelError(
            f"Level model {path} was fitted on features {metadata.get('feature_names')}, "
            f"but this grader computes {list(FEATURE_NAMES)}. Re-calibrate it with "
            "'grader calibrate'."
        )
    return payload["model"], metadata
