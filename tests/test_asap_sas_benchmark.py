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
