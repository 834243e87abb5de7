"""Calibrate to a teacher's marks: "mark 20, grader marks the rest".

:func:`calibrate_answers` takes the answers a teacher marked for one question, marks
them zero-shot (keeping the sentence vectors), fits
:class:`~grader.learn.answer_model.AnswerModel` on them, measures it by 5-fold
cross-validation against the zero-shot marks on the same answers, and saves it as a
:class:`~grader.learn.store.LearnedMarker` in grader's user data folder (or ``path``),
where ``grader mark``, ``feedback``, batch marking and the web app find it.

The apps layer gathers the answers (from a ``grader mark --out`` spreadsheet, a marked
table or a ``labels.jsonl``); nothing here reads files.

Examples
--------
>>> done = calibrate_answers(rubric, [("a1", "Osmosis moves water ...", 2), ...])  # doctest: +SKIP
>>> done.cv["learned_qwk"], done.cv["zero_shot_qwk"]  # doctest: +SKIP
(0.81, 0.64)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.metrics import cohen_kappa_score, mean_absolute_error
from sklearn.model_selection import KFold

from grader.core.pipeline import Marker
from grader.core.segment import segment_many
from grader.errors import CalibrationError, DocumentError
from grader.io.documents import check_text
from grader.learn.answer_model import AnswerModel, answer_frame, answer_row
from grader.learn.store import LearnedMarker, data_hash, default_model_path, save_learned
from grader.settings import Settings
from grader.types import Rubric


@dataclass(frozen=True)
class Calibration:
    """What ``grader calibrate`` did.

    ``cv`` holds ``learned_qwk`` and ``learned_mae`` (5-fold cross-validated: each
    answer predicted by a model not fitted on it) and ``zero_shot_qwk`` /
    ``zero_shot_mae`` (the rubric's own marks, nothing fitted), all against the
    teacher's marks. ``warnings`` says why the sample may be too small.
    """

    path: Path
    rubric_id: str
    n_answers: int
    n_differ: int
    cv: dict[str, float]
    warnings: tuple[str, ...]
    skipped: tuple[str, ...] = ()


def zero_shot_frame(
    marker: Marker, essays: Sequence[tuple[str, str]]
) -> tuple[pd.DataFrame, np.ndarray, list[int], list[str]]:
    """Mark ``(id, text)`` pairs zero-shot; their :func:`answer_frame`, marks, kept rows, skips.

    An answer grader cannot mark (empty, too long) is skipped with its reason.
    """
    kept: list[int] = []
    skipped: list[str] = []
    good: list[tuple[str, str]] = []
    for index, (essay_id, text) in enumerate(essays):
        try:
            check_text(text, source=essay_id, max_chars=marker.settings.max_chars)
        except DocumentError as exc:
            skipped.append(f"{essay_id}: {exc}")
            continue
        kept.append(index)
        good.append((essay_id, text))
    docs = segment_many(good, sentences_per_block=marker.settings.sentences_per_block)
    vectors = marker.encoder.encode([s.text for d in docs for s in d.sentences])
    rows, marks, offset = [], [], 0
    for doc in docs:
        own = vectors[offset : offset + len(doc.sentences)]
        offset += len(doc.sentences)
        result = marker.assess(doc, own)
        rows.append(answer_row(result, own, marker.point_vectors))
        marks.append(result.level.mark)
    return answer_frame(rows), np.array(marks, dtype=int), kept, skipped


def _qwk(a: np.ndarray, b: np.ndarray) -> float:
    score = cohen_kappa_score(a, b, weights="quadratic", labels=np.union1d(a, b))
    return 0.0 if np.isnan(score) else float(score)


def cross_validated(model: AnswerModel, frame: pd.DataFrame, y: np.ndarray) -> np.ndarray:
    """Out-of-fold marks: each answer predicted by ``model`` fitted on the other folds."""
    folds = KFold(n_splits=min(5, len(y)), shuffle=True, random_state=0)
    out = np.zeros(len(y), dtype=int)
    for train, test in folds.split(frame):
        if len(np.unique(y[train])) < 2:  # a fold with one mark only: predict it
            out[test] = y[train][0]
            continue
        out[test] = clone(model).fit(frame.iloc[train], y[train]).predict(frame.iloc[test])
    return out


def calibrate_answers(
    rubric: Rubric,
    answers: Sequence[tuple[str, str, int]],
    *,
    settings: Settings | None = None,
    marker: Marker | None = None,
    path: str | Path | None = None,
    source: str = "",
) -> Calibration:
    """Fit the learned marker on a teacher's ``(id, text, mark)`` answers and save it.

    Parameters
    ----------
    rubric : Rubric
        The question's mark scheme (the model is tied to its hash).
    answers : sequence of (str, str, int)
        Answer id, text and the teacher's mark (``0..rubric.max_mark``).
    settings : Settings, optional
        Marking settings (``calibrate_min_answers`` and ``calibrate_warn_below`` apply).
    marker : Marker, optional
        A loaded zero-shot marker for ``rubric`` to reuse.
    path : str or Path, optional
        Where to save; default ``<user data folder>/models/<rubric id>.joblib``.
    source : str
        What the marks were read from (recorded in the metadata).

    Raises
    ------
    CalibrationError
        Too few answers, a single mark, or a mark outside the rubric's range.
    """
    marker = marker or Marker(rubric, settings=settings)
    settings = marker.settings
    where = source or "the marked answers"
    bad = [(i, m) for i, _, m in answers if not 0 <= m <= rubric.max_mark]
    if bad:
        raise CalibrationError(
            f"{where}: the mark of '{bad[0][0]}' is {bad[0][1]}, outside 0-{rubric.max_mark} "
            f"for {rubric.id}. Correct it and calibrate again."
        )
    frame, zero_shot, kept, skipped = zero_shot_frame(marker, [(i, t) for i, t, _ in answers])
    used = [answers[k] for k in kept]
    y = np.array([m for _, _, m in used], dtype=int)
    if len(y) < settings.calibrate_min_answers or len(np.unique(y)) < 2:
        raise CalibrationError(
            f"{where}: {len(y)} markable answer(s) with {len(np.unique(y))} different mark(s); "
            f"calibrating needs at least {settings.calibrate_min_answers} answers and two "
            f"different marks. Mark more answers, or keep the zero-shot marks."
        )
    model = AnswerModel()
    predicted = cross_validated(model, frame, y)
    cv = {
        "learned_qwk": _qwk(y, predicted),
        "learned_mae": float(mean_absolute_error(y, predicted)),
        "zero_shot_qwk": _qwk(y, zero_shot),
        "zero_shot_mae": float(mean_absolute_error(y, zero_shot)),
    }
    warnings = []
    if len(y) < settings.calibrate_warn_below:
        warnings.append(
            f"only {len(y)} marked answers: on the ASAP-SAS questions a learned model needed "
            f"about {settings.calibrate_warn_below} to beat zero-shot marking (more where the "
            f"zero-shot marks are already good); mark more answers and calibrate again."
        )
    if cv["learned_qwk"] <= cv["zero_shot_qwk"]:
        warnings.append(
            f"the learned model (cross-validated QWK {cv['learned_qwk']:.2f}) does not beat "
            f"the zero-shot marks (QWK {cv['zero_shot_qwk']:.2f}) on these answers; mark more "
            f"answers, or mark without it (--level-model none)."
        )
    ids, texts = [i for i, _, _ in used], [t for _, t, _ in used]
    learned = LearnedMarker(
        model.fit(frame, y),
        {
            "rubric_id": rubric.id,
            "rubric_version": rubric.version,
            "rubric_hash": marker.rubric_hash,
            "embedding_model": settings.model,
            "settings": settings.as_dict(),
            "learner": model.get_params(),
            "training_data_sha256": data_hash(ids, texts, y.tolist()),
            "n_training_answers": int(len(y)),
            "marks_seen": [int(m) for m in np.unique(y)],
            "cross_validated": cv,
            "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "source": source,
        },
    )
    saved = save_learned(learned, path or default_model_path(rubric.id))
    return Calibration(
        path=saved,
        rubric_id=rubric.id,
        n_answers=len(y),
        n_differ=int((zero_shot != y).sum()),
        cv=cv,
        warnings=tuple(warnings),
        skipped=tuple(skipped),
    )
