"""Shared fixtures: the samples, and the CLI run as a user runs it (a separate process)."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"
SEED_YAML = SAMPLES / "datong-keji-2023.yaml"
SEED_TEXT = REPO / "tests" / "data" / "seed-web-copy.txt"  # ../shared/seed, as copied from the web page
ALL_SAMPLES = sorted(SAMPLES.glob("*.yaml"))

# The tests' font copies and records go to a cache folder of their own, which every process they
# start inherits: the fuzzers draw thousands of random characters, and a user's own cache
# (~/.cache/report-composer) would keep copies of all of them, and every later render would read them.
# Each pytest-xdist worker imports this file and makes a folder of its own: a test that damages a
# record meets no other worker's render.
_CACHE = tempfile.mkdtemp(prefix="report-composer-tests-")
os.environ["REPORT_COMPOSER_CACHE"] = _CACHE
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)


SOFFICE = shutil.which("soffice")


def to_pdf(data: bytes, name: str, folder: Path) -> Path:
    """LibreOffice's PDF of a DOCX, with a private user profile so parallel runs do not clash."""
    source = folder / f"{name}.docx"
    source.write_bytes(data)
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
         "--convert-to", "pdf", "--outdir", str(folder), str(source)],
        check=True, capture_output=True, timeout=240,
    )
    return folder / f"{name}.pdf"


def run_cli(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`report-composer ARGS` in a fresh process, using this checkout's code."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "REPORT_COMPOSER_LANG": "zh"}
    return subprocess.run(
        [sys.executable, "-m", "composer", *args],
        input=stdin.decode("utf-8") if stdin is not None else None,
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd or REPO,
        timeout=300,
    )


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="session")
def seed_report():
    import composer

    return composer.load(SEED_YAML)
