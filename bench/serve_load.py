#!/usr/bin/env python3
"""A bounded load test of `report-composer serve`, on loopback only: prints its figures.

    python bench/serve_load.py                     # 20 clients for 30 s (issue 17)
    python bench/serve_load.py --clients 4 --seconds 5   # a short try

Starts the server as a user does (`report-composer serve --port 0`, on 127.0.0.1), renders the
seed PDF with one client to measure a warm render's latency (target: median under 150 ms), then
has N clients render it in a loop for the given time and prints the median and 95th percentile
latency, the throughput, the errors (expected: none), whether every answer is byte-identical to
what `report-composer render` writes, and the memory of the server and its workers at the start
and the end of the load (expected: flat). Exit 1 when an answer differs or a request failed.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "samples" / "datong-keji-2023.yaml"
WARM_MEDIAN_LIMIT_MS = 150.0
ONE_CLIENT_RENDERS = 30


def cli_pdf(env: dict[str, str]) -> bytes:
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "seed.pdf"
        subprocess.run([sys.executable, "-m", "composer", "render", str(SEED), "-o", str(out), "-q"],
                       check=True, env=env, capture_output=True)
        return out.read_bytes()


def render(port: int, body: bytes) -> tuple[float, int, bytes]:
    started = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request("POST", "/api/render?format=pdf", body, {"Content-Type": "text/yaml"})
        response = connection.getresponse()
        data = response.read()
    finally:
        connection.close()
    return (time.perf_counter() - started) * 1000, response.status, data


def in_process(body: bytes) -> float:
    """The median of a warm read-and-render of the seed in this process, to set the server's
    figure against the machine's speed of the moment."""
    sys.path.insert(0, str(REPO))
    from composer.api import render_result
    from composer.readers.yaml_reader import report_from_yaml

    text = body.decode("utf-8")
    render_result(report_from_yaml(text), "pdf")
    times = []
    for _ in range(ONE_CLIENT_RENDERS):
        started = time.perf_counter()
        render_result(report_from_yaml(text), "pdf")
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def memory_mb(pid: int) -> float:
    """Resident memory of the server and its worker processes."""
    total = 0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        pids += [int(c) for c in children]
    except OSError:
        pass
    for one in pids:
        try:
            status = Path(f"/proc/{one}/status").read_text()
            total += int(re.search(r"VmRSS:\s+(\d+)", status).group(1))  # type: ignore[union-attr]
        except (OSError, AttributeError):
            pass
    return total / 1024


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


@contextlib.contextmanager
def running_server(env: dict[str, str], workers: int) -> Iterator[tuple[subprocess.Popen[str], int]]:
    """`report-composer serve --port 0` as a user starts it, and the port it listens on;
    stopped with Ctrl-C (SIGINT) at the end."""
    server = subprocess.Popen([sys.executable, "-m", "composer", "serve", "--port", "0", "--workers", str(workers)],
                              stderr=subprocess.PIPE, text=True, env=env)
    try:
        match = re.search(r"http://127\.0\.0\.1:(\d+)/", server.stderr.readline())
        assert match, "the server did not print its address"
        yield server, int(match.group(1))
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(30)


def warm_latencies(port: int, body: bytes, workers: int, renders: int) -> list[float]:
    """Milliseconds of `renders` seed PDFs asked for one after another, once every worker is warm."""
    for _ in range(2 * workers):
        render(port, body)
    return [render(port, body)[0] for _ in range(renders)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2, help="the server's render processes")
    args = parser.parse_args()
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    body = SEED.read_bytes()
    expected = cli_pdf(env)

    with running_server(env, args.workers) as (server, port):
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}; server workers: {args.workers}")
        one = warm_latencies(port, body, args.workers, ONE_CLIENT_RENDERS)
        median = statistics.median(one)
        verdict = "met" if median < WARM_MEDIAN_LIMIT_MS else "not met"
        print(f"one client, {ONE_CLIENT_RENDERS} renders of the seed PDF: median {median:.1f} ms, "
              f"p95 {percentile(one, 0.95):.1f} ms (target median < {WARM_MEDIAN_LIMIT_MS:.0f} ms: {verdict})")
        alone = in_process(body)
        print(f"the same in this process (read the YAML, render), no server: median {alone:.1f} ms; "
              f"the server adds {median - alone:.1f} ms")

        latencies: list[float] = []
        failures: list[str] = []
        different = 0
        lock = threading.Lock()
        deadline = time.monotonic() + args.seconds
        memory = [memory_mb(server.pid)]

        def client() -> None:
            nonlocal different
            while time.monotonic() < deadline:
                try:
                    took, status, data = render(port, body)
                except OSError as error:
                    with lock:
                        failures.append(str(error))
                    continue
                with lock:
                    latencies.append(took)
                    if status != 200:
                        failures.append(f"HTTP {status}")
                    elif data != expected:
                        different += 1

        threads = [threading.Thread(target=client) for _ in range(args.clients)]
        started = time.monotonic()
        for thread in threads:
            thread.start()
        while any(t.is_alive() for t in threads):
            time.sleep(1)
            memory.append(memory_mb(server.pid))
        elapsed = time.monotonic() - started
        print(f"{args.clients} clients for {args.seconds:.0f} s: {len(latencies)} renders ({len(latencies) / elapsed:.1f}/s), "
              f"median {statistics.median(latencies):.0f} ms, p95 {percentile(latencies, 0.95):.0f} ms, "
              f"errors {len(failures)}, differing from the CLI's PDF {different}")
        print(f"memory of the server and its workers: {memory[0]:.0f} MB at the start, {memory[-1]:.0f} MB at the end, "
              f"{max(memory):.0f} MB at most")
        return 1 if failures or different else 0


if __name__ == "__main__":
    sys.exit(main())
