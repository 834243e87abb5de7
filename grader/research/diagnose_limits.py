"""Where a figure becomes a finding in ``grader rubric check`` (:mod:`grader.research.diagnose`)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Thresholds:
    """Where a figure becomes a finding.

    Attributes
    ----------
    overlap_min : float
        Cosine similarity of two points' wording at which they overlap (the matcher
        takes a sentence 0.75 alike to a point as a paraphrase of it).
    vague_question_min : float
        Similarity to the question itself that marks a point as generic.
    vague_neighbour_min, vague_neighbours : float, int
        A point this similar to at least this many other points is generic.
    vague_content_words : int
        Fewer content words (not stop words) than this is too little to match.
    thin_side_points : int
        A side with fewer points than this is thin.
    descriptor_wording_min : float
        rapidfuzz ``token_sort_ratio`` (0-100) of two adjacent level descriptors at
        which they read as the same.
    descriptor_meaning_min : float
        Cosine similarity of two adjacent descriptors at which they mean the same.
    always_credited : float
        Credit rate at or above which a point does not discriminate.
    often_name_dropped : float
        Name-drop rate at or above which it is reported.
    low_kappa : float
        Cohen's kappa with the human labels below which agreement is poor.
    low_r_pb : float
        Point-biserial correlation with the human mark below which a point does
        not discriminate.
    min_scripts : int
        Fewest marked scripts for any rate or correlation to be reported.
    """

    overlap_min: float = 0.70
    vague_question_min: float = 0.60
    vague_neighbour_min: float = 0.50
    vague_neighbours: int = 3
    vague_content_words: int = 5
    thin_side_points: int = 2
    descriptor_wording_min: float = 85.0
    descriptor_meaning_min: float = 0.90
    always_credited: float = 0.90
    often_name_dropped: float = 0.30
    low_kappa: float = 0.40
    low_r_pb: float = 0.20
    min_scripts: int = 5
