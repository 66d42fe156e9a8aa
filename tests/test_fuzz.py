"""A bounded run of the coverage-guided fuzzer over the loader and the importer."""

import importlib.util
import subprocess
import sys

import pytest

from conftest import REPO

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        importlib.util.find_spec("atheris") is None, reason="atheris is not installed (pip install atheris)"
    ),
]


@pytest.mark.parametrize(
    "target, seeds", [("loader", ["tests/corpus", "samples"]), ("importer", ["tests/data", "tests/data/import"])]
)
def test_fuzzing_finds_no_crash(target, seeds, tmp_path):
    found = tmp_path / "found"  # libFuzzer adds new inputs to its first corpus folder: not the repository's
    artifacts = tmp_path / "artifacts"
    found.mkdir()
    artifacts.mkdir()
    result = subprocess.run(
        [sys.executable, str(REPO / "fuzz" / "fuzz_inputs.py"), target, "-max_total_time=15",
         "-rss_limit_mb=2048", "-timeout=10", f"-artifact_prefix={artifacts}/", str(found), *(str(REPO / s) for s in seeds)],
        capture_output=True, text=True, cwd=REPO, env={"PYTHONPATH": str(REPO), "PATH": "/usr/bin:/bin"},
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert not list(artifacts.iterdir()), "the fuzzer wrote a crash reproducer"
