"""Coverage-guided fuzzing (atheris) of the YAML loader and the importer.

    python fuzz/fuzz_inputs.py loader   -max_total_time=60 NEW_DIR tests/corpus
    python fuzz/fuzz_inputs.py importer -max_total_time=60 NEW_DIR tests/data

libFuzzer writes the inputs it finds into the first folder: give it a scratch one.

The contract under test: any bytes end in a Report or in a ReportError whose problems are all
known codes; any other exception is a crash that atheris reports with the input that caused it.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["composer"]):
    import composer
    from composer.problems import MESSAGES

SUFFIXES = (".txt", ".md", ".html", ".docx")


def _check(error: composer.ReportError) -> None:
    unknown = [p for p in error.problems if p.code not in MESSAGES]
    if not error.problems or unknown:
        raise AssertionError(f"problems without a message: {unknown or 'none at all'}")


def fuzz_loader(data: bytes) -> None:
    with tempfile.NamedTemporaryFile(suffix=".yaml") as file:
        file.write(data)
        file.flush()
        try:
            composer.load(Path(file.name))
        except composer.ReportError as error:
            _check(error)


def fuzz_importer(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    suffix = SUFFIXES[provider.ConsumeIntInRange(0, len(SUFFIXES) - 1)]
    with tempfile.NamedTemporaryFile(suffix=suffix) as file:
        file.write(provider.ConsumeBytes(len(data)))
        file.flush()
        try:
            composer.import_report(file.name)
        except composer.ReportError as error:
            _check(error)


TARGETS = {"loader": fuzz_loader, "importer": fuzz_importer}

if __name__ == "__main__":
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
