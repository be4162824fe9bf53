"""The real download code against a Hugging Face hub on loopback (tests/fakehub.py)."""

from __future__ import annotations

import dataclasses
import hashlib
import os
import shutil
import socket
import threading
from collections import namedtuple
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from fakehub import FakeHub

from medlocal.errors import NetworkBlockedError, UserInputError
from medlocal.models import download as dl
from medlocal.models.catalog import CatalogEntry, bundled_catalog
from medlocal.models.registry import Registry
from medlocal.paths import models_dir
from medlocal.privacy import netguard

REPO = "clinic/test-model-GGUF"
NAME = "test-model.Q4_K_M.gguf"


@pytest.fixture
def hub(socket_enabled: None, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    # pytest-socket is lifted for loopback; MedLocal's own guard stays installed and must not
    # record a single refused attempt.
    netguard.install()
    netguard.clear_blocked_attempts()
    server = FakeHub()
    monkeypatch.setenv("HF_ENDPOINT", server.endpoint)
    yield server
    server.close()
    assert netguard.blocked_attempts() == []
    netguard.uninstall()


def _payload(size: int = 3_000_000) -> bytes:
    return os.urandom(size)


def _entry(**changes: object) -> CatalogEntry:
    base = bundled_catalog().get("llama3-med42-8b-q4km")
    # About the test payloads' size (a few MB), which the catalog check compares (catalog_match).
    fields = {
        "id": "test-model",
        "repo_id": REPO,
        "filename": NAME,
        "revision": "",
        "sha256": "",
        "size_gb": 0.003,
    }
    fields.update(changes)
    return dataclasses.replace(base, **fields)  # type: ignore[arg-type]


def _no_leftovers() -> None:
    partial = models_dir() / dl.PARTIAL_DIR
    assert not (partial.exists() and any(partial.iterdir()))
    assert not list(models_dir().glob("*.gguf"))


def test_clean_download_is_verified_and_recorded(hub: FakeHub, tiny_gguf_bytes: bytes) -> None:
    from huggingface_hub import constants

    hub.add_file(REPO, NAME, tiny_gguf_bytes)
    reports: list[dl.DownloadProgress] = []
    model = dl.download_entry(_entry(), progress=reports.append)
    digest = hashlib.sha256(tiny_gguf_bytes).hexdigest()
    assert model.sha256 == digest and model.verified and model.source == "download"
    assert model.revision == hub.repos[REPO].commit and model.repo_id == REPO
    assert Path(model.path).read_bytes() == tiny_gguf_bytes
    assert Path(model.path).parent == models_dir()
    assert Registry().get("test-model").sha256 == digest
    assert reports[-1].done_bytes == len(tiny_gguf_bytes) == reports[-1].total_bytes
    assert [r.done_bytes for r in reports] == sorted(r.done_bytes for r in reports)
    # HEAD resolves "main" to a commit; the GET is pinned to that commit.
    assert hub.requests[0].method == "HEAD" and "/resolve/main/" in hub.requests[0].path
    assert hub.requests[1].method == "GET" and hub.repos[REPO].commit in hub.requests[1].path
    assert constants.HF_HUB_OFFLINE is True  # the library's offline switch is back on
    assert not netguard.downloads_allowed()
    again = dl.download_entry(_entry())
    assert again.id == model.id and len(hub.requests) == 2  # installed: no second transfer


def test_cut_connection_resumes_within_the_same_download(hub: FakeHub) -> None:
    data = _payload()
    hub.add_file(REPO, NAME, data, cut_after=2_500_000)
    done = dl.download_file(REPO, NAME)
    assert done.path.read_bytes() == data
    ranges = [r.range for r in hub.requests if r.method == "GET"]
    assert ranges[0] is None and ranges[1] == f"bytes={dl.DOWNLOAD_CHUNK_BYTES * 2}-"


def test_cancel_keeps_the_part_and_the_next_run_resumes(hub: FakeHub) -> None:
    data = _payload()
    hub.add_file(REPO, NAME, data, chunk_delay=0.02)
    cancel = threading.Event()

    def stop_halfway(p: dl.DownloadProgress) -> None:
        if p.done_bytes >= 1_000_000:
            cancel.set()

    with pytest.raises(dl.DownloadCancelled, match="resume"):
        dl.download_file(REPO, NAME, progress=stop_halfway, cancel=cancel)
    parts = list((models_dir() / dl.PARTIAL_DIR).glob("*.part"))
    assert len(parts) == 1 and 0 < parts[0].stat().st_size < len(data)
    kept = parts[0].stat().st_size
    hub.requests.clear()
    done = dl.download_file(REPO, NAME)
    assert done.path.read_bytes() == data
    assert [r.range for r in hub.requests if r.method == "GET"] == [f"bytes={kept}-"]


def test_corrupted_transfer_is_deleted_and_reported(hub: FakeHub) -> None:
    hub.add_file(REPO, NAME, _payload(), corrupt=True)
    with pytest.raises(dl.IntegrityError, match=r"the hub publishes .* deleted"):
        dl.download_entry(_entry())
    _no_leftovers()
    assert Registry().find("test-model") is None


def test_catalog_pinned_hash_is_enforced(hub: FakeHub) -> None:
    hub.add_file(REPO, NAME, _payload())
    with pytest.raises(dl.IntegrityError, match="the catalog pins"):
        dl.download_entry(_entry(sha256="ab" * 32))
    _no_leftovers()


@pytest.mark.parametrize(
    ("repo", "name", "match"),
    [
        (REPO, "absent.gguf", "absent.gguf was not found"),
        ("clinic/no-such-repo", NAME, "no-such-repo was not found"),
    ],
)
def test_not_found(hub: FakeHub, repo: str, name: str, match: str) -> None:
    hub.add_file(REPO, NAME, b"x")
    with pytest.raises(dl.NotFoundOnHubError, match=match):
        dl.download_file(repo, name)


def test_unknown_revision(hub: FakeHub) -> None:
    hub.add_file(REPO, NAME, b"x")
    with pytest.raises(dl.NotFoundOnHubError, match="revision"):
        dl.download_file(REPO, NAME, revision="f" * 40)


@pytest.mark.parametrize("status", [401, 403])
def test_gated_repository(hub: FakeHub, status: int) -> None:
    hub.add_file(REPO, NAME, b"x")
    hub.repos[REPO].gated = True
    hub.repos[REPO].gated_status = status
    with pytest.raises(dl.GatedModelError, match="accept its licence"):
        dl.download_file(REPO, NAME)


def test_stalled_server_times_out_with_a_clear_message(hub: FakeHub) -> None:
    hub.add_file(REPO, NAME, _payload(), stall_after=1_500_000)
    with pytest.raises(dl.DownloadStalledError, match=r"stalled \(no data for 0.5 s"):
        dl.download_file(REPO, NAME, stall_timeout=0.5)
    # huggingface_hub retries 5 times, 1 s apart: bounded, never hanging. Counted in requests,
    # not seconds (a loaded CI machine stretches the seconds, never the count).
    gets = [r for r in hub.requests if r.method == "GET" and r.path.endswith(NAME)]
    assert 2 <= len(gets) <= 6, [(r.method, r.range) for r in gets]
    assert list((models_dir() / dl.PARTIAL_DIR).glob("*.part"))  # kept for a later resume
    # The timeout the client used, not the one the message names (review 36: ten times 0.5 s
    # passed): how long it waited on a stall before hanging up, as a ratio to 0.5 s. The
    # quickest stall is taken (a loaded machine only lengthens a wait; the last hang-up may not
    # be recorded yet).
    waits = hub.repos[REPO].files[NAME].stall_waits
    assert waits and 0.8 <= min(waits) / 0.5 <= 6, waits  # ten times the timeout: 10


def test_no_network(hub: FakeHub, monkeypatch: pytest.MonkeyPatch) -> None:
    with socket.socket() as probe:  # a loopback port with nobody listening
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{port}")
    with pytest.raises(dl.NoNetworkError, match="no network connection"):
        dl.download_file(REPO, NAME, stall_timeout=1)


class _Portal(BaseHTTPRequestHandler):
    """A captive portal: every request gets 200 and the network's login page (walk 43 D12c)."""

    PAGE = b"<html><body><h1>Clinic Wi-Fi</h1>Please log in to continue.</body></html>"

    def _page(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(self.PAGE)))
        self.end_headers()

    def do_HEAD(self) -> None:
        self._page()

    def do_GET(self) -> None:
        self._page()
        self.wfile.write(self.PAGE)

    def log_message(self, format: str, *args: object) -> None:
        pass


def test_a_wifi_login_page_is_named_as_what_may_be_in_the_way(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    portal = ThreadingHTTPServer(("127.0.0.1", 0), _Portal)
    threading.Thread(target=portal.serve_forever, daemon=True).start()
    try:
        monkeypatch.setenv("HF_ENDPOINT", f"http://127.0.0.1:{portal.server_address[1]}")
        with pytest.raises(dl.DownloadError) as raised:
            dl.download_file(REPO, NAME, stall_timeout=2)
    finally:
        portal.shutdown()
        portal.server_close()
    message = str(raised.value)
    assert "did not answer like a Hugging Face hub" in message
    assert "a Wi-Fi login page or a proxy may be in the way" in message
    assert "import the model from a USB stick" in message
    _no_leftovers()


def test_disk_space_is_checked_before_the_transfer(
    hub: FakeHub, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.add_file(REPO, NAME, _payload())
    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _p: usage(10**9, 10**9, 1000))
    with pytest.raises(dl.DiskFullError, match="not enough disk space"):
        dl.download_file(REPO, NAME)
    assert [r.method for r in hub.requests] == ["HEAD"]  # nothing was transferred


def test_nothing_reaches_the_network_outside_the_download_scope(hub: FakeHub) -> None:
    from huggingface_hub import get_hf_file_metadata, hf_hub_url
    from huggingface_hub.errors import OfflineModeIsEnabled

    hub.add_file(REPO, NAME, b"x")
    with pytest.raises(NetworkBlockedError, match="offline"):
        dl.resolve_remote(REPO, NAME, None)
    # Even a direct library call stays offline: MedLocal forces HF_HUB_OFFLINE=1.
    with pytest.raises(OfflineModeIsEnabled):
        get_hf_file_metadata(hf_hub_url(REPO, NAME, endpoint=hub.endpoint))
    assert hub.requests == []


@pytest.fixture
def loopback_counts_as_remote(monkeypatch: pytest.MonkeyPatch) -> None:
    # Loopback is always allowed, which would hide the download scope's host allow-list: make
    # the guard treat loopback like any remote host, so only the hosts the scope names pass.
    monkeypatch.setattr(netguard, "_always_allowed", lambda host: False)


def test_download_reaches_only_the_hub_and_the_host_its_metadata_redirects_to(
    hub: FakeHub, loopback_counts_as_remote: None
) -> None:
    data = _payload(600_000)
    hub.add_file(REPO, NAME, data)
    hub.redirect_host = "localhost"  # the endpoint is http://127.0.0.1:PORT: a second host name
    hosts_seen: list[list[str]] = []
    done = dl.download_file(
        REPO, NAME, progress=lambda _p: hosts_seen.append(netguard.status()["download_hosts"])
    )
    assert done.path.read_bytes() == data
    assert [(r.method, r.path.split("/")[1]) for r in hub.requests] == [
        ("HEAD", "clinic"),  # /clinic/test-model-GGUF/resolve/main/…  → 302 to localhost
        ("GET", "cdn"),  # /cdn/clinic/test-model-GGUF/<commit>/…  on the redirect host
    ]
    assert hosts_seen[-1] == ["127.0.0.1", "localhost"]
    assert not netguard.downloads_allowed()
    with pytest.raises(NetworkBlockedError):  # the scope closed: the hub is unreachable again
        socket.getaddrinfo("localhost", 80)
    netguard.clear_blocked_attempts()


def test_a_redirect_host_the_scope_was_not_widened_to_is_refused(
    hub: FakeHub, loopback_counts_as_remote: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    hub.add_file(REPO, NAME, _payload(600_000))
    hub.redirect_host = "localhost"
    monkeypatch.setattr(netguard.DownloadScope, "allow", lambda self, host: None)
    with pytest.raises(NetworkBlockedError, match="localhost"):
        dl.download_file(REPO, NAME)
    assert {a.host for a in netguard.blocked_attempts()} == {"localhost"}  # one per retry
    assert [r.method for r in hub.requests] == ["HEAD"]
    netguard.clear_blocked_attempts()


def test_redirect_to_a_second_loopback_name_downloads_with_the_real_guard(
    hub: FakeHub, tiny_gguf_bytes: bytes
) -> None:
    data = tiny_gguf_bytes
    hub.add_file(REPO, NAME, data)
    hub.redirect_host = "localhost"
    model = dl.download_entry(_entry())
    assert Path(model.path).read_bytes() == data and model.verified


@pytest.mark.parametrize("name", ["../x.gguf", "sub/x.gguf", "x.bin", "..", ".", ""])
def test_unsafe_file_names_are_refused_before_any_network_or_disk_work(
    hub: FakeHub, name: str
) -> None:
    hub.add_file(REPO, name or "empty", b"x")
    with pytest.raises(UserInputError, match="refusing the model file name"):
        dl.download_file(REPO, name)
    assert hub.requests == []
    assert not (models_dir() / dl.PARTIAL_DIR).exists()
    assert not (models_dir().parent / "x.gguf").exists()


@pytest.mark.parametrize("name", ["../x.gguf", "sub/x.gguf", "x.bin"])
def test_partial_and_final_paths_refuse_unsafe_names(tmp_path: Path, name: str) -> None:
    remote = dl.RemoteFile(REPO, name, "a" * 40, 1, None, "http://127.0.0.1/x", True)
    with pytest.raises(UserInputError, match="refusing the model file name"):
        dl.partial_path(remote)
    part = tmp_path / "x.part"
    part.write_bytes(b"x")
    with pytest.raises(UserInputError, match="refusing the model file name"):
        dl._finish(part, remote, None)
    assert part.exists() and not list(models_dir().parent.rglob("x.gguf"))


def test_packaged_models_are_not_downloaded() -> None:
    with pytest.raises(UserInputError, match="ships with the Python package"):
        dl.download_entry("demo-smollm2-135m")


@pytest.fixture
def tiny_gguf_bytes(tmp_path: Path) -> bytes:
    from fixtures.model_files import write_tiny_gguf

    return write_tiny_gguf(tmp_path / "src.gguf").read_bytes()
