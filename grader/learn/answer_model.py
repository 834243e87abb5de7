"""A mark learned from marked answers: the answer's text and grader's rubric evidence, stacked.

Short answers to one question are marked the same way again and again, so a few
hundred marked answers teach a model more than any rubric wording can. The learner
here stacks per-block regressions of the mark, each fitted on one view of the answer:

- ``words``: TF-IDF of word 1-2-grams -> ridge regression;
- ``chars``: TF-IDF of character 2-5-grams inside word boundaries -> ridge (spelling-robust);
- ``embedding``: the answer's mean MiniLM sentence vector -> ridge;
- ``rubric``: grader's per-point evidence (:func:`grader.learn.point_features.result_features`:
  best similarity to each key element, credited / named / unmet, the count-rule mark) -> ridge;
- ``zero_shot``: grader's own zero-shot mark, as it is (so with few marked answers the
  stack can stay near the transparent mark and learn a correction to it).

A non-negative linear stacker combines the blocks' out-of-fold predictions, and
:func:`~grader.learn.ordinal.fit_cut_points` cuts its output into marks at the
QWK-optimal points (fitted on out-of-fold output too). Everything follows
scikit-learn's estimator contract, over a :class:`pandas.DataFrame` with one row per
answer (see :func:`answer_frame`).

Examples
--------
>>> frame = answer_frame(results, vectors)           # doctest: +SKIP
>>> model = AnswerModel(max_mark=3).fit(frame, marks)  # doctest: +SKIP
>>> model.predict(answer_frame(new_results, new_vectors))  # doctest: +SKIP
array([0, 2, 1, ...])
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin, clone
from sklearn.compose import ColumnTransformer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LinearRegression, LogisticRegression, Ridge
from sklearn.model_selection import KFold
from sklearn.preprocessing import StandardScaler
from sklearn.utils.validation import check_is_fitted

from grader.learn.ordinal import fit_cut_points
from grader.learn.point_features import result_features
from grader.types import MarkResult

BLOCKS: tuple[str, ...] = ("words", "chars", "embedding", "rubric", "zero_shot")
#: The zero-shot mark's column (:func:`grader.learn.point_features.result_features`).
ZERO_SHOT = "rubric:count_mark"
TEXT = "text"
EMBEDDING_PREFIX = "emb:"
RUBRIC_PREFIX = "rubric:"


def answer_row(
    result: MarkResult, sentence_vectors: np.ndarray, point_vectors: np.ndarray | None = None
) -> dict[str, Any]:
    """One answer's columns: its text, mean sentence vector and rubric features.

    Parameters
    ----------
    result : MarkResult
        The answer as grader marked it (zero-shot).
    sentence_vectors : ndarray of shape (n_sentences, dim)
        L2-normalised sentence embeddings of ``result.document``.
    point_vectors : ndarray of shape (n_points, dim), optional
        The rubric points' embeddings; gives each point's best sentence similarity.
    """
    row: dict[str, Any] = {TEXT: result.document.text}
    if len(sentence_vectors):
        mean = sentence_vectors.mean(axis=0)
        mean = mean / (np.linalg.norm(mean) or 1.0)
    else:
        mean = np.zeros(0)
    for k, value in enumerate(mean):
        row[f"{EMBEDDING_PREFIX}{k}"] = float(value)
    similarity = (
        sentence_vectors @ point_vectors.T
        if point_vectors is not None and len(sentence_vectors)
        else None
    )
    for name, value in result_features(result, similarity).items():
        row[f"{RUBRIC_PREFIX}{name}"] = value
    return row


def answer_frame(rows: Sequence[dict[str, Any]]) -> pd.DataFrame:
    """Rows of :func:`answer_row` as a frame (missing embedding columns become 0)."""
    return pd.DataFrame(list(rows)).fillna(0.0)


def _columns(frame: pd.DataFrame, prefix: str) -> list[str]:
    return [c for c in frame.columns if str(c).startswith(prefix)]


class _Identity(RegressorMixin, BaseEstimator):
    """The one input column as the prediction (the zero-shot mark block)."""

    def fit(self, X: Any, y: Any) -> _Identity:
        self.fitted_ = True
        return self

    def predict(self, X: Any) -> np.ndarray:
        return np.asarray(X, dtype=float)[:, 0]


class ExpectedMark(RegressorMixin, BaseEstimator):
    """A classifier's expected mark (``predict_proba @ classes_``), used as a regressor."""

    def __init__(self, classifier: Any) -> None:
        self.classifier = classifier

    def fit(self, X: Any, y: Any) -> ExpectedMark:
        y = np.asarray(y)
        self.constant_ = float(y[0]) if len(np.unique(y)) < 2 else None
        if self.constant_ is None:
            self.classifier_ = clone(self.classifier).fit(X, y.astype(int))
        return self

    def predict(self, X: Any) -> np.ndarray:
        if self.constant_ is not None:
            return np.full(X.shape[0], self.constant_)
        proba = self.classifier_.predict_proba(X)
        return np.asarray(proba @ self.classifier_.classes_.astype(float))


class AnswerModel(ClassifierMixin, BaseEstimator):
    """Marks from the answer's text and rubric evidence, stacked and cut at QWK-optimal points.

    Each block turns the frame into a matrix (TF-IDF vectorisers and the scaler are
    fitted on the training answers' text and features, never on marks) and fits a
    ridge regression of the mark. One ``cv``-fold pass gives every block's
    out-of-fold predictions; a non-negative linear stacker is fitted on them, and the
    cut points on the stacker's out-of-fold output, so neither sees a prediction made
    by a block fitted on the same answer. The blocks are then refitted on all answers.

    Parameters
    ----------
    blocks : tuple of str
        Which views to stack, from :data:`BLOCKS`.
    alpha : float
        Penalty of every block's head (features are TF-IDF rows, unit vectors or
        standardised rubric features, so one penalty suits all); a logistic head uses
        ``C = 1 / alpha``.
    head : {"ridge", "logistic"}
        Each block's model: a ridge regression of the mark, or a logistic regression
        whose expected mark (``predict_proba @ classes``) is the block's prediction.
    cv : int
        Folds for the out-of-fold predictions.
    random_state : int
        Seed of the fold shuffle.

    Attributes
    ----------
    transformers_ : dict of str to transformer
        Each block's fitted vectoriser / column selection.
    regressors_ : dict of str to Ridge
        Each block's ridge regression, fitted on all training answers.
    stacker_ : LinearRegression
        Non-negative weights of the blocks' predictions.
    cut_points_ : ndarray
        Where the stacked score is cut into marks (one fewer than ``classes_``).
    classes_ : ndarray
        The marks seen in training.
    columns_ : list of str
        The frame's columns in training; :meth:`predict` aligns new frames to them.
    """

    def __init__(
        self,
        blocks: tuple[str, ...] = BLOCKS,
        alpha: float = 3.0,
        head: Literal["ridge", "logistic"] = "ridge",
        cv: int = 5,
        random_state: int = 0,
    ) -> None:
        self.blocks = blocks
        self.alpha = alpha
        self.head = head
        self.cv = cv
        self.random_state = random_state

    def _head(self, block: str) -> Any:
        if block == "zero_shot":
            return _Identity()
        if self.head == "ridge":
            return Ridge(alpha=self.alpha)
        if self.head == "logistic":
            return ExpectedMark(LogisticRegression(C=1.0 / self.alpha, max_iter=2000))
        raise ValueError(f"Unknown head {self.head!r}; expected 'ridge' or 'logistic'.")

    def _transformer(self, name: str, frame: pd.DataFrame) -> Any:
        if name == "words":
            vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
            return ColumnTransformer([(name, vectorizer, TEXT)])
        if name == "chars":
            vectorizer = TfidfVectorizer(
                analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True
            )
            return ColumnTransformer([(name, vectorizer, TEXT)])
        if name == "embedding":
            return ColumnTransformer([(name, "passthrough", _columns(frame, EMBEDDING_PREFIX))])
        if name == "rubric":
            selected = _columns(frame, RUBRIC_PREFIX)
            return ColumnTransformer([(name, StandardScaler(), selected)])
        if name == "zero_shot":
            return ColumnTransformer([(name, "passthrough", [ZERO_SHOT])])
        raise ValueError(f"Unknown block {name!r}; expected some of {list(BLOCKS)}.")

    def fit(self, X: pd.DataFrame, y: Any) -> AnswerModel:
        """Fit on an :func:`answer_frame` ``X`` and marks ``y``; returns ``self``."""
        y = np.asarray(y, dtype=float)
        if not self.blocks:
            raise ValueError(f"blocks is empty; expected some of {list(BLOCKS)}.")
        self.columns_ = list(X.columns)
        self.classes_ = np.unique(y).astype(int)
        self.transformers_ = {b: self._transformer(b, X).fit(X) for b in self.blocks}
        matrices = {b: t.transform(X) for b, t in self.transformers_.items()}
        folds = KFold(
            n_splits=max(2, min(self.cv, len(y))), shuffle=True, random_state=self.random_state
        )
        out_of_fold = np.zeros((len(y), len(self.blocks)))
        for train, test in folds.split(out_of_fold):
            for k, block in enumerate(self.blocks):
                ridge = self._head(block).fit(matrices[block][train], y[train])
                out_of_fold[test, k] = ridge.predict(matrices[block][test])
        self.stacker_ = LinearRegression(positive=True).fit(out_of_fold, y)
        self.cut_points_ = fit_cut_points(
            self.stacker_.predict(out_of_fold), y.astype(int), self.classes_.astype(float)
        )
        self.regressors_ = {b: self._head(b).fit(matrices[b], y) for b in self.blocks}
        return self

    def predict_score(self, X: pd.DataFrame) -> np.ndarray:
        """The stack's continuous mark, before cutting (shape (n,))."""
        check_is_fitted(self)
        X = self._align(X)
        columns = [
            self.regressors_[b].predict(self.transformers_[b].transform(X)) for b in self.blocks
        ]
        return np.asarray(self.stacker_.predict(np.column_stack(columns)), dtype=float)

    def predict(self, X: pd.DataFrame) -> np.ndarray:
        """Marks, int array of shape (n,)."""
        return self.classes_[np.searchsorted(self.cut_points_, self.predict_score(X))]

    def cut_points(self) -> np.ndarray:
        """Where :meth:`predict_score` is cut into marks (one fewer than ``classes_``)."""
        check_is_fitted(self)
        return np.asarray(self.cut_points_)

    def _align(self, X: pd.DataFrame) -> pd.DataFrame:
        """``X`` with the training columns, in order (absent ones 0)."""
        return X.reindex(columns=self.columns_, fill_value=0.0)
