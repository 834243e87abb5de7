"""Marks from a regressor: predict a number, then cut it into marks where QWK is best.

Marks are ordered; a classifier ignores that and a regressor rounded at .5 wastes
it when the marks are lopsided (most ASAP-SAS answers score 0). ``CutPointClassifier``
fits any scikit-learn regressor, then places the cut points between marks where they
maximise quadratic weighted kappa on *out-of-fold* predictions of the training data
(so the cut points are not fitted to predictions the regressor has memorised).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin, clone
from sklearn.model_selection import KFold, cross_val_predict


def _qwk_indices(truth: np.ndarray, pred: np.ndarray, k: int) -> float:
    """QWK of class indices ``0..k-1`` (the same value as scikit-learn's, much faster)."""
    observed = np.bincount(truth * k + pred, minlength=k * k).reshape(k, k).astype(float)
    expected = np.outer(observed.sum(axis=1), observed.sum(axis=0)) / max(len(truth), 1)
    grid = np.arange(k)
    weights = (grid[:, None] - grid[None, :]) ** 2
    denominator = float((weights * expected).sum())
    return 1.0 - float((weights * observed).sum()) / denominator if denominator else -1.0


def fit_cut_points(
    scores: np.ndarray,
    y: np.ndarray,
    classes: np.ndarray,
    passes: int = 3,
    max_grid: int = 256,
) -> np.ndarray:
    """Cut points ``c`` (one fewer than ``classes``) maximising QWK of ``classes[k]``.

    A score ``s`` gets ``classes[searchsorted(c, s)]``. Starts at the midpoints between
    consecutive marks and moves one cut at a time over the observed scores lying
    between its neighbours (coordinate ascent); with more than ``max_grid`` distinct
    scores, their ``max_grid`` quantiles are the candidates.

    Examples
    --------
    >>> scores = np.array([0.1, 0.2, 0.9, 1.0, 1.1, 2.2])
    >>> fit_cut_points(scores, np.array([0, 0, 0, 1, 1, 2]), np.array([0.0, 1.0, 2.0]))
    array([0.95, 1.5 ])
    """
    cuts = (classes[:-1] + classes[1:]) / 2.0
    grid = np.unique(scores)
    if len(grid) > max_grid:
        grid = np.unique(np.quantile(scores, np.linspace(0, 1, max_grid)))
    if len(grid) > 1:
        grid = (grid[:-1] + grid[1:]) / 2.0
    truth = np.searchsorted(classes, y)  # y as class indices
    n_classes = len(classes)
    for _ in range(passes):
        changed = False
        for k in range(len(cuts)):
            low = cuts[k - 1] if k > 0 else -np.inf
            high = cuts[k + 1] if k + 1 < len(cuts) else np.inf
            options = np.concatenate([[cuts[k]], grid[(grid > low) & (grid < high)]])
            best, best_qwk = cuts[k], -2.0
            for value in options:
                trial = cuts.copy()
                trial[k] = value
                score = _qwk_indices(truth, np.searchsorted(trial, scores), n_classes)
                if score > best_qwk + 1e-12:
                    best, best_qwk = value, score
            changed |= best != cuts[k]
            cuts[k] = best
        if not changed:
            break
    return cuts


class CutPointClassifier(ClassifierMixin, BaseEstimator):
    """A regressor whose output is cut into marks at QWK-optimal points.

    Parameters
    ----------
    regressor : estimator
        Any scikit-learn regressor (fitted on the marks as numbers).
    cv : int
        Folds for the out-of-fold predictions the cut points are fitted on.

    Examples
    --------
    >>> from sklearn.linear_model import Ridge
    >>> model = CutPointClassifier(Ridge()).fit(X_train, y_train)  # doctest: +SKIP
    >>> model.predict(X_val)  # doctest: +SKIP
    array([0, 0, 1, 3, ...])
    """

    def __init__(self, regressor: Any, cv: int = 5) -> None:
        self.regressor = regressor
        self.cv = cv

    def fit(self, X: np.ndarray, y: np.ndarray) -> CutPointClassifier:
        y = np.asarray(y)
        self.classes_ = np.unique(y)
        folds = KFold(n_splits=min(self.cv, len(y)), shuffle=True, random_state=0)
        out_of_fold = cross_val_predict(clone(self.regressor), X, y, cv=folds)
        self.cut_points_ = fit_cut_points(out_of_fold, y, self.classes_.astype(float))
        self.regressor_ = clone(self.regressor).fit(X, y)
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        return self.classes_[np.searchsorted(self.cut_points_, self.regressor_.predict(X))]
