"""A web site on 127.0.0.1 for the tests of fetching: pages and feeds we wrote, and the
ways a site goes wrong (redirects, 404, a slow answer, a huge one, a PDF)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

PAGES = Path(__file__).resolve().parent / "pages"
HTML = "text/html; charset=utf-8"


@dataclass
class Route:
    body: bytes = b""
    content_type: str = HTML
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before answering
    repeat: int = 1  # the body sent this many times (a huge answer, without Content-Length)


class Site:
    """Routes by path, changeable while the server runs; counts the requests."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hits: dict[str, int] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def url(self, path: str) -> str:
        return self.base + path

    def page(self, path: str, name: str, **kwargs) -> str:
        """Serve tests/pages/NAME at PATH; returns its URL."""
        self.routes[path] = Route(body=(PAGES / name).read_bytes(), **kwargs)
        return self.url(path)

    def _handler(self):
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 (the name http.server calls)
                site.hits[self.path] = site.hits.get(self.path, 0) + 1
                route = site.routes.get(self.path)
                if route is None:
                    route = Route(body=b"<html><body>Not here</body></html>", status=404)
                if route.delay:
                    time.sleep(route.delay)
                try:
                    self.send_response(route.status)
                    self.send_header("Content-Type", route.content_type)
                    for name, value in route.headers.items():
                        self.send_header(name, value)
                    if route.repeat == 1:
                        self.send_header("Content-Length", str(len(route.body)))
                    self.end_headers()
                    for _ in range(route.repeat):
                        self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a size limit, a time-out): as it should

            def log_message(self, *args):
                pass

        return Handler


@pytest.fixture
def site(settings) -> Iterator[Site]:
    """The local site, running in a thread; fetching loopback addresses allowed."""
    settings.FETCH_ALLOW_PRIVATE = True
    settings.FETCH_TIMEOUT = 2.0
    s = Site()
    thread = threading.Thread(target=s.server.serve_forever, daemon=True)
    thread.start()
    try:
        yield s
    finally:
        s.server.shutdown()
        s.server.server_close()
