"""The ASAP-SAS benchmark script on a tiny subset (skipped without ../shared)."""

import json
from pathlib import Path

import pytest

from .conftest import SHARED

ASAP = SHARED / "datasets" / "asap-sas"
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(not (ASAP / "splits").is_dir(), reason=f"ASAP-SAS not found at {ASAP}"),
]


def test_test_split_is_sealed_until_the_final_step():
    from benchmarks.asap_sas import SealedSplit, Splits

    splits = Splits(ASAP, subset=3)
    assert len(splits.load(5, "train")) == 3
    with pytest.raises(SealedSplit):
        splits.load(5, "test")
    splits.open_test()
    assert list(splits.load(5, "test").columns)[:2] == ["Id", "EssaySet"]


def test_subset_run_writes_json_and_table_reading_test_last(tmp_path: Path, monkeypatch):
    from benchmarks import asap_sas

    order: list[str] = []
    original = asap_sas.Splits.load

    def recording_load(self, set_id, split):
        order.append(split)
        return original(self, set_id, split)

    monkeypatch.setattr(asap_sas.Splits, "load", recording_load)
    code = asap_sas.main(
        [
            "--data",
            str(ASAP),
            "--sets",
            "5",
            "--subset",
            "20",
            "--out",
            str(tmp_path),
            "--no-cache",
            "--bootstrap",
            "50",
        ]
    )
    assert code == 0
    assert order == ["train", "val", "test"]  # test read once, after the choice
    results = json.loads((tmp_path / "asap_sas_subset20.json").read_text(encoding="utf-8"))
    row = results["sets"]["5"]
    assert row["n"] == {"train": 20, "val": 20, "test": 20}
    for key in ("zero_shot_test_qwk", "calibrated_test_qwk"):
        value = row[key]["value"]
        assert value is None or -1.0 <= value <= 1.0
    assert row["calibrated_choice"] in row["val_candidates"]
    table = (tmp_path / "asap_sas_subset20.md").read_text(encoding="utf-8")
    assert table.splitlines()[0].startswith("| set | human-human QWK (train) |")
    assert table.splitlines()[2].startswith("| 5 | ")


def test_merge_combines_parallel_parts_in_set_order(tmp_path: Path):
    from benchmarks.asap_sas import merge

    row = {
        "n": {"train": 1, "val": 1, "test": 1},
        "human_human_qwk_train": 0.9,
        "zero_shot_test_qwk": {"value": 0.5, "ci_low": 0.4, "ci_high": 0.6},
        "calibrated_test_qwk": {"value": 0.7, "ci_low": 0.6, "ci_high": 0.8},
        "calibrated_choice": "gradient boosting",
        "calibrated_val_qwk": 0.75,
        "majority_baseline_test_qwk": 0.0,
    }
    (tmp_path / "parts").mkdir()
    for name, sets in (("b", ["10"]), ("a", ["2"])):
        part = {"sets": {s: row for s in sets}, "settings": {"seconds": 1.0}}
        (tmp_path / "parts" / f"{name}.json").write_text(json.dumps(part), encoding="utf-8")
    assert merge(tmp_path) == 0
    lines = (tmp_path / "asap_sas.md").read_text(encoding="utf-8").splitlines()
    assert [line.split(" | ")[0] for line in lines[2:]] == ["| 2", "| 10"]


def test_learned_subset_run_writes_learning_curves_reading_test_last(tmp_path: Path, monkeypatch):
    from benchmarks import asap_learned, asap_sas

    order: list[str] = []
    original = asap_sas.Splits.load

    def recording_load(self, set_id, split):
        order.append(split)
        return original(self, set_id, split)

    monkeypatch.setattr(asap_sas.Splits, "load", recording_load)
    args = ["--data", str(ASAP), "--sets", "5", "--subset", "40", "--out", str(tmp_path)]
    code = asap_learned.main([*args, "--no-cache", "--bootstrap", "20", "--curve-sizes", "25"])
    assert code == 0
    assert order == ["train", "val", "test"]  # test read once, after the choice
    results = json.loads((tmp_path / "asap_sas_learned_subset40.json").read_text("utf-8"))
    row = results["sets"]["5"]
    assert row["n"] == {"train": 40, "val": 40, "test": 40}
    assert row["learned_choice"] in row["learned_val_candidates"]
    assert -1.0 <= row["learned_test_qwk"]["value"] <= 1.0
    curve = results["learning_curves"]["5"]["learning_curve"]
    assert [p["n_marked"] for p in curve] == [25, 80]  # 25 drawn, then all of train + val
    assert results["settings"]["cpu_seconds"] > 0
    assert not (tmp_path / "asap_sas.json").exists()  # a subset never replaces the table
