"""The web app in a real browser: Playwright driving the system's Chromium.

Install Chromium with ``apt-get install -y chromium`` (``.ci/run`` does); these tests
skip only when no Chromium binary is found. No browser is ever downloaded.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from grader.apps.web import MarkerCache, WebLimits, create_app

from .conftest import MODEL_ESSAY
from .test_web import docx_bytes

pytestmark = pytest.mark.slow

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LIMITS = WebLimits(max_essay_bytes=50_000)
ESSAY = MODEL_ESSAY.read_text(encoding="utf-8")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, ussr_marker):
    import uvicorn

    cache = MarkerCache()
    cache.put(ussr_marker)
    app = create_app(tmp_path_factory.mktemp("web-data"), limits=LIMITS, markers=cache)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    uv = uvicorn.Server(config)
    thread = threading.Thread(target=uv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not uv.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    uv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if CHROMIUM is None:
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.dialogs = dialogs  # type: ignore[attr-defined]
    yield page
    context.close()


def test_paste_an_essay_and_get_highlighted_feedback(server, page):
    page.goto(server + "/")
    page.select_option("#rubric", "ussr-1920s")
    page.fill("#essay", ESSAY)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=essay]")
    assert page.locator("[data-testid=level]").inner_text().startswith("Level ")
    assert page.locator("[data-testid=essay] mark.credited").count() >= 9
    label = page.locator("[data-testid=essay] .tag.credited", has_text="s-rapallo")
    assert label.count() >= 1 and label.first.is_visible()
    rapallo = page.locator("mark[title*=s-rapallo]", has_text="the Treaty of Rapallo with Germany")
    assert rapallo.count() == 1


def test_upload_a_docx(server, page, tmp_path: Path):
    essay = tmp_path / "history essay.docx"
    essay.write_bytes(docx_bytes(ESSAY))
    page.goto(server + "/")
    page.select_option("#rubric", "ussr-1920s")
    page.set_input_files("#file", str(essay))
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=essay]")
    assert page.locator("h1").inner_text() == "Feedback on history essay.docx"
    assert page.locator("[data-testid=essay] mark.credited").count() >= 9


def test_a_script_essay_is_shown_escaped(server, page):
    page.goto(server + "/")
    page.fill("#essay", "<script>alert(1)</script>\n\n" + ESSAY)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-testid=essay]")
    assert page.locator("[data-testid=essay]").inner_text().startswith("<script>alert(1)</script>")
    assert page.locator("script").count() == 0
    assert page.dialogs == []  # type: ignore[attr-defined]


def test_an_oversize_upload_is_refused_with_a_message(server, page, tmp_path: Path):
    big = tmp_path / "long.txt"
    big.write_bytes(b"history " * 10_000)
    page.goto(server + "/")
    page.set_input_files("#file", str(big))
    page.click("button[type=submit]")
    message = page.locator("[data-testid=error]")
    assert message.inner_text() == (
        "[W001] long.txt: the file is over the limit of 50 kB for an essay. Upload a smaller "
        "file (or paste the text)."
    )
    assert page.locator("h1").inner_text() == "Could not mark this essay"


def test_a_request_over_the_cap_is_refused_before_reading_it(server, page, tmp_path: Path):
    huge = tmp_path / "huge.pdf"
    huge.write_bytes(b"%PDF-1.4\n" + b"0" * 1_500_000)
    page.goto(server + "/")
    page.set_input_files("#file", str(huge))
    page.click("button[type=submit]")
    message = page.locator("[data-testid=error]").inner_text()
    assert message.startswith("[W001] The upload is 1.5 MB, over the limit of 1.1 MB.")
