"""The vectorised matcher gives exactly the records the loop-based one gave."""

from __future__ import annotations

import random

import pytest

from grader.core.match import token_scores
from grader.core.segment import segment_many
from grader.scheme.keywords import _token_similarity

from . import match_reference as reference

pytestmark = pytest.mark.slow


def reference_matches(marker, doc, vectors):
    similarity = vectors @ marker.point_vectors.T
    anchors = reference.point_anchors(marker.points)
    return reference.match_points(
        doc, marker.points, similarity, marker.settings, anchors, marker.rubric.question
    )


def assert_same_as_reference(marker, essays):
    docs = segment_many(essays)
    all_vectors = marker.encoder.encode([s.text for doc in docs for s in doc.sentences])
    offset = 0
    for doc in docs:
        vectors = all_vectors[offset : offset + len(doc.sentences)]
        offset += len(doc.sentences)
        assert marker.assess(doc, vectors).matches == reference_matches(marker, doc, vectors), (
            doc.id
        )


def misspell(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    k = rng.randrange(1, len(word) - 1)
    return word[:k] + word[k + 1 :]


def synthetic_essays(marker, n: int, seed: int) -> list[tuple[str, str]]:
    """Essays built from the rubric's own wording, names, misspelt names, other years,
    bare lists of names and list items: the cases each matcher rule handles."""
    rng = random.Random(seed)
    points = list(marker.points)
    names = [k for p in points for k in p.keywords]
    filler = [
        "This mattered a great deal because it changed how other countries behaved.",
        "Historians still disagree about how far this went.",
        "It showed that relations could improve, which meant trade grew.",
        "Photosynthesis happens in the chloroplasts of plants.",
        "In 1931 something else entirely happened.",
    ]
    essays = []
    for e in range(n):
        paragraphs = []
        for _ in range(rng.randint(1, 5)):
            sentences = []
            for _ in range(rng.randint(1, 6)):
                kind = rng.randrange(6)
                point = rng.choice(points)
                if kind == 0:
                    sentences.append(point.text)
                elif kind == 1 and names:
                    chosen = rng.sample(names, min(len(names), rng.randint(2, 5)))
                    sentences.append("There was " + ", ".join(chosen) + ".")
                elif kind == 2 and point.keywords:
                    word = misspell(rng.choice(point.keywords), rng)
                    sentences.append(f"The {word} of {rng.randint(1900, 1935)} mattered.")
                elif kind == 3 and names:
                    sentences.append(f"- {rng.choice(names)}")
                else:
                    sentences.append(rng.choice(filler))
            paragraphs.append(" ".join(sentences) if rng.random() < 0.8 else "\n".join(sentences))
        essays.append((f"synthetic-{e}", "\n\n".join(paragraphs)))
    return essays


@pytest.mark.parametrize(
    "marker_name",
    [
        "ussr_marker",  # rubric whose points share anchors and carry years
        "league_marker",  # a second rubric, other names and sides
    ],
)
def test_vectorised_matcher_equals_reference_on_a_synthetic_batch(marker_name, request):
    marker = request.getfixturevalue(marker_name)
    assert_same_as_reference(marker, synthetic_essays(marker, n=25, seed=8))


def test_vectorised_matcher_equals_reference_on_the_devset(devset, ussr_marker, league_marker):
    for marker, question in ((ussr_marker, "q1"), (league_marker, "q2")):
        essays = [
            (path.name, path.read_text(encoding="utf-8"))
            for path in sorted((devset / "essays").glob(f"dev-{question}-*.txt"))
        ]
        assert essays
        assert_same_as_reference(marker, essays)


def test_token_scores_follow_the_keyword_rule_for_every_pair():
    anchors = ["rapallo", "1922", "1920", "genoa", "dawes", "zinoviev", "nep"]
    candidates = ["rapalo", "rapallo", "1922", "1920s", "1922s", "genoa", "geneva", "dawes",
                  "zinovief", "nep", "news", "x", "19", "rapallos", "22"]  # fmt: skip
    scores = token_scores(anchors, candidates)
    for a, anchor in enumerate(anchors):
        for t, candidate in enumerate(candidates):
            assert scores[a, t] == _token_similarity(anchor, candidate), (anchor, candidate)
