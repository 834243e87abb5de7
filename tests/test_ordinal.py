"""Regression cut into marks at QWK-optimal cut points."""

import numpy as np
from sklearn.linear_model import LinearRegression
from sklearn.metrics import cohen_kappa_score

from grader.learn.ordinal import CutPointClassifier, fit_cut_points


def test_cut_points_separate_marks_that_midpoints_would_confuse():
    # Scores of mark-1 answers sit low (0.3-0.4): rounding at 0.5 calls them all 0.
    scores = np.array([0.0, 0.05, 0.1, 0.3, 0.35, 0.4, 1.6, 1.7])
    y = np.array([0, 0, 0, 1, 1, 1, 2, 2])
    cuts = fit_cut_points(scores, y, np.array([0.0, 1.0, 2.0]))
    assert 0.1 < cuts[0] < 0.3 and 0.4 < cuts[1] < 1.6
    assert (np.array([0, 1, 2])[np.searchsorted(cuts, scores)] == y).all()


def test_classifier_returns_the_training_marks_and_beats_rounding():
    rng = np.random.default_rng(0)
    y = rng.choice([0, 1, 2, 3], size=400, p=[0.7, 0.2, 0.05, 0.05])
    x = (y * 0.25 + rng.normal(0, 0.15, size=400))[:, None]  # compressed, noisy signal
    model = CutPointClassifier(LinearRegression()).fit(x, y)
    assert set(model.classes_) == {0, 1, 2, 3}
    predicted = model.predict(x)
    assert set(predicted) <= {0, 1, 2, 3}
    rounded = np.clip(np.rint(model.regressor_.predict(x)), 0, 3)
    ours = cohen_kappa_score(y, predicted, weights="quadratic")
    assert ours >= cohen_kappa_score(y, rounded, weights="quadratic")
    assert ours > 0.8
