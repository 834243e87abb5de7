"""The moderation loop: fit the level model on the marks a teacher checked.

``grader mark DIR --out OUT`` writes ``OUT/marks.xlsx`` and keeps every result in
``OUT/.grader/manifest.json``. The teacher edits ``mark`` (or fills ``override``)
in the spreadsheet; :func:`calibrate_from_marks` pairs those human marks with the
stored results, fits :class:`~grader.learn.level_model.LevelModel` on their features and
saves it to ``models/<rubric id>.joblib``, where the next ``grader mark`` with the
same rubric finds it. Nothing is re-marked here, so calibration takes a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.metrics import mean_absolute_error
from sklearn.model_selection import KFold, cross_val_predict

from grader.errors import CalibrationError
from grader.io.manifest import load_manifest, load_run, result_from_record
from grader.io.spreadsheet import read_marks
from grader.learn.features import feature_matrix
from grader.learn.level_model import LevelModel, baseline, save_model

#: Fewest human-marked scripts a model is fitted on.
MIN_SCRIPTS = 5


@dataclass(frozen=True)
class Calibration:
    """What ``grader calibrate`` did.

    ``cv_mae`` holds cross-validated mean absolute errors (marks) of the calibrated
    model, the rules and the trivial baseline, each scored only on scripts it was
    not fitted on (empty with fewer than 10 scripts).
    """

    path: Path
    rubric_id: str
    n_scripts: int
    n_edited: int
    cv_mae: dict[str, float]


def default_model_path(rubric_id: str, models_dir: str | Path = "models") -> Path:
    """Where a calibrated model for ``rubric_id`` is saved and looked for."""
    return Path(models_dir) / f"{rubric_id}.joblib"


def calibrate_from_marks(
    marks: str | Path, *, models_dir: str | Path = "models", alpha: float = 10.0
) -> Calibration:
    """Fit the level model on the human marks of an edited ``marks.xlsx`` and save it.

    Parameters
    ----------
    marks : str or Path
        ``marks.xlsx`` (or ``marks.csv``) written by ``grader mark --out`` and edited by
        the teacher; the results are read from the output folder it sits in.
    models_dir : str or Path
        Folder the model is saved to as ``<rubric id>.joblib`` (plus a ``.json`` of
        metadata).
    alpha : float
        Ridge penalty of :class:`~grader.learn.level_model.LevelModel`.
    """
    marks = Path(marks)
    human = read_marks(marks)
    entries = load_manifest(marks.parent)
    if not entries:
        raise CalibrationError(
            f"{marks}: no marking results beside it ({marks.parent / '.grader'} is missing). "
            f"Calibrate from the marks.xlsx in the folder 'grader mark ... --out' wrote."
        )
    rubric, settings = load_run(marks.parent)
    pairs = [
        (result_from_record(entries[script]["result"]), int(mark))
        for script, mark in zip(human["script"].astype(str), human["human_mark"], strict=True)
        if script in entries
    ]
    if len(pairs) < MIN_SCRIPTS:
        raise CalibrationError(
            f"{marks}: only {len(pairs)} marked script(s) to calibrate on; at least "
            f"{MIN_SCRIPTS} are needed. Mark more scripts, or keep the rule-based marks."
        )
    top = rubric.max_mark
    bad = [(r.essay_id, m) for r, m in pairs if not 0 <= m <= top]
    if bad:
        raise CalibrationError(
            f"{marks}: the mark of '{bad[0][0]}' is {bad[0][1]}, outside 0-{top} for "
            f"{rubric.id}. Correct it in the spreadsheet and calibrate again."
        )
    results = [r for r, _ in pairs]
    X = feature_matrix(results)
    y = np.array([m for _, m in pairs])
    machine = np.array([int(entries[r.essay_id]["mark"]) for r in results])
    model = LevelModel(alpha=alpha, max_mark=top).fit(X, y)
    path = save_model(
        model,
        default_model_path(rubric.id, models_dir),
        rubric=rubric,
        settings=settings,
        X=X,
        y=y,
        note=f"calibrated on {len(y)} teacher-checked scripts from {marks.name}",
    )
    return Calibration(
        path=path,
        rubric_id=rubric.id,
        n_scripts=len(y),
        n_edited=int((machine != y).sum()),
        cv_mae=_cross_validated(X, y, results, alpha, top) if len(y) >= 10 else {},
    )


def _cross_validated(X, y, results, alpha: float, top: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    folds = KFold(n_splits=5, shuffle=True, random_state=0)
    rules = np.array(
        [r.level.rule_mark if r.level.rule_mark is not None else r.level.mark for r in results]
    )
    return {
        "calibrated": mean_absolute_error(
            y, cross_val_predict(LevelModel(alpha=alpha, max_mark=top), X, y, cv=folds)
        ),
        "rules": mean_absolute_error(y, rules),
        "baseline": mean_absolute_error(y, cross_val_predict(baseline(), X, y, cv=folds)),
    }
