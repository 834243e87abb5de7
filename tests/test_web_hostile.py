"""The web app under hostile input (issue #20): one test per finding, on 127.0.0.1 only."""

from __future__ import annotations

import os
import re
import stat
import threading
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from grader.apps.web import MarkerCache, WebLimits, create_app
from grader.apps.web.batches import BatchStore
from grader.apps.web.work import in_process, wait_idle, warm
from grader.errors import WorkTooLong
from tests.hostile_files import (
    docx_bomb,
    malformed_docx,
    with_bad_crc,
    with_encrypted_flag,
    zipped,
)
from tests.test_web import SCHEME, FormClient

from .conftest import MODEL_ESSAY

pytestmark = pytest.mark.slow

LIMITS = WebLimits(max_essay_bytes=100_000, max_batch_bytes=300_000, max_batch_files=3)
ESSAY = MODEL_ESSAY.read_text(encoding="utf-8")
BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("hostile-data")


@pytest.fixture(scope="module")
def app(data_dir, ussr_marker):
    warm()  # the reader processes start once per server, before its first request
    cache = MarkerCache()
    cache.put(ussr_marker)
    return create_app(data_dir, limits=LIMITS, markers=cache)


@pytest.fixture(scope="module")
def client(app) -> FormClient:
    return FormClient(app, base_url=BASE)


@pytest.fixture
def stranger(app) -> TestClient:
    """A client that never loaded the app's pages (no form token)."""
    return TestClient(app, base_url=BASE)


def import_form(rubric_id: str, **extra: str) -> dict[str, str]:
    return {"rubric_id": rubric_id, "scheme": SCHEME, "bands_from": "ussr-1920s", **extra}


# ----------------------------------------------------------------- 3. the .docx bomb


def test_a_docx_bomb_upload_is_refused_in_under_two_seconds(client):
    files = {"file": ("essay.docx", docx_bomb(), "application/octet-stream")}
    start = time.perf_counter()
    response = client.post("/feedback", data={"rubric": "ussr-1920s"}, files=files)
    assert time.perf_counter() - start < 2.0
    assert response.status_code == 413
    assert "[D005] essay.docx: word/document.xml unpacks" in response.text


# ----------------------------------------------------------------- 5. counted on parsed rows


def test_a_csv_with_cr_only_rows_is_counted_on_its_rows(client):
    rows = ["student,text"] + [f"s{i},{ESSAY.split(chr(10))[0]}" for i in range(4)]
    files = {"scripts": ("class.csv", "\r".join(rows).encode(), "text/csv")}
    response = client.post("/teacher/batch", data={"rubric": "ussr-1920s"}, files=files)
    assert response.status_code == 413
    assert "[D005] class.csv: 4 scripts, over the limit of 3 per upload." in response.text


# ----------------------------------------------------------------- 6. cross-site requests


def test_a_form_from_another_site_is_refused_and_saves_nothing(client, data_dir):
    headers = {"Origin": "http://evil.example"}
    form = {**import_form("evil-one"), "action": "save", "form_token": client.token()}
    response = TestClient(client.app, base_url=BASE, cookies=client.cookies).post(
        "/import", data=form, headers=headers
    )
    assert response.status_code == 403
    assert "[W002] A form from another site (http://evil.example)" in response.text
    assert not (data_dir / "rubrics" / "evil-one.yaml").exists()


def test_a_form_without_the_page_token_is_refused(stranger, data_dir):
    form = {**import_form("evil-two"), "action": "save"}
    response = stranger.post("/import", data=form)
    assert response.status_code == 403
    assert "[W002] The form has expired or came from another site." in response.text
    assert not (data_dir / "rubrics" / "evil-two.yaml").exists()


def test_another_host_name_is_refused(app):
    rebound = TestClient(app, base_url="http://attacker.example:8000")
    response = rebound.get("/")
    assert response.status_code == 400
    assert "[W002] The address &#39;attacker.example:8000&#39; is not one" in response.text


@pytest.mark.parametrize("path", ["/", "/rubrics", "/health", "/no-such-page"])
def test_every_response_carries_the_security_headers(client, path):
    headers = client.get(path).headers
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "default-src 'none'" in headers["content-security-policy"]
    assert headers["x-frame-options"] == "DENY"
    assert headers["x-content-type-options"] == "nosniff"


def test_saving_over_an_existing_rubric_needs_replace(client, data_dir):
    save = {**import_form("canal-ids"), "action": "save"}
    first = client.post("/import", data=save, follow_redirects=False)
    assert first.status_code == 303
    again = client.post("/import", data={**import_form("canal-ids"), "action": "save"})
    assert again.status_code == 400
    assert "A saved rubric is already called &#39;canal-ids&#39;. Tick" in again.text
    changed = SCHEME.replace("Most goods", "Nearly all goods")
    form = {**import_form("canal-ids"), "scheme": changed, "action": "save", "replace": "yes"}
    assert client.post("/import", data=form, follow_redirects=False).status_code == 303
    assert "Nearly all goods" in (data_dir / "rubrics" / "canal-ids.yaml").read_text()


# ----------------------------------------------------------------- 7. damaged files, no 500


def test_a_malformed_docx_is_a_coded_400(client):
    files = {"file": ("essay.docx", malformed_docx(), "application/octet-stream")}
    response = client.post("/feedback", data={"rubric": "ussr-1920s"}, files=files)
    assert response.status_code == 400
    assert "[D008] essay.docx: not a readable .docx file" in response.text


def test_an_encrypted_zip_is_a_coded_400(client):
    upload = with_encrypted_flag(zipped({"amy.txt": ESSAY[:800].encode()}))
    files = {"scripts": ("class.zip", upload, "application/zip")}
    response = client.post("/teacher/batch", data={"rubric": "ussr-1920s"}, files=files)
    assert response.status_code == 400
    assert "[D004] class.zip: amy.txt is encrypted (password-protected)" in response.text


def test_a_bad_crc_member_is_reported_unmarked_and_the_rest_marked(client):
    pytest.importorskip("grader.apps.batch")
    good = zipped({"amy.txt": ESSAY[:900].encode(), "ben.txt": b"Ben wrote about Locarno."})
    files = {"scripts": ("class.zip", with_bad_crc(good, b"Ben wrote"), "application/zip")}
    response = client.post("/teacher/batch", data={"rubric": "ussr-1920s"}, files=files)
    assert response.status_code == 200, response.text
    assert "[D004] class.zip: ben.txt: Bad CRC-32" in response.text
    assert "Marked 1 script(s) from class.zip" in response.text


# ----------------------------------------------------------------- 8. no server paths


def test_errors_name_the_uploaded_file_never_the_server_path(client, data_dir):
    files = {"scripts": ("class.csv", b"id,words\n1,hello\n", "text/csv")}
    response = client.post("/teacher/batch", data={"rubric": "ussr-1920s"}, files=files)
    assert response.status_code == 400
    assert "[D009] class.csv: no column named &#39;text&#39;." in response.text
    assert str(data_dir) not in response.text and "upload.csv" not in response.text


# ----------------------------------------------------------------- 10. retention


def test_stored_batches_are_private_and_can_be_deleted(client, data_dir):
    pytest.importorskip("grader.apps.batch")
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    files = {"scripts": ("class.zip", zipped({"amy.txt": ESSAY.encode()}), "application/zip")}
    page = client.post("/teacher/batch", data={"rubric": "ussr-1920s"}, files=files).text
    batch_id = re.search(r'action="/batch/([0-9a-f]{32})/delete"', page).group(1)
    folder = data_dir / "batches" / batch_id
    modes = {stat.S_IMODE(p.stat().st_mode) for p in [folder, *folder.rglob("*")] if p.is_file()}
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and modes == {0o600}
    assert "kept for 3.0 day(s), then deleted" in page
    deleted = client.post(f"/batch/{batch_id}/delete", follow_redirects=False)
    assert deleted.status_code == 303 and not folder.exists()


def test_a_failed_batch_is_not_kept(client, data_dir):
    before = set((data_dir / "batches").iterdir())
    files = {"scripts": ("class.csv", b"id,words\n1,hello\n", "text/csv")}
    assert client.post("/teacher/batch", data={"rubric": "ussr-1920s"}, files=files).is_error
    assert set((data_dir / "batches").iterdir()) == before


def test_batches_older_than_the_setting_are_swept(tmp_path):
    store = BatchStore(tmp_path / "batches", keep_days=3)
    old, _ = store.new(b"student,text\n", ".csv")
    new, _ = store.new(b"student,text\n", ".csv")
    four_days_ago = time.time() - 4 * 86_400
    os.utime(tmp_path / "batches" / old, (four_days_ago, four_days_ago))
    assert store.sweep() == [old]
    assert [p.name for p in (tmp_path / "batches").iterdir()] == [new]


# ----------------------------------------------------------------- 11. ids and binding


@pytest.mark.parametrize("rubric_id", ["zz.yaml", "a_b", "x:y", "Upper", "-x", "a" * 65])
def test_the_rubric_id_rule_is_the_one_stated(client, rubric_id, data_dir):
    response = client.post("/import", data={**import_form(rubric_id), "action": "save"})
    assert response.status_code == 400
    assert "must be lower-case letters, digits and &#39;-&#39; (at most 64)" in response.text
    assert not list((data_dir / "rubrics").glob(f"{rubric_id}*"))
    assert "(lower-case letters, digits and &#39;-&#39; (at most 64)" in client.get("/import").text


def test_serving_beyond_loopback_prints_a_warning():
    from grader.apps.cli.serve import beyond_loopback

    assert beyond_loopback("127.0.0.1") == beyond_loopback("localhost") == ""
    assert beyond_loopback("::1") == ""
    assert beyond_loopback("0.0.0.0").startswith(
        "Warning: listening on 0.0.0.0, so other machines on the network can reach the app"
    )


# ----------------------------------------------------------------- 1-3. off the event loop


def test_work_in_a_child_process_is_stopped_at_its_time_limit():
    import anyio

    start = time.perf_counter()
    with pytest.raises(WorkTooLong, match=r"^\[W003\] the scheme: stopped after 0.5 s"):
        anyio.run(lambda: in_process(time.sleep, 30, seconds=0.5, what="the scheme"))
    assert time.perf_counter() - start < 5


def test_health_answers_within_a_second_while_a_heavy_request_runs(tmp_path, ussr_marker):
    import httpx
    import uvicorn

    from tests.test_web_browser import free_port

    cache = MarkerCache()
    cache.put(ussr_marker)
    app = create_app(tmp_path, limits=WebLimits(max_essay_bytes=400_000), markers=cache)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=120) as browser:
            token = browser.get("/").cookies["grader_form"]
            heavy_essay = "\n\n".join([ESSAY] * 8)  # a long essay: seconds of marking
            outcome: dict[str, float] = {}

            def heavy() -> None:
                start = time.perf_counter()
                form = {"rubric": "ussr-1920s", "essay": heavy_essay, "form_token": token}
                browser.post("/feedback", data=form, files={"file": ("", b"")})
                outcome["heavy"] = time.perf_counter() - start

            worker = threading.Thread(target=heavy)
            worker.start()
            time.sleep(0.3)
            waits = []
            with httpx.Client(base_url=base, timeout=10) as other:
                while worker.is_alive() and len(waits) < 50:
                    start = time.perf_counter()
                    assert other.get("/health").text == "ok"
                    waits.append(time.perf_counter() - start)
                    time.sleep(0.1)
            worker.join()
    finally:
        server.should_exit = True
        thread.join(timeout=10)
    print(f"heavy {outcome['heavy']:.1f} s; /health slowest {max(waits):.3f} s of {len(waits)}")
    assert outcome["heavy"] > 1.0, "the heavy request was not heavy enough to show anything"
    assert len(waits) >= 3 and max(waits) < 1.0, waits


def test_marking_past_the_time_limit_is_answered_with_w003(tmp_path, ussr_marker):
    cache = MarkerCache()
    cache.put(ussr_marker)
    limits = WebLimits(max_essay_bytes=400_000, work_seconds=0.3)
    client = FormClient(create_app(tmp_path, limits=limits, markers=cache), base_url=BASE)
    essay = "\n\n".join([ESSAY] * 8)
    start = time.perf_counter()
    response = client.post("/feedback", data={"rubric": "ussr-1920s", "essay": essay})
    assert time.perf_counter() - start < 5
    assert response.status_code == 413
    assert "[W003] pasted essay: stopped after 0.3 s, the limit for one request." in response.text
    assert wait_idle(300)  # the abandoned thread finishes (as the app's shutdown waits for)


def test_the_zip_limit_counts_scripts_as_the_reader_does(client):
    # A Mac zip holds a __MACOSX twin of every file: 3 scripts are within a limit of 3.
    files = {f"s{i}.txt": ESSAY[:600].encode() for i in range(3)}
    files |= {f"__MACOSX/._s{i}.txt": b"\x00\x05\x16\x07" for i in range(3)}
    upload = {"scripts": ("class.zip", zipped(files), "application/zip")}
    response = client.post("/teacher/batch", data={"rubric": "ussr-1920s"}, files=upload)
    assert response.status_code == 200, response.text
    assert "Marked 3 script(s) from class.zip" in response.text


def test_a_cross_site_referer_is_refused_when_there_is_no_origin(client, data_dir):
    form = {**import_form("evil-three"), "action": "save", "form_token": client.token()}
    headers = {"Referer": "http://evil.example/page"}
    response = TestClient(client.app, base_url=BASE, cookies=client.cookies).post(
        "/import", data=form, headers=headers
    )
    assert response.status_code == 403
    assert not (data_dir / "rubrics" / "evil-three.yaml").exists()


def test_grader_serve_warns_when_bound_beyond_loopback(tmp_path, monkeypatch):
    # Finding 11: '--host 0.0.0.0' printed no warning. The server itself is not started.
    import uvicorn
    from typer.testing import CliRunner

    from grader.apps.cli import app as cli
    from grader.apps.web import MarkerCache

    served: dict[str, object] = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: served.update(kw, app=app))
    monkeypatch.setattr(MarkerCache, "warm", lambda self: None)
    wide = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--data", str(tmp_path)])
    assert wide.exit_code == 0, wide.output
    assert "Warning: listening on 0.0.0.0, so other machines" in wide.output
    assert served["host"] == "0.0.0.0"
    local = CliRunner().invoke(cli, ["serve", "--data", str(tmp_path), "--keep-days", "0.5"])
    assert local.exit_code == 0 and "Warning" not in local.output
    assert served["app"].state.web.batches.keep_days == 0.5  # the retention setting


def test_the_cli_import_enforces_the_same_rubric_id_rule(tmp_path, monkeypatch):
    # '--id ../../evil --save' wrote evil.yaml two folders above the rubrics folder.
    from typer.testing import CliRunner

    from grader.apps.cli import app as cli

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    scheme = tmp_path / "scheme.txt"
    scheme.write_text(SCHEME, encoding="utf-8")
    args = ["rubric", "import", str(scheme), "--id", "../../evil", "--count-scores", "2:2,1:1"]
    result = CliRunner().invoke(cli, [*args, "--save"])
    assert result.exit_code != 0
    assert "[R001] --id: rubric id '../../evil' must be lower-case letters, digits and '-'" in (
        result.output
    )
    assert not list(tmp_path.rglob("evil*"))
