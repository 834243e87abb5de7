"""Render the web app's pages to PNG (docs/screenshots/) with the system's Chromium.

    python scripts/web_screenshots.py [--out docs/screenshots]

Starts the app on a free local port with a temporary data folder, fills the forms as
a student and a teacher would, and saves full-page screenshots. Needs Playwright
(dev extra) and ``chromium`` (``apt-get install -y chromium``); downloads nothing.
"""

from __future__ import annotations

import argparse
import io
import shutil
import socket
import tempfile
import threading
import time
import zipfile
from pathlib import Path

import uvicorn
from playwright.sync_api import sync_playwright

from grader.apps.web import create_app

ROOT = Path(__file__).resolve().parents[1]
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def class_zip(essay: str, short: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("amira.txt", essay)
        archive.writestr("ben.txt", short)
        archive.writestr("chen.txt", short.split("\n\n", 2)[1])
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise SystemExit("chromium not found: apt-get install -y chromium")
    model_essay = (ROOT / "examples" / "ussr-1920s-model-essay.txt").read_text(encoding="utf-8")
    short_answer = (ROOT / "examples" / "ussr-1920s-short-answer.txt").read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory() as data:
        port = free_port()
        server = uvicorn.Server(
            uvicorn.Config(create_app(data), host="127.0.0.1", port=port, log_level="warning")
        )
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        while not server.started:
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium, args=ARGS)
                page = browser.new_page(viewport={"width": 1100, "height": 900})
                page.set_default_timeout(180_000)  # the first request loads the model

                def shot(name: str, full: bool = True) -> None:
                    page.screenshot(path=str(args.out / f"{name}.png"), full_page=full)
                    print(args.out / f"{name}.png")

                page.goto(base + "/?rubric=ussr-1920s")
                page.fill("#essay", short_answer)
                shot("student-form", full=False)
                page.click("button[type=submit]")
                page.wait_for_selector("[data-testid=essay]", timeout=120_000)
                shot("student-feedback")
                page.goto(base + "/rubrics/ussr-1920s")
                shot("rubric")
                page.goto(base + "/teacher?rubric=ussr-1920s")
                shot("teacher-form", full=False)
                page.set_input_files(
                    "#scripts",
                    files=[
                        {
                            "name": "class-10b.zip",
                            "mimeType": "application/zip",
                            "buffer": class_zip(model_essay, short_answer),
                        }
                    ],
                )
                page.click("button[type=submit]")
                page.wait_for_selector("h1", timeout=120_000)
                shot("teacher-batch")
                browser.close()
        finally:
            server.should_exit = True
            thread.join(timeout=10)


if __name__ == "__main__":
    main()
