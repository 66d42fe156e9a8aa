#!/usr/bin/env python3
"""report-composer beside its peers, side by side on this machine: prints one run's figures.

    python bench/peers.py            # the whole set, several minutes on a busy machine
    python bench/peers.py --quick    # fewer runs and a 40-report batch, to try it out

Whole process, for the seed and reports 5x and 20x its length (bench/generate.py), three ways
to the same PDF, run in turn (ours, Typst, LibreOffice, ours, ...) so that all meet the same
load on a shared machine:
- ours: `report-composer render seed.yaml -o seed.pdf`;
- Typst (`pip install typst`, the `bench` extra): a fresh Python process compiling a Typst
  source of the same report, written here from our composed blocks (A4, the GB/T 9704 margins,
  16 pt body on the 28.95 pt line pitch and the 28-character grid, the faces our layout
  resolved to, passed to Typst as font files and nothing else);
- LibreOffice: `soffice --headless --convert-to pdf` on our DOCX of the report.
Each gets its median wall time and the median CPU time (user + system) of the process and its
children: on a loaded machine a process waits for a core, which wall time counts and CPU time
does not. Then in process, warm: our seed PDF and DOCX beside a warm Typst compile of the seed;
the server's warm latency (one client, the seed PDF); and the batch of 200 distinct seed-sized
reports to DOCX and PDF. A peer that is not installed
is skipped with a line saying so. Figures are of this run on this machine, not promises.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import generate as gen
import run
import serve_load

import composer
from composer.blocks import (
    Addressee, Attachments, BlankLines, Block, Document, Heading, Note, Paragraph, Signature, Table, Title,
)
from composer.compose import compose
from composer.layout import faces as role_faces
from composer.layout.fonts import Face
from composer.profile import Profile

SIZES = (1, 5, 20)
# Targets of issue 21, on the seed, whole process (medians of runs in turn) and in process.
TYPST_RATIO = 1.0  # ours no slower than Typst
SOFFICE_RATIO = 5.0  # at least 5x faster than LibreOffice
WARM_LIMIT_MS = {"pdf": 50.0, "docx": 25.0}

# A fresh process compiling a Typst source to PDF with the given font files only.
_TYPST = ("import sys, typst; typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], "
          "ignore_system_fonts=True)")


# --- the report as a Typst source ---------------------------------------------------------------


def _string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _font(face: Face) -> str:
    """A Typst text style for a role: its face (then its fallback) at the face's weight."""
    families = [face.family] + ([face.fallback.family] if face.fallback else [])
    return f"font: ({', '.join(map(_string, families))},), weight: {face.weight}"


def font_folder(faces: dict[str, Face], folder: Path) -> str:
    """A folder of links to the font files of the faces (Typst searches folders, not files)."""
    folder.mkdir(exist_ok=True)
    for face in faces.values():
        for path in (face.path, face.fallback.path if face.fallback else None):
            if path is not None and not (folder / path.name).exists():
                (folder / path.name).symlink_to(path)
    return str(folder)


def typst_source(document: Document, profile: Profile, faces: dict[str, Face]) -> str:
    """The composed report as Typst markup, set to our page, grid and faces (not to every rule
    of our layout: enough that Typst does the same kind and amount of work)."""
    page, pitch, cell = profile.page, profile.line_pitch_pt, profile.char_pitch_pt
    body = profile.body.size.value
    roles = {1: "heading1", 2: "heading2"}
    ascent = float(profile.grid.em_ascent.value)
    gap = pitch - ascent * body

    def styled(role: str, text: str, size: float | None = None) -> str:
        sized = f", size: {size}pt" if size else ""
        return f"#text({_font(faces[role])}{sized})[#{_string(text)}]"

    def unindented(content: str, left_cells: float = 0.0) -> str:
        return f"#block(inset: (left: {left_cells * cell:.2f}pt))[#set par(first-line-indent: 0pt)\n{content}]"

    def block(item: Block) -> str:
        if isinstance(item, Title):
            lines = "\\\n".join(f"#{_string(line)}" for line in item.lines)
            size = profile.title.size.value
            return f"#align(center)[#set par(first-line-indent: 0pt)\n#text({_font(faces['title'])}, size: {size}pt)[{lines}]]"
        if isinstance(item, BlankLines):
            return f"#v({item.count * pitch:.2f}pt)"
        if isinstance(item, Heading):
            return styled(roles.get(item.level, "body"), item.full_text)
        if isinstance(item, Paragraph):
            lead = styled(roles.get(item.lead.level, "body"), item.lead.full_text) if item.lead else ""
            return lead + f"#{_string(item.text)}"
        if isinstance(item, Addressee):
            return unindented(f"#{_string(item.text)}")
        if isinstance(item, Table):
            size = profile.table.size.value
            cells = ", ".join(f"[#{_string(text)}]" for row in (item.header, *item.rows) for text in row)
            table = (f"#text(size: {size}pt)[#set par(first-line-indent: 0pt, leading: {profile.table.line_height.pt - size:.2f}pt)\n"
                     f"#table(columns: {len(item.header)}, {cells})]")
            return (unindented(f"#align(center)[#{_string(item.caption)}]") + "\n\n" if item.caption else "") + table
        if isinstance(item, Attachments):
            return unindented("\\\n".join(f"#{_string(text)}" for text in (item.label + item.items[0], *item.items[1:])),
                              float(profile.attachments.indent.value))
        if isinstance(item, Signature):
            return "\n\n".join(unindented(f"#{_string(line.text)}", line.start) for line in (item.signature, item.date))
        if isinstance(item, Note):
            return f"#{_string(item.text)}"
        raise TypeError(f"no Typst for {type(item).__name__}")

    number = profile.page_number
    footer = (f"context {{ let n = counter(page).get().first(); "
              f"align(if calc.odd(n) {{ right }} else {{ left }}, "
              f"pad(x: {float(number.indent.value) * number.size.value}pt, "
              f"text({_font(faces['page_number'])}, size: {number.size.value}pt)[{number.dash.value} #n {number.dash.value}])) }}")
    setup = [
        f"#set page(width: {page.width.pt:.2f}pt, height: {page.height.pt:.2f}pt, margin: (top: {page.margin_top.pt:.2f}pt, "
        f"left: {page.margin_left.pt:.2f}pt, bottom: {page.margin_bottom.pt:.2f}pt, right: {page.margin_right.pt:.2f}pt), "
        f"footer-descent: {profile.page_number.below_text.pt:.2f}pt, footer: {footer})",
        # Lines `pitch` apart, baseline to baseline (Typst's leading is from one line's
        # baseline to the next one's top edge); full-width characters on the grid's cell.
        f"#set text({_font(faces['body'])}, size: {body}pt, lang: \"zh\", region: \"cn\", "
        f"top-edge: {ascent}em, bottom-edge: \"baseline\", cjk-latin-spacing: none, tracking: {cell - body:.3f}pt)",
        f"#set par(justify: true, first-line-indent: (amount: {float(profile.body.first_line_indent.value)}em, all: true), "
        f"leading: {gap:.2f}pt, spacing: {gap:.2f}pt)",
        f"#set document(title: {_string(document.metadata.title)}, author: {_string(document.metadata.author)})",
    ]
    return "\n".join(setup) + "\n\n" + "\n\n".join(block(item) for item in document.body) + "\n"


# --- measuring ----------------------------------------------------------------------------------


def measured(args: Sequence[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the process and the children it waited for) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(args, capture_output=True, env=run.child_env(), check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode:
        output = (result.stdout + result.stderr).decode("utf-8", "replace")
        raise SystemExit(f"{' '.join(args[:4])} ... failed ({result.returncode}):\n{output}")
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def have_typst() -> bool:
    return importlib.util.find_spec("typst") is not None


def whole_process(folder: Path, reports: dict[int, composer.Report], runs: dict[int, int]) -> dict[int, dict[str, float]]:
    """Medians per size and peer, run in turn; returns the wall medians."""
    profile = composer.load_profile()
    faces = role_faces(profile)
    fonts = font_folder(faces, folder / "fonts")
    soffice = shutil.which("soffice")
    peers = ["ours"]
    if have_typst():
        peers.append("Typst")
    else:
        print("Typst: the typst package is not installed (pip install 'report-composer[bench]'): skipped")
    if soffice:
        peers.append("LibreOffice")
    else:
        print("LibreOffice: soffice is not installed: skipped")
    lo_profile = (folder / "lo-profile").as_uri()
    walls: dict[int, dict[str, float]] = {}
    seed_cpus: dict[str, float] = {}
    header = f"{'report':<10}{'pages':>6}" + "".join(f"{peer + ' s':>14}{'cpu s':>8}" for peer in peers)
    run.section("Whole process, to PDF, run in turn (median wall time; median CPU time, user + system)")
    print(header + "   each peer's wall time over ours (and CPU time)")
    for size, report in reports.items():
        yaml_path = gen.write(report, folder / f"seed-x{size}.yaml")
        docx = folder / f"seed-x{size}.docx"
        docx.write_bytes(composer.render(report, "docx"))
        source = folder / f"seed-x{size}.typ"
        source.write_text(typst_source(compose(report, profile), profile, faces), encoding="utf-8")
        commands = {
            "ours": [sys.executable, "-m", "composer", "-q", "render", str(yaml_path), "-o", str(folder / f"ours-x{size}.pdf")],
            "Typst": [sys.executable, "-c", _TYPST, str(source), str(folder / f"typst-x{size}.pdf"), fonts],
            "LibreOffice": [str(soffice), f"-env:UserInstallation={lo_profile}", "--headless", "--convert-to", "pdf",
                            "--outdir", str(folder / "lo"), str(docx)],
        }
        for peer in peers:  # warm-up: bytecode, font caches, LibreOffice's user profile
            measured(commands[peer])
        samples: dict[str, list[tuple[float, float]]] = {peer: [] for peer in peers}
        for _ in range(runs[size]):
            for peer in peers:
                samples[peer].append(measured(commands[peer]))
        walls[size] = {peer: statistics.median(wall for wall, _ in samples[peer]) for peer in peers}
        cpus = {peer: statistics.median(cpu for _, cpu in samples[peer]) for peer in peers}
        pages = composer.render_result(report, "pdf").pages
        row = f"{f'seed x{size}':<10}{pages:>6}" + "".join(f"{walls[size][peer]:>14.3f}{cpus[peer]:>8.3f}" for peer in peers)
        ratios = [f"{peer} {walls[size][peer] / walls[size]['ours']:.2f}x (cpu {cpus[peer] / cpus['ours']:.2f}x)"
                  for peer in peers[1:]]
        print(row + "   " + "; ".join(ratios))
        if size == 1:
            seed_cpus = cpus
    seed = walls[1]
    if "Typst" in seed:
        ratio, cpu = seed["Typst"] / seed["ours"], seed_cpus["Typst"] / seed_cpus["ours"]
        print(f"target seed: ours no slower than Typst (Typst's time over ours >= 1): {ratio:.2f}x, "
              f"{run.verdict(ratio >= TYPST_RATIO)} (by CPU time {cpu:.2f}x, {run.verdict(cpu >= TYPST_RATIO)})")
    if "LibreOffice" in seed:
        ratio, cpu = seed["LibreOffice"] / seed["ours"], seed_cpus["LibreOffice"] / seed_cpus["ours"]
        print(f"target seed: at least {SOFFICE_RATIO:.0f}x faster than LibreOffice: {ratio:.1f}x, "
              f"{run.verdict(ratio >= SOFFICE_RATIO)} (by CPU time {cpu:.1f}x, {run.verdict(cpu >= SOFFICE_RATIO)})")
    return walls


def in_process(folder: Path, seed: composer.Report, runs: int) -> None:
    run.section(f"In process, warm (median of {runs})")
    for fmt, limit in WARM_LIMIT_MS.items():
        ms = run.median_seconds(lambda: composer.render(seed, fmt), runs) * 1e3
        print(f"ours seed {fmt:<5}{ms:8.1f} ms   target < {limit:.0f} ms: {run.verdict(ms < limit)}")
    if have_typst():
        import typst

        profile = composer.load_profile()
        faces = role_faces(profile)
        source = typst_source(compose(seed, profile), profile, faces).encode()
        fonts = font_folder(faces, folder / "fonts")
        ms = run.median_seconds(lambda: typst.compile(source, font_paths=[fonts], ignore_system_fonts=True), runs) * 1e3
        print(f"Typst seed pdf{ms:8.1f} ms   (typst.compile of the source, in a warm process)")


def server(runs: int) -> None:
    """The server's warm latency: one client asking for the seed PDF again and again."""
    run.section(f"Server, warm (report-composer serve, 2 workers; one client, median of {runs})")
    env = {**run.child_env(), "PYTHONPATH": str(gen.ROOT)}
    with serve_load.running_server(env, 2) as (_, port):
        ms = statistics.median(serve_load.warm_latencies(port, serve_load.SEED.read_bytes(), 2, runs))
    limit = serve_load.WARM_MEDIAN_LIMIT_MS
    print(f"seed pdf {ms:8.1f} ms   target < {limit:.0f} ms (issue 17): {run.verdict(ms < limit)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer runs, 40 reports in the batch")
    parser.add_argument("--no-batch", action="store_true", help="leave out the batch")
    parser.add_argument("--no-server", action="store_true", help="leave out the server")
    args = parser.parse_args()
    # The warm-up runs write the bytecode an installed package has; with this set, every run
    # of a process would compile what changed since the last bytecode was written.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    print("report-composer beside its peers, " + time.strftime("%Y-%m-%d %H:%M"))
    for line in run.machine():
        print(line)
    seed = gen.seed()
    reports = {size: gen.longer(seed, size) for size in SIZES}
    runs = {1: 3, 5: 2, 20: 1} if args.quick else {1: 9, 5: 5, 20: 3}
    with tempfile.TemporaryDirectory(prefix="rc-peers-") as tmp:
        folder = Path(tmp)
        # A font cache of the bench's own, filled by rendering the report: what a user has who
        # rendered it before. Ours reads its faces from copies holding the characters of every
        # report rendered with that cache (the test suite's fuzzers put thousands in a shared
        # one), so a cache left by other work would make the figures that work's, not ours.
        os.environ["REPORT_COMPOSER_CACHE"] = str(folder / "cache")
        composer.render(seed, "pdf")  # warms our font cache for the processes below
        whole_process(folder, reports, runs)
        in_process(folder, seed, 5 if args.quick else 21)
        if not args.no_server:
            server(10 if args.quick else 30)
        if not args.no_batch:
            run.batch(seed, folder, 40 if args.quick else 200, serial=False)
    print(f"\nload average at the end: {load()}")


if __name__ == "__main__":
    main()
