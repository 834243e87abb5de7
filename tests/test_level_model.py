"""The calibrated level model: scikit-learn contract, save/load with metadata."""

from __future__ import annotations

import json

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import cross_val_score

from grader.learn.features import FEATURE_NAMES
from grader.learn.level_model import LevelModel, LevelModelError, baseline, load_model, save_model
from grader.scheme.rubric import load_rubric
from grader.settings import Settings


def toy_data(n: int = 24, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    # Marks follow the rule-based mark (last feature) plus a little noise.
    rng = np.random.default_rng(seed)
    X = rng.random((n, len(FEATURE_NAMES)))
    y = np.clip(np.rint(X[:, -1] * 20 + rng.normal(0, 1, n)), 0, 20).astype(int)
    return X, y


def test_init_stores_settings_only_and_clone_works():
    model = LevelModel(alpha=3.0, max_mark=30)
    assert model.get_params() == {"alpha": 3.0, "max_mark": 30}
    assert not hasattr(model, "pipeline_")
    assert clone(model).get_params() == model.get_params()


def test_predict_before_fit_raises_not_fitted():
    X, _ = toy_data()
    with pytest.raises(NotFittedError):
        LevelModel().predict(X)


def test_fit_returns_self_and_predicts_int_marks_in_range():
    X, y = toy_data()
    model = LevelModel(alpha=1.0)
    assert model.fit(X, y) is model
    marks = model.predict(X)
    assert marks.dtype.kind == "i"
    assert marks.min() >= 0 and marks.max() <= 20
    assert model.n_features_in_ == len(FEATURE_NAMES)


def test_learns_the_signal_better_than_the_trivial_baseline():
    X, y = toy_data(60)
    model_r2 = cross_val_score(LevelModel(alpha=1.0), X, y, cv=3).mean()
    baseline_r2 = cross_val_score(baseline(), X, y, cv=3).mean()
    assert model_r2 > 0.5
    assert model_r2 > baseline_r2 + 0.4


def test_wrong_number_of_features_is_rejected():
    X, y = toy_data()
    model = LevelModel().fit(X, y)
    with pytest.raises(ValueError, match="features"):
        model.predict(X[:, :3])


def test_save_load_round_trip_keeps_predictions_and_metadata(tmp_path):
    X, y = toy_data()
    rubric = load_rubric("ussr-1920s")
    model = LevelModel().fit(X, y)
    path = save_model(
        model, tmp_path / "models" / "m.joblib", rubric=rubric, settings=Settings(), X=X, y=y
    )
    loaded, metadata = load_model(path)
    assert np.array_equal(loaded.predict(X), model.predict(X))
    assert metadata["rubric_id"] == "ussr-1920s"
    assert metadata["embedding_model"] == Settings().model
    assert metadata["feature_names"] == list(FEATURE_NAMES)
    assert metadata["n_training_essays"] == len(y)
    sidecar = json.loads((tmp_path / "models" / "m.joblib.json").read_text())
    assert sidecar["training_data_sha256"] == metadata["training_data_sha256"]
    # Different training marks give a different hash.
    other = save_model(
        model, tmp_path / "o.joblib", rubric=rubric, settings=Settings(), X=X, y=y + 1
    )
    assert load_model(other)[1]["training_data_sha256"] != metadata["training_data_sha256"]


def test_load_missing_file_says_what_to_do(tmp_path):
    missing = tmp_path / "nope.joblib"
    with pytest.raises(LevelModelError) as info:
        load_model(missing)
    assert str(info.value) == (
        f"[L001] Could not find level model file {missing}. "
        "Make one with 'grader calibrate' or check the path."
    )


def test_load_rejects_a_file_that_is_not_a_level_model(tmp_path):
    import joblib

    path = tmp_path / "x.joblib"
    joblib.dump({"something": 1}, path)
    with pytest.raises(LevelModelError, match="is not a grader level model"):
        load_model(path)


@pytest.mark.slow
def test_marker_with_a_calibrated_model_keeps_the_rule_estimate(ussr_marker):
    from dataclasses import replace

    from grader.core.level.rules import apply_model
    from grader.learn.features import feature_matrix

    essay = (
        "The Treaty of Rapallo in 1922 was a success because it ended Soviet isolation and "
        "gave Germany and the USSR a partner against the Versailles powers.\n\n"
        "However the Zinoviev letter in 1924 damaged relations with Britain, which broke off "
        "diplomatic relations in 1927, so links with the West stayed weak.\n\n"
        "Overall the USSR had limited success because only Germany became a real partner."
    )
    result = ussr_marker.mark(essay)
    X = np.vstack([feature_matrix([result])] * 4)
    model = LevelModel().fit(X, [12, 13, 12, 13])
    estimate = apply_model(result, model, ussr_marker.rubric)
    assert estimate.method == "calibrated"
    assert estimate.level == 3 and 12 <= estimate.mark <= 13
    assert estimate.rule_mark == result.level.mark
    assert "Level 3" in estimate.explanation
    assert replace(result, level=estimate).level.rule_level == result.level.level
