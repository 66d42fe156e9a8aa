"""What `report-composer serve` runs: the app on uvicorn, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import ipaddress
import socket
import sys
import threading
import webbrowser
from typing import TextIO

from ..problems import Lang, Location, Problem, ReportError
from .app import LOOPBACK_HOSTS, Settings, create_app


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def _listen(host: str, port: int) -> socket.socket:
    """The listening socket, bound here so that a busy port is a message, not a log line, and
    listening before the address is printed."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host.strip("[]"), port))
        sock.listen(128)  # from here on, a request waits for the server to start
    except OSError as error:
        sock.close()
        raise ReportError([Problem("serve_port_busy", {"host": host, "port": port, "reason": error.strerror or str(error)},
                                   Location(f"{host}:{port}"))]) from None
    return sock


def serve(host: str, port: int, settings: Settings, *, open_browser: bool = False, lang: Lang = "zh",
          out: TextIO = sys.stderr) -> int:
    """Serves until Ctrl-C; the workers stop with the server. Returns the exit code (0)."""
    import uvicorn

    sock = _listen(host, port)
    port = sock.getsockname()[1]
    name = f"[{host}]" if ":" in host else host
    url = f"http://{name}:{port}/" + ("?lang=en" if lang == "en" else "")
    if not is_loopback(host):
        print(Problem("serve_not_loopback", {"host": host}, Location(url), "warning").format(lang), file=out)
    hosts = settings.hosts if is_loopback(host) else (*LOOPBACK_HOSTS, host, socket.gethostname())
    app = create_app(Settings(settings.workers, settings.time_limit, settings.style, hosts, settings.batch_time_limit))
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on", timeout_graceful_shutdown=5))
    print(Problem("serve_listening", {"url": url}).message(lang), file=out, flush=True)
    if open_browser:
        threading.Timer(1.0, webbrowser.open, (url,)).start()
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:  # uvicorn has shut down, the workers with it; it passes Ctrl-C on
        pass
    print(Problem("serve_stopped", {}).message(lang), file=out, flush=True)
    return 0
