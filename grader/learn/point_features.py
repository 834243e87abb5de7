"""Numeric features of a marked script, for calibrating grader to a set of human marks.

The same features serve every rubric: per point, its best and second-best similarity
to any sentence, its status (credited / name-dropped), whether a keyword named it and
whether the evidence lacked a term the scheme requires (``requires``); per script,
the number of points credited and named, the count-rule mark, the relevance to the
question and the length. A
scikit-learn model fitted on these (see ``benchmarks/asap_sas.py``) learns how the
markers of one question weigh grader's evidence.
"""

from __future__ import annotations

import math

import numpy as np

from grader.core.match import UNMET_REASON
from grader.types import MarkResult


def result_features(result: MarkResult, similarity: np.ndarray | None = None) -> dict[str, float]:
    """Features of one marked script.

    Parameters
    ----------
    result : MarkResult
        The script's marking.
    similarity : ndarray of shape (n_sentences, n_points), optional
        ``similarity[i, j] = cos(sentence i, point j)``; when given, each point's best
        similarity over all sentences is used (otherwise the match score).

    Returns
    -------
    dict of str to float, with the same keys, in the same order, for every script of
    one rubric.

    Examples
    --------
    >>> features = result_features(result)  # doctest: +SKIP
    >>> features["n_credited"], features["sim:k-osmosis"]  # doctest: +SKIP
    (2.0, 0.71)
    """
    has_sim = similarity is not None and similarity.size > 0
    best = similarity.max(axis=0) if has_sim else None  # type: ignore[union-attr]
    ranked = np.sort(similarity, axis=0) if has_sim else None  # type: ignore[arg-type]
    features: dict[str, float] = {}
    for j, match in enumerate(result.matches):
        features[f"sim:{match.point_id}"] = float(best[j]) if best is not None else match.score
        second = ranked[-2, j] if ranked is not None and len(ranked) > 1 else 0.0
        features[f"sim2:{match.point_id}"] = float(second)
        features[f"unmet:{match.point_id}"] = float(match.reason.startswith(UNMET_REASON))
        features[f"credited:{match.point_id}"] = float(match.status == "credited")
        features[f"named:{match.point_id}"] = float(match.status == "name_dropped")
        features[f"keyword:{match.point_id}"] = float(any(e.keyword for e in match.evidence))
    sims = sorted((features[f"sim:{m.point_id}"] for m in result.matches), reverse=True)
    for k in range(3):
        features[f"top_sim_{k + 1}"] = sims[k] if k < len(sims) else 0.0
    features["n_credited"] = float(len(result.credited))
    features["n_named"] = float(len(result.name_dropped))
    features["count_mark"] = float(result.level.mark)
    features["relevance"] = float(result.argument.relevance)
    features["log_words"] = math.log1p(result.document.word_count)
    features["sentences"] = float(len(result.document.sentences))
    return features
