"""A Hugging Face hub on loopback, for running the real download code in tests.

Serves the URL layout huggingface_hub 2.x uses for single-file downloads:

* ``HEAD/GET /{repo}/resolve/{revision}/{filename}`` with ``X-Repo-Commit``, ``ETag``,
  ``X-Linked-Etag`` (the LFS SHA-256) and ``X-Linked-Size``, and ``Range: bytes=N-`` resume (206);
* ``GET /api/models/{repo}`` and ``/api/models/{repo}/revision/{revision}`` (model info with
  sibling files and their LFS SHA-256);
* the hub's error convention: ``X-Error-Code`` = ``RepoNotFound`` / ``RevisionNotFound`` /
  ``EntryNotFound`` / ``GatedRepo`` with 404, 401 or 403.

``redirect_host`` (say ``localhost`` while the endpoint is ``127.0.0.1``) makes the hub answer a
file request the way huggingface.co does for LFS files: a 302 carrying the file's metadata, whose
``Location`` points at another host (a CDN) serving ``/cdn/{repo}/{commit}/{filename}``.

Faults for tests: ``corrupt`` (serve bytes that do not match the advertised SHA-256), ``cut_after``
(the first full GET closes the connection after N bytes), ``stall_after`` (no byte past offset N
is ever sent; ``stall_waits`` holds how long the client waited on each stall before it hung up),
``chunk_delay`` (a slow link). Binds 127.0.0.1 only; ``close()`` stops it.
"""

from __future__ import annotations

import hashlib
import json
import re
import select
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote, urlsplit

_RESOLVE = re.compile(r"^/(?P<repo>[^/]+/[^/]+)/resolve/(?P<rev>[^/]+)/(?P<file>.+)$")
_CDN = re.compile(r"^/cdn/(?P<repo>[^/]+/[^/]+)/(?P<rev>[0-9a-f]{40})/(?P<file>.+)$")
_API = re.compile(r"^/api/models/(?P<repo>[^/]+/[^/]+?)(?:/revision/(?P<rev>[^/]+))?$")


@dataclass
class HubFile:
    data: bytes
    corrupt: bool = False
    cut_after: int | None = None
    stall_after: int | None = None
    chunk_delay: float = 0.0  # seconds to wait after each 256 KiB: a slow link
    cuts_done: int = 0
    stall_waits: list[float] = field(default_factory=list)  # seconds to the client's hang-up

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    def served_bytes(self) -> bytes:
        if not self.corrupt:
            return self.data
        flipped = bytearray(self.data)
        flipped[len(flipped) // 2] ^= 0xFF
        return bytes(flipped)


@dataclass
class HubRepo:
    commit: str
    files: dict[str, HubFile] = field(default_factory=dict)
    gated: bool = False
    gated_status: int = 403


@dataclass
class Request:
    method: str
    path: str
    range: str | None
    authorization: bool


class FakeHub:
    def __init__(self) -> None:
        self.repos: dict[str, HubRepo] = {}
        self.requests: list[Request] = []
        self.stop_event = threading.Event()
        self.redirect_host: str | None = None
        hub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet test output
                return None

            def do_HEAD(self) -> None:
                hub._handle(self, head=True)

            def do_GET(self) -> None:
                hub._handle(self, head=False)

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()

    @property
    def endpoint(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def add_file(self, repo_id: str, filename: str, data: bytes, **faults: Any) -> HubFile:
        commit = hashlib.sha1(repo_id.encode()).hexdigest()
        repo = self.repos.setdefault(repo_id, HubRepo(commit=commit))
        hub_file = HubFile(data, **faults)
        repo.files[filename] = hub_file
        return hub_file

    def close(self) -> None:
        self.stop_event.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _until_hung_up(self, connection: socket.socket, most_s: float = 60.0) -> float:
        """Seconds until the client closes ``connection`` (its read timed out and it gave up),
        at most ``most_s``, or until the hub closes."""
        started = time.monotonic()
        while not self.stop_event.is_set() and time.monotonic() - started < most_s:
            readable, _, _ = select.select([connection], [], [], 0.02)
            if readable:
                try:
                    if not connection.recv(1 << 16):
                        break  # the client closed it
                except OSError:
                    break  # reset
        return time.monotonic() - started

    # -- request handling ----------------------------------------------------------------------

    def _error(self, req: BaseHTTPRequestHandler, status: int, code: str, head: bool) -> None:
        body = json.dumps({"error": code}).encode()
        req.send_response(status)
        req.send_header("X-Error-Code", code)
        req.send_header("X-Error-Message", code)
        req.send_header("Content-Type", "application/json")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        if not head:
            req.wfile.write(body)

    def _handle(self, req: BaseHTTPRequestHandler, head: bool) -> None:
        path = unquote(urlsplit(req.path).path)
        self.requests.append(
            Request(
                "HEAD" if head else "GET",
                path,
                req.headers.get("Range"),
                "authorization" in {k.lower() for k in req.headers},
            )
        )
        api = _API.match(path)
        if api:
            self._model_info(req, api.group("repo"), api.group("rev"), head)
            return
        cdn = _CDN.match(path)
        if cdn:
            self._serve_cdn(req, cdn, head)
            return
        match = _RESOLVE.match(path)
        if not match:
            self._error(req, 404, "EntryNotFound", head)
            return
        repo = self.repos.get(match.group("repo"))
        if repo is None:
            self._error(req, 404, "RepoNotFound", head)
            return
        if repo.gated:
            self._error(req, repo.gated_status, "GatedRepo", head)
            return
        if match.group("rev") not in ("main", repo.commit):
            self._error(req, 404, "RevisionNotFound", head)
            return
        hub_file = repo.files.get(match.group("file"))
        if hub_file is None:
            self._error(req, 404, "EntryNotFound", head)
            return
        if self.redirect_host is not None:
            self._redirect(req, match.group("repo"), repo, match.group("file"), hub_file)
            return
        self._serve_file(req, repo, hub_file, head)

    def _redirect(
        self, req: BaseHTTPRequestHandler, repo_id: str, repo: HubRepo, name: str, f: HubFile
    ) -> None:
        port = self._server.server_address[1]
        req.send_response(302)
        req.send_header(
            "Location", f"http://{self.redirect_host}:{port}/cdn/{repo_id}/{repo.commit}/{name}"
        )
        req.send_header("X-Repo-Commit", repo.commit)
        req.send_header("X-Linked-Etag", f'"{f.sha256}"')
        req.send_header("X-Linked-Size", str(len(f.data)))
        req.send_header("Content-Length", "0")
        req.end_headers()

    def _serve_cdn(self, req: BaseHTTPRequestHandler, match: re.Match[str], head: bool) -> None:
        repo = self.repos.get(match.group("repo"))
        hub_file = repo.files.get(match.group("file")) if repo else None
        if repo is None or hub_file is None or match.group("rev") != repo.commit:
            self._error(req, 404, "EntryNotFound", head)
            return
        self._serve_file(req, repo, hub_file, head)

    def _model_info(
        self, req: BaseHTTPRequestHandler, repo_id: str, rev: str | None, head: bool
    ) -> None:
        repo = self.repos.get(repo_id)
        if repo is None:
            self._error(req, 404, "RepoNotFound", head)
            return
        info = {
            "id": repo_id,
            "modelId": repo_id,
            "sha": repo.commit,
            "private": False,
            "gated": "manual" if repo.gated else False,
            "siblings": [
                {
                    "rfilename": name,
                    "size": len(f.data),
                    "lfs": {"sha256": f.sha256, "size": len(f.data), "pointerSize": 134},
                }
                for name, f in repo.files.items()
            ],
        }
        body = json.dumps(info).encode()
        req.send_response(200)
        req.send_header("Content-Type", "application/json")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        if not head:
            req.wfile.write(body)

    def _serve_file(
        self, req: BaseHTTPRequestHandler, repo: HubRepo, hub_file: HubFile, head: bool
    ) -> None:
        payload = hub_file.served_bytes()
        total = len(payload)
        start = 0
        range_header = req.headers.get("Range")
        if range_header and not head:
            m = re.match(r"bytes=(\d+)-", range_header)
            start = int(m.group(1)) if m else 0
        body = payload[start:]
        req.send_response(206 if start else 200)
        req.send_header("X-Repo-Commit", repo.commit)
        req.send_header("ETag", f'"{hub_file.sha256}"')
        req.send_header("X-Linked-Etag", f'"{hub_file.sha256}"')
        req.send_header("X-Linked-Size", str(len(hub_file.data)))
        req.send_header("Accept-Ranges", "bytes")
        req.send_header("Content-Type", "application/octet-stream")
        if start:
            req.send_header("Content-Range", f"bytes {start}-{total - 1}/{total}")
        req.send_header("Content-Length", str(len(body)))
        req.end_headers()
        if head:
            return
        if hub_file.stall_after is not None:
            # Bytes up to the absolute offset ``stall_after`` flow; after that nothing, ever.
            req.wfile.write(body[: max(hub_file.stall_after - start, 0)])
            req.wfile.flush()
            hub_file.stall_waits.append(self._until_hung_up(req.connection))
            req.close_connection = True
            return
        if hub_file.cut_after is not None and start == 0 and hub_file.cuts_done == 0:
            hub_file.cuts_done += 1
            req.wfile.write(body[: hub_file.cut_after])
            req.wfile.flush()
            req.close_connection = True
            req.connection.shutdown(2)  # socket.SHUT_RDWR: the peer sees a cut connection
            return
        step = 256 << 10
        for offset in range(0, len(body), step):
            try:
                req.wfile.write(body[offset : offset + step])
            except (BrokenPipeError, ConnectionResetError):
                return  # the client went away (cancelled)
            if hub_file.chunk_delay and self.stop_event.wait(hub_file.chunk_delay):
                return
