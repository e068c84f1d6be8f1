"""A loopback reward endpoint speaking OpenRLHF's remote-reward protocol, for the rl and best-of-n tests.

Rewards 1.0 for a response that thanks the asker, else 0.0. Paths choose how it misbehaves:
  /thanks  always answers;
  /flaky   answers HTTP 500 to its second request, and null for the first sample of every third request;
  /down    answers HTTP 500 to everything.
It records every request and how many samples it left without a reward.
"""
from __future__ import annotations

import json
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable


class RewardServer:
    def __init__(self) -> None:
        self.requests: list[dict] = []
        self.unrewarded: Counter[str] = Counter()
        self.on_request: Callable[[str, int], None] | None = None  # (path, its request count) -> None
        self._counts: Counter[str] = Counter()
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                status, answer = server.answer(self.path, body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_port}{path}"

    def answer(self, path: str, body: dict) -> tuple[int, dict]:
        with self._lock:
            self._counts[path] += 1
            count = self._counts[path]
            self.requests.append({"path": path, **body})
        if self.on_request is not None:
            self.on_request(path, count)
        size = len(body["query"])
        if path == "/down" or (path == "/flaky" and count == 2):
            self.unrewarded[path] += size
            return 500, {"error": "judge unavailable"}
        rewards: list[float | None] = [1.0 if "thank" in r else 0.0 for r in body["responses"]]
        if path == "/flaky" and count % 3 == 0:
            rewards[0] = None
            self.unrewarded[path] += 1
        return 200, {"rewards": rewards}

    def close(self) -> None:
        self.httpd.shutdown()
