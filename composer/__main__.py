"""`python -m composer` and the `report-composer` command."""

import gc


def run() -> int:
    """The command line, with Python's cyclic garbage collector off while it imports: its
    passes over everything pydantic, reportlab and the model make (~9 M instructions, 1% of
    a one-report process) free nothing; `cli.main` turns it back on for a batch or the server."""
    gc.disable()
    from .cli import main

    return main()


if __name__ == "__main__":  # not when a spawned worker process imports it
    raise SystemExit(run())
