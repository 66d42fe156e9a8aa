"""A bounded run of the coverage-guided fuzzer over the loader and the importer."""

import importlib.util
import subprocess
import sys

import pytest

from conftest import REPO

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("atheris") is None, reason="atheris is not installed (pip install atheris)"
)


@pytest.mark.parametrize("target, seeds", [("loader", "tests/corpus"), ("importer", "tests/data")])
def test_fuzzing_finds_no_crash(target, seeds, tmp_path):
    result = subprocess.run(
        [sys.executable, str(REPO / "fuzz" / "fuzz_inputs.py"), target, "-max_total_time=15",
         "-rss_limit_mb=2048", "-timeout=10", f"-artifact_prefix={tmp_path}/", str(REPO / seeds)],
        capture_output=True, text=True, cwd=REPO, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert not list(tmp_path.iterdir()), "the fuzzer wrote a crash reproducer"
