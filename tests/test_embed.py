"""Embeddings: the disk cache of rubric vectors and the fast (static) model."""

from __future__ import annotations

import numpy as np
import pytest

from grader.core import embed
from grader.core.embed import encode_cached, text_key

pytestmark = pytest.mark.slow

POINTS = ["The Treaty of Rapallo restored relations with Germany.", "The Zinoviev letter."]


class Refuses:
    """An encoder that must not be called: the vectors have to come from the cache."""

    def __init__(self, like):
        self.name, self.dimension = like.name, like.dimension

    def encode(self, texts):
        raise AssertionError("encoded again instead of reading the disk cache")


@pytest.fixture()
def empty_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("GRADER_CACHE", str(tmp_path))
    monkeypatch.setattr(embed, "_TEXT_CACHE", {})
    return tmp_path


def test_a_disk_cache_hit_returns_identical_arrays(ussr_marker, empty_cache):
    encoder = ussr_marker.encoder
    first = encode_cached(encoder, POINTS)
    stored = empty_cache / "embeddings" / f"{text_key(encoder, POINTS)}.npy"
    assert stored.is_file()
    embed._TEXT_CACHE.clear()  # a new process: only the disk copy is left
    again = encode_cached(Refuses(encoder), POINTS)
    assert again.dtype == np.float32 and again.shape == first.shape
    assert np.array_equal(again, first)


def test_the_cache_key_changes_with_the_texts_and_the_model(ussr_marker):
    encoder = ussr_marker.encoder
    assert text_key(encoder, POINTS) != text_key(encoder, POINTS[:1])
    other = Refuses(encoder)
    other.name = "fast"
    assert text_key(other, POINTS) != text_key(encoder, POINTS)


def test_a_corrupt_cache_file_is_recomputed_not_fatal(ussr_marker, empty_cache):
    encoder = ussr_marker.encoder
    stored = empty_cache / "embeddings" / f"{text_key(encoder, POINTS)}.npy"
    stored.parent.mkdir(parents=True)
    stored.write_bytes(b"not an array")
    vectors = encode_cached(encoder, POINTS)
    assert np.array_equal(vectors, encoder.encode(POINTS))
    assert np.array_equal(np.load(stored), vectors)


def test_the_fast_model_gives_unit_norm_float32_vectors():
    pytest.importorskip("model2vec")
    fast = embed.get_encoder("fast")
    vectors = fast.encode(["The Treaty of Rapallo was signed in 1922.", "Cells need energy.", ""])
    assert vectors.dtype == np.float32
    assert vectors.shape == (3, fast.dimension)
    assert np.allclose(np.linalg.norm(vectors[:2], axis=1), 1.0, atol=1e-5)
    similar = fast.encode(["Rapallo treaty with Germany", "The Treaty of Rapallo, 1922"])
    unrelated = fast.encode(["Rapallo treaty with Germany", "Photosynthesis in green plants"])
    assert similar[0] @ similar[1] > unrelated[0] @ unrelated[1]
