"""A learned marker saved for one question, and where grader looks for it.

``grader calibrate`` fits :class:`~grader.learn.answer_model.AnswerModel` on a teacher's
marked answers and saves it, with what it was fitted on (rubric id and hash, embedding
model, training-data hash, size, date, cross-validated figures), as
``<user data folder>/models/<rubric id>.joblib`` (see
:func:`grader.scheme.places.user_data_dir`).
Single-file ``mark``, ``feedback``, batch marking and the web app all load it through
:func:`model_for` and hand it to :class:`~grader.core.pipeline.Marker`, so every view
of one answer shows the same mark. A model fitted on another rubric (or embedding
model) is refused with :class:`~grader.errors.ModelRubricMismatch`.

A saved model is a pickle (joblib): load only files you or your school made.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from grader.errors import LevelModelError, ModelRubricMismatch
from grader.scheme.places import user_data_dir
from grader.types import LevelEstimate, MarkResult, Rubric

if TYPE_CHECKING:  # scikit-learn is imported only when a model is used (fast cold start)
    from grader.learn.answer_model import AnswerModel
    from grader.learn.level_model import LevelModel

FORMAT = "grader-answer-model/1"


@dataclass
class LearnedMarker:
    """An :class:`AnswerModel` for one rubric, with its provenance.

    :class:`~grader.core.pipeline.Marker` calls :meth:`mark_answer` after the zero-shot
    mark and refuses a model whose ``rubric_hash`` is not its rubric's.
    """

    model: AnswerModel
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def rubric_hash(self) -> str:
        return str(self.metadata.get("rubric_hash", ""))

    @property
    def embedding_model(self) -> str:
        return str(self.metadata.get("embedding_model", ""))

    def mark_answer(
        self,
        result: MarkResult,
        sentence_vectors: np.ndarray,
        point_vectors: np.ndarray,
        rubric: Rubric,
    ) -> LevelEstimate:
        """The learned mark of one answer; its zero-shot mark is kept as ``rule_mark``.

        ``result`` is the zero-shot marking (after screening), ``sentence_vectors`` its
        sentences' embeddings (n_sentences, dim) and ``point_vectors`` the rubric
        points' (n_points, dim). The confidence grows with the distance of the
        learner's score from the nearest cut point (0.5 on a cut, at most 0.95).
        """
        from grader.core.level.rules import band_for_mark
        from grader.learn.answer_model import answer_frame, answer_row

        frame = answer_frame([answer_row(result, sentence_vectors, point_vectors)])
        score = float(self.model.predict_score(frame)[0])
        mark = int(self.model.predict(frame)[0])
        cuts = self.model.cut_points()
        margin = float(np.min(np.abs(cuts - score))) if len(cuts) else 0.5
        rules = result.level
        level, descriptor = mark, rules.descriptor
        if rubric.levels:
            band = band_for_mark(rubric, mark)
            level, descriptor = band.level, band.descriptor
        n = self.metadata.get("n_training_answers", "?")
        return replace(
            rules,
            level=level,
            mark=mark,
            confidence=round(min(0.5 + margin, 0.95), 2),
            descriptor=descriptor,
            explanation=(
                f"Learned from {n} marked answers to this question: {mark} "
                f"(score {score:.2f}); the rubric's rule gave {rules.mark}. "
                f"Rule: {rules.explanation}"
            ),
            method="learned",
            rule_mark=rules.mark if rules.rule_mark is None else rules.rule_mark,
            rule_level=rules.level if rules.rule_level is None else rules.rule_level,
        )


def rubric_fingerprint(rubric: Rubric) -> str:
    from grader.scheme.rubric import rubric_hash

    return rubric_hash(rubric)


def data_hash(ids: list[str], texts: list[str], marks: list[int]) -> str:
    """sha256 of the training answers and marks (identifies the calibration data)."""
    digest = hashlib.sha256()
    for essay_id, text, mark in zip(ids, texts, marks, strict=True):
        digest.update(f"{essay_id}\x1f{text}\x1f{mark}\x1e".encode())
    return digest.hexdigest()


def default_model_path(rubric_id: str) -> Path:
    """``<user data folder>/models/<rubric id>.joblib``."""
    return user_data_dir("models") / f"{rubric_id}.joblib"


def save_learned(learned: LearnedMarker, path: str | Path) -> Path:
    """Write the model and its metadata (also as ``path`` + ``.json``)."""
    import json

    import joblib
    import sklearn

    path = Path(path)
    metadata = {**learned.metadata, "format": FORMAT, "sklearn_version": sklearn.__version__}
    metadata.setdefault("created", dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    path.parent.mkdir(parents=True, exist_ok=True)
    joblib.dump({"model": learned.model, "metadata": metadata}, path)
    path.with_name(path.name + ".json").write_text(
        json.dumps(metadata, indent=2, default=str),
        encoding="utf-8",
    )
    return path


def load_any(path: str | Path) -> LearnedMarker | LevelModel:
    """A learned marker, or an older level model (:mod:`grader.learn.level_model`)."""
    import joblib

    from grader.learn.level_model import FORMAT as LEVEL_FORMAT
    from grader.learn.level_model import load_model

    path = Path(path)
    if not path.is_file():
        raise LevelModelError(
            f"Could not find model file {path}. Make one with 'grader calibrate' or check the path."
        )
    try:
        payload = joblib.load(path)
    except Exception as exc:  # joblib raises many types for a bad file
        raise LevelModelError(
            f"Could not read model file {path}: {exc}. Re-create it with 'grader calibrate'."
        ) from exc
    kind = payload.get("metadata", {}).get("format") if isinstance(payload, dict) else None
    if kind == LEVEL_FORMAT:
        return load_model(path)[0]
    if kind != FORMAT:
        raise LevelModelError(
            f"{path} is not a grader model (expected format '{FORMAT}'). "
            "Re-create it with 'grader calibrate'."
        )
    return LearnedMarker(payload["model"], {**payload["metadata"], "path": str(path)})


def check_fits(model: LearnedMarker, rubric: Rubric, embedding_model: str) -> None:
    """Refuse a model fitted on another rubric or embedding model (L003)."""
    where = model.metadata.get("path", "the calibrated model")
    theirs = model.metadata.get("rubric_id", "?")
    if model.rubric_hash != rubric_fingerprint(rubric):
        raise ModelRubricMismatch(
            f"{where} was calibrated on rubric '{theirs}' (hash {model.rubric_hash[:12]}), "
            f"not on this rubric '{rubric.id}' (hash {rubric_fingerprint(rubric)[:12]}); "
            f"a changed rubric needs new marks. Run 'grader calibrate' for this rubric, or "
            f"mark without it (--level-model none)."
        )
    if model.embedding_model and model.embedding_model != embedding_model:
        raise ModelRubricMismatch(
            f"{where} was calibrated with the embedding model '{model.embedding_model}', "
            f"but this run uses '{embedding_model}'. Mark with --model "
            f"{model.embedding_model}, or calibrate again."
        )


def model_for(
    rubric: Rubric, option: str | Path | None = None, *, embedding_model: str = ""
) -> LearnedMarker | LevelModel | None:
    """The model to mark ``rubric`` with: ``option`` (a path, or ``"none"``), else the saved one.

    Returns ``None`` (zero-shot marking) when ``option`` is ``"none"`` or nothing was
    calibrated for this rubric.
    """
    if option is not None and str(option) == "none":
        return None
    path = Path(option) if option is not None else default_model_path(rubric.id)
    if option is None and not path.is_file():
        return None
    model = load_any(path)
    if isinstance(model, LearnedMarker):
        check_fits(model, rubric, embedding_model or model.embedding_model)
    return model
