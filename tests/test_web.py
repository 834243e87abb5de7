"""The web app through FastAPI's TestClient: pages, feedback, limits and safety."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from grader.apps.web import MarkerCache, WebLimits, create_app

from .conftest import MODEL_ESSAY, ROOT
from .hostile_files import docx_bytes

pytestmark = pytest.mark.slow

# Small limits so the tests can cross them with small files.
LIMITS = WebLimits(max_essay_bytes=50_000, max_batch_bytes=300_000, max_batch_files=3)
ESSAY = MODEL_ESSAY.read_text(encoding="utf-8")

SCHEME = """How far did canals change British industry?
Change
- The Bridgewater Canal (1761) halved the price of coal in Manchester.
- Wedgwood's <b>pottery</b> reached ports with far fewer breakages.
Continuity
- Most goods still moved by road and coastal shipping.
"""


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("grader-data")


class FormClient(TestClient):
    """A browser on the app's own pages: every form it posts carries the page's token."""

    def token(self) -> str:
        if "grader_form" not in self.cookies:
            self.get("/health")
        return self.cookies["grader_form"]

    def post(self, url, *args, data=None, **kwargs):  # type: ignore[override]
        data = {**(data or {}), "form_token": self.token()}
        return super().post(url, *args, data=data, **kwargs)


@pytest.fixture(scope="module")
def client(data_dir, ussr_marker) -> TestClient:
    cache = MarkerCache()
    cache.put(ussr_marker)
    app = create_app(data_dir, limits=LIMITS, markers=cache)
    return FormClient(app, base_url="http://127.0.0.1:8000")


def test_student_page_offers_rubrics_paste_and_upload(client):
    page = client.get("/").text
    assert '<option value="ussr-1920s"' in page
    assert '<textarea id="essay" name="essay"' in page
    assert 'accept=".txt,.md,.docx,.pdf"' in page
    assert "up to 50 kB" in page


def test_pasted_essay_gets_highlighted_feedback(client):
    response = client.post("/feedback", data={"rubric": "ussr-1920s", "essay": ESSAY})
    assert response.status_code == 200
    page = response.text
    assert page.count('<mark class="credited"') >= 9
    assert '<span class="tag credited">7 s-rapallo</span>' in page
    assert "Not covered (the success side): “The incoming Labour government of 1929" in page


def test_script_in_an_essay_is_shown_as_text(client):
    essay = "<script>alert(1)</script>\n\n" + ESSAY
    page = client.post("/feedback", data={"rubric": "ussr-1920s", "essay": essay}).text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_docx_upload_is_read_and_marked(client):
    files = {"file": ("my essay.docx", docx_bytes(ESSAY), "application/octet-stream")}
    response = client.post("/feedback", data={"rubric": "ussr-1920s", "essay": ""}, files=files)
    assert response.status_code == 200, response.text
    assert "Feedback on my essay.docx" in response.text
    assert response.text.count('<mark class="credited"') >= 9


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF with a real text layer (TrueType fonts, so pypdf can read it)."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    with matplotlib.rc_context({"pdf.fonttype": 42}):
        figure = plt.figure(figsize=(8.3, 11.7))
        figure.text(0.05, 0.95, text, va="top", fontsize=8, wrap=True)
        buffer = io.BytesIO()
        figure.savefig(buffer, format="pdf")
        plt.close(figure)
    return buffer.getvalue()


def test_pdf_upload_is_read_and_marked(client):
    essay = (
        "The Treaty of Rapallo with Germany in 1922 was the USSR's greatest success, because "
        "the two outcasts cancelled their debts, opened trade and trained the German army on "
        "Soviet soil, which ended Soviet isolation in Europe."
    )
    files = {"file": ("answer.pdf", pdf_bytes(essay), "application/pdf")}
    response = client.post("/feedback", data={"rubric": "ussr-1920s"}, files=files)
    assert response.status_code == 200, response.text
    assert "Feedback on answer.pdf" in response.text
    assert re.search(
        r'<mark class="credited" title="[^"]*s-rapallo[^"]*">The Treaty of Rapallo', response.text
    )


def test_oversize_essay_file_is_refused_with_a_message(client):
    files = {"file": ("big.txt", b"word " * 12_000, "text/plain")}
    response = client.post("/feedback", data={"rubric": "ussr-1920s"}, files=files)
    assert response.status_code == 413
    assert (
        "big.txt: the file is over the limit of 50 kB for an essay. Upload a smaller file "
        "(or paste the text)." in response.text
    )


def test_request_over_the_cap_is_refused_before_parsing(client):
    files = {"file": ("huge.txt", b"x" * 1_200_000, "text/plain")}
    response = client.post("/feedback", data={"rubric": "ussr-1920s"}, files=files)
    assert response.status_code == 413
    assert "over the limit of 1.1 MB. Upload a smaller file, or fewer scripts" in response.text


def test_unreadable_kind_of_file_is_refused_by_name(client):
    files = {"file": ("run.exe", b"MZ\x00\x00", "application/octet-stream")}
    response = client.post("/feedback", data={"rubric": "ussr-1920s"}, files=files)
    assert response.status_code == 400
    assert "run.exe: cannot read this kind of file. Upload .txt, .md, .docx, .pdf" in response.text


def test_empty_essay_gets_the_library_message(client):
    response = client.post("/feedback", data={"rubric": "ussr-1920s", "essay": "  "})
    assert response.status_code == 400
    assert "[D002] pasted essay: the script is empty (2 characters but no letters" in response.text


@pytest.mark.parametrize(
    "name",
    [
        "no-such-rubric",  # unknown name: the list of choices is given
        "../../etc/passwd",  # a path is never opened: only listed names are
    ],
)
def test_unknown_rubric_is_refused_without_touching_files(client, name):
    response = client.post("/feedback", data={"rubric": name, "essay": ESSAY})
    assert response.status_code == 400
    assert "is not available. Choose one of:" in response.text
    assert "root:" not in response.text


def test_rubric_page_lists_points_and_bands(client):
    page = client.get("/rubrics/ussr-1920s").text
    assert "s-rapallo" in page and "Treaty of Berlin" in page
    assert "<td>5</td><td>18–20</td>" in page
    assert '<a href="/rubrics/league-1920s">' in client.get("/rubrics").text


def test_pasted_scheme_preview_then_save(client, data_dir):
    form = {"rubric_id": "canals", "scheme": SCHEME, "bands_from": "ussr-1920s"}
    preview = client.post("/import", data={**form, "action": "preview"})
    assert preview.status_code == 200
    assert "Preview: 3 points on 2 side(s)" in preview.text
    assert "&lt;b&gt;pottery&lt;/b&gt;" in preview.text and "<b>pottery" not in preview.text
    saved = client.post("/import", data={**form, "action": "save"}, follow_redirects=False)
    assert saved.status_code == 303 and saved.headers["location"] == "/?rubric=canals"
    assert (data_dir / "rubrics" / "canals.yaml").is_file()
    assert '<option value="canals" selected>' in client.get("/?rubric=canals").text


def test_pasted_point_list_with_no_bands_chosen_uses_the_default_bands_and_says_so(client):
    # the form offers grader's default bands first, and chooses them unless told otherwise
    form_page = client.get("/import").text
    assert (
        '<option value="" selected>grader\'s default essay bands (levels 0-5, 0-20 marks)'
        "</option>" in form_page
    )
    form = {"rubric_id": "canals-default", "scheme": SCHEME, "bands_from": ""}
    preview = client.post("/import", data={**form, "action": "preview"})
    assert preview.status_code == 200
    assert "<td>5</td><td>18–20</td>" in preview.text
    assert (
        "Import warning: pasted: no marks or levels stated, so grader&#39;s default essay bands "
        "were used (levels 0-5, 0-20 marks). To use your own, pass --levels FILE or "
        "--count-scores (in the web app, borrow another rubric&#39;s bands)." in preview.text
    )
    borrowed = client.post("/import", data={**form, "bands_from": "ussr-1920s"})
    assert "Import warning" not in borrowed.text


def test_bad_rubric_id_is_explained(client):
    response = client.post(
        "/import", data={"rubric_id": "../x", "scheme": SCHEME, "bands_from": "ussr-1920s"}
    )
    assert response.status_code == 400
    assert (
        "[R001] pasted: rubric id &#39;../x&#39; must be lower-case letters, digits and "
        "&#39;-&#39; (at most 64), e.g. &#39;ussr-1920s&#39;." in response.text
    )


def zipped(files: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in files.items():
            archive.writestr(name, text)
    return buffer.getvalue()


def test_batch_with_too_many_scripts_is_refused(client):
    upload = zipped({f"s{i}.txt": ESSAY[:300] for i in range(4)})
    files = {"scripts": ("class.zip", upload, "application/zip")}
    response = client.post("/teacher/batch", data={"rubric": "ussr-1920s"}, files=files)
    assert response.status_code == 413
    assert "class.zip: 4 scripts, over the limit of 3 per upload." in response.text


def test_batch_upload_gives_spreadsheet_and_reports(client, data_dir):
    pytest.importorskip("grader.apps.batch")
    upload = zipped({"amy.txt": ESSAY, "../../escape.txt": ESSAY[:900]})
    files = {"scripts": ("class.zip", upload, "application/zip")}
    response = client.post("/teacher/batch", data={"rubric": "ussr-1920s"}, files=files)
    assert response.status_code == 200, response.text
    links = sorted(set(re.findall(r'href="(/batch/[0-9a-f]{32}/[a-z.]+)"', response.text)))
    assert [link.rsplit("/", 1)[1] for link in links] == sorted(
        ["marks.csv", "marks.xlsx", "reports.zip", "summary.html"]
    )
    csv = client.get(next(link for link in links if link.endswith("marks.csv")))
    assert csv.status_code == 200 and "amy" in csv.text
    assert not (data_dir.parent / "escape.txt").exists()


def test_downloads_only_serve_known_files(client):
    assert client.get("/batch/" + "0" * 32 + "/marks.csv").status_code == 404
    assert client.get("/batch/..%2F..%2Frubrics/canals.yaml").status_code == 404


def test_serve_listens_on_localhost_by_default():
    from typer.testing import CliRunner

    from grader.apps.cli import app

    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "[default: 127.0.0.1]" in result.output
    assert "Example: grader serve --port 8000" in result.output


def test_pasted_levels_scheme_brings_its_own_bands(client):
    # a levels-of-response scheme: its bands are used, not the ones picked in the form
    scheme = (ROOT / "rubrics" / "sources" / "history-main-cause-16.txt").read_text(
        encoding="utf-8"
    )
    form = {"rubric_id": "versailles", "scheme": scheme, "bands_from": "ussr-1920s"}
    preview = client.post("/import", data={**form, "action": "preview"})
    assert preview.status_code == 200
    assert "Preview: 8 points on 2 side(s)" in preview.text
    assert "<td>4</td><td>13–16</td>" in preview.text
    assert "18–20" not in preview.text
