"""Downloading a catalog model from the Hugging Face hub: the one thing that may use the network.

Everything here runs inside ``netguard.download_scope`` (the socket guard's user-started
exception), which lets through only the hub's host (and a configured proxy) and, once the file's
metadata names it, the host the file is served from (a CDN).

huggingface_hub reads ``HF_HUB_OFFLINE`` once at import, and MedLocal forces it on, so for the
duration of a download the library's own offline switch (``constants.HF_HUB_OFFLINE``,
checked by the request hook of every hub session) is turned off and then restored.

The transfer uses huggingface_hub's own pieces — ``get_hf_file_metadata`` (HEAD: pinned commit,
size, the LFS SHA-256 the hub publishes) and ``http_get`` (streamed GET with Range resume and
retries on cut connections and timeouts) — into a ``.part`` file of our own in the models folder.
``hf_hub_download`` is not used because since huggingface_hub 2.x it deletes a partial file when a
download fails, so an interrupted 5 GB download would start over; ours resumes where it stopped.

After the transfer the file is hashed and compared with the hub's published SHA-256 and, when the
catalog pins one, with the catalog's. A mismatch deletes the file and says so.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import getproxies_environment

from medlocal.engine.hashing import sha256_file
from medlocal.errors import (
    GenerationCancelled,
    MedLocalError,
    NetworkBlockedError,
    UserInputError,
)
from medlocal.fsutil import fsync_dir, private_dir
from medlocal.models.catalog import CatalogEntry, bundled_catalog
from medlocal.models.catalog_match import catalog_mismatch
from medlocal.models.files import free_destination, require_free_space, require_model_filename
from medlocal.models.registry import (
    InstalledModel,
    ModelChangedError,
    Registry,
    record_for_file,
)
from medlocal.paths import models_dir
from medlocal.privacy import netguard

log = logging.getLogger(__name__)

DEFAULT_STALL_TIMEOUT_S = 30.0
DOWNLOAD_CHUNK_BYTES = 1 << 20
PARTIAL_DIR = ".partial"
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_COMMIT = re.compile(r"^[0-9a-f]{40}$")


class DownloadError(MedLocalError):
    """A download could not complete; the message says why and what to do."""


class NoNetworkError(DownloadError):
    pass


class GatedModelError(DownloadError):
    pass


class NotFoundOnHubError(DownloadError):
    pass


class DiskFullError(DownloadError):
    pass


class DownloadStalledError(DownloadError):
    pass


class IntegrityError(DownloadError):
    pass


class DownloadCancelled(GenerationCancelled):
    """The user stopped the download; the partial file is kept so it can resume."""


@dataclass(frozen=True)
class DownloadProgress:
    filename: str
    done_bytes: int
    total_bytes: int | None
    bytes_per_second: float
    eta_seconds: float | None
    note: str = ""  # an event to say on its own line (a cut connection being resumed)

    @property
    def fraction(self) -> float | None:
        return self.done_bytes / self.total_bytes if self.total_bytes else None


ProgressCallback = Callable[[DownloadProgress], None]


@dataclass(frozen=True)
class RemoteFile:
    repo_id: str
    filename: str
    commit: str
    size: int | None
    lfs_sha256: str | None  # what the hub publishes for this file at this commit
    url: str
    same_host: bool


@dataclass(frozen=True)
class DownloadedFile:
    path: Path
    sha256: str
    remote: RemoteFile


# -- the hub library's offline switch -----------------------------------------------------------


class _OnlineSwitch:
    """Turns huggingface_hub's offline mode off while at least one download runs."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._saved: dict[str, Any] = {}

    @contextmanager
    def online(self, stall_timeout: float) -> Iterator[None]:
        from huggingface_hub import constants

        with self._lock:
            if self._depth == 0:
                self._saved = {
                    "HF_HUB_OFFLINE": constants.HF_HUB_OFFLINE,
                    "HF_HUB_DOWNLOAD_TIMEOUT": constants.HF_HUB_DOWNLOAD_TIMEOUT,
                    "DOWNLOAD_CHUNK_SIZE": constants.DOWNLOAD_CHUNK_SIZE,
                }
            self._depth += 1
            constants.HF_HUB_OFFLINE = False
            # http_get reads this for each read: it is our stall detector.
            constants.HF_HUB_DOWNLOAD_TIMEOUT = stall_timeout
            # The library reads 10 MiB per step: on a slow link that is one progress report,
            # one cancel check and one resumable boundary every few seconds. 1 MiB is enough.
            constants.DOWNLOAD_CHUNK_SIZE = DOWNLOAD_CHUNK_BYTES
        try:
            yield
        finally:
            with self._lock:
                self._depth -= 1
                if self._depth == 0:
                    for name, value in self._saved.items():
                        setattr(constants, name, value)


_switch = _OnlineSwitch()


def network_hosts(url: str) -> list[str]:
    """The hosts a request to ``url`` connects to: its own and, when one is configured in the
    environment (httpx honours it), the proxy for its scheme."""
    parts = urlsplit(url)
    hosts = [parts.hostname or ""]
    proxies = getproxies_environment()
    proxy = proxies.get(parts.scheme) or proxies.get("all")
    if proxy:
        hosts.append(urlsplit(proxy if "://" in proxy else f"http://{proxy}").hostname or "")
    return [h for h in hosts if h]


@contextmanager
def hub_access(
    reason: str, hosts: list[str], stall_timeout: float = DEFAULT_STALL_TIMEOUT_S
) -> Iterator[netguard.DownloadScope]:
    """The network scope of one user-started download: socket guard open to ``hosts`` only,
    hub library online."""
    with netguard.download_scope(reason, hosts) as scope, _switch.online(stall_timeout):
        yield scope


def _require_scope() -> None:
    if not netguard.downloads_allowed():
        raise NetworkBlockedError(
            "MedLocal is offline: downloads run only when you start one (medlocal models download)"
        )


# -- progress and cancel, through huggingface_hub's tqdm hook -----------------------------------


class _ProgressSink:
    """Turns byte counts into progress reports (speed over a sliding window) and checks cancel."""

    def __init__(
        self,
        filename: str,
        callback: ProgressCallback | None,
        cancel: threading.Event | None,
        min_interval_s: float = 0.1,
    ) -> None:
        self.filename = filename
        self.callback = callback
        self.cancel = cancel
        self.min_interval_s = min_interval_s
        self.done = 0
        self.total: int | None = None
        self._samples: list[tuple[float, int]] = []
        self._last_report = 0.0

    def start(self, total: int | None, initial: int) -> None:
        self.total, self.done = total, initial
        self._samples = [(time.monotonic(), initial)]
        self.report(force=True)

    def advance(self, count: int) -> None:
        if self.cancel is not None and self.cancel.is_set():
            raise DownloadCancelled(
                f"download of {self.filename} stopped; run it again to resume where it stopped"
            )
        self.done += count
        now = time.monotonic()
        self._samples.append((now, self.done))
        while len(self._samples) > 2 and now - self._samples[0][0] > 5.0:
            self._samples.pop(0)
        self.report()

    def report(self, force: bool = False) -> None:
        now = time.monotonic()
        if self.callback is None or (not force and now - self._last_report < self.min_interval_s):
            return
        self._last_report = now
        (t0, b0), (t1, b1) = self._samples[0], self._samples[-1]
        speed = (b1 - b0) / (t1 - t0) if t1 > t0 else 0.0
        eta = (self.total - self.done) / speed if self.total and speed > 0 else None
        self.callback(DownloadProgress(self.filename, self.done, self.total, speed, eta))

    def notice(self, note: str) -> None:
        if self.callback is not None:
            self.callback(DownloadProgress(self.filename, self.done, self.total, 0.0, None, note))


RESUMING_NOTE = "connection lost; resuming"
_HUB_RETRY = "Error while downloading from"


@contextmanager
def _hub_retries_told(sink: _ProgressSink) -> Iterator[None]:
    """huggingface_hub's ``http_get`` retries a cut connection itself and says so on its own
    stderr handler, with the whole URL and the transport error (walk 34). In this thread, while
    ``http_get`` runs, that warning is replaced by MedLocal's line (through the progress
    callback) and a text-free record in MedLocal's log."""
    hub_logger = logging.getLogger("huggingface_hub.file_download")
    thread = threading.get_ident()

    def replace_retry_warning(record: logging.LogRecord) -> bool:
        if record.thread != thread or not str(record.msg).startswith(_HUB_RETRY):
            return True
        resuming = "Trying to resume" in str(record.msg)
        log.warning(
            "connection to the hub lost at %d bytes (%s)",
            sink.done,
            "resuming" if resuming else "retries exhausted",
        )
        if resuming:
            sink.notice(RESUMING_NOTE)
        return False

    hub_logger.addFilter(replace_retry_warning)
    try:
        yield
    finally:
        hub_logger.removeFilter(replace_retry_warning)


def _bar_class(sink: _ProgressSink) -> type:
    """A tqdm stand-in bound to ``sink`` (huggingface_hub instantiates the class it is given)."""

    class _Bar:
        def __init__(self, *args: Any, total: int | None = None, initial: int = 0, **kw: Any):
            self.n = initial
            self.total = total
            sink.start(total, initial)

        def update(self, n: int | float | None = 1) -> None:
            count = int(n or 0)
            self.n += count
            sink.advance(count)

        def close(self) -> None:
            sink.report(force=True)

        def __enter__(self) -> _Bar:
            return self

        def __exit__(self, *exc: object) -> None:
            self.close()

        def set_description(self, *args: Any, **kwargs: Any) -> None:
            return None

        def refresh(self, *args: Any, **kwargs: Any) -> None:
            return None

    return _Bar


# -- error messages a clinician can act on ------------------------------------------------------


def _blocked_by_guard(exc: BaseException) -> NetworkBlockedError | None:
    seen: BaseException | None = exc
    for _ in range(10):  # a bounded walk down the chain of causes
        if seen is None or isinstance(seen, NetworkBlockedError):
            return seen
        seen = seen.__cause__ or seen.__context__
    return None


def _translate(exc: BaseException, repo_id: str, filename: str, stall_timeout: float) -> Exception:
    import httpx2
    from huggingface_hub.errors import (
        GatedRepoError,
        HfHubHTTPError,
        OfflineModeIsEnabled,
        RemoteEntryNotFoundError,
        RepositoryNotFoundError,
        RevisionNotFoundError,
    )

    blocked = _blocked_by_guard(exc)
    if blocked is not None:  # the HTTP library wraps the guard's refusal: say what it was
        return blocked
    if isinstance(exc, GatedRepoError):
        return GatedModelError(
            f"{repo_id} is gated: accept its licence on the model's hub page with your account, "
            "then make your access token available (HF_TOKEN) and download again"
        )
    if isinstance(exc, RemoteEntryNotFoundError):
        return NotFoundOnHubError(f"{filename} was not found in {repo_id} (404)")
    if isinstance(exc, RevisionNotFoundError):
        return NotFoundOnHubError(f"the pinned revision of {repo_id} no longer exists (404)")
    if isinstance(exc, RepositoryNotFoundError):
        return NotFoundOnHubError(
            f"{repo_id} was not found (404), or it is private and needs an access token"
        )
    if isinstance(exc, HfHubHTTPError):
        status = exc.response.status_code if exc.response is not None else None
        if status in (401, 403):
            return GatedModelError(
                f"access to {repo_id} was refused ({status}): it needs an access token (HF_TOKEN) "
                "and, for a gated model, the licence accepted on its hub page"
            )
        if status == 404:
            return NotFoundOnHubError(f"{filename} was not found in {repo_id} (404)")
        return DownloadError(f"the model hub answered with an error ({status}); try again later")
    if isinstance(exc, httpx2.TimeoutException):
        return DownloadStalledError(
            f"the download of {filename} stalled (no data for {stall_timeout:g} s, after "
            "retries); check the connection and run it again — it resumes where it stopped"
        )
    if isinstance(exc, httpx2.ConnectError | OfflineModeIsEnabled):
        return NoNetworkError(
            "cannot reach the model hub: no network connection (or a proxy/firewall blocks it); "
            "connect and try again, or import the model from a USB stick"
        )
    if isinstance(exc, httpx2.RemoteProtocolError | httpx2.NetworkError):
        return DownloadError(
            f"the connection broke while downloading {filename}; run it again to resume"
        )
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return DiskFullError(
            f"the disk filled up while downloading {filename}; free space and run it again "
            "(the part already downloaded is kept)"
        )
    if isinstance(exc, OSError) and "Consistency check failed" in str(exc):
        return DownloadError(f"the download of {filename} was incomplete; run it again to resume")
    if isinstance(exc, OSError):
        return DownloadError(f"downloading {filename} failed: {exc.strerror or exc}")
    return DownloadError(f"downloading {filename} failed ({type(exc).__name__})")


# -- the transfer ---------------------------------------------------------------------------------


def hub_endpoint() -> str:
    """``HF_ENDPOINT`` at call time (tests point it at a loopback hub), else the library's."""
    from huggingface_hub import constants

    return (os.environ.get("HF_ENDPOINT") or constants.ENDPOINT).rstrip("/")


def resolve_remote(
    repo_id: str,
    filename: str,
    revision: str | None,
    *,
    token: str | bool | None = None,
    stall_timeout: float = DEFAULT_STALL_TIMEOUT_S,
) -> RemoteFile:
    """HEAD the file: the commit the revision points at, its size and its published SHA-256."""
    _require_scope()
    from huggingface_hub import get_hf_file_metadata, hf_hub_url

    endpoint = hub_endpoint()
    url = hf_hub_url(repo_id, filename, revision=revision or "main", endpoint=endpoint)
    meta = get_hf_file_metadata(url, token=token, timeout=stall_timeout, endpoint=endpoint)
    commit = meta.commit_hash or ""
    if not _COMMIT.match(commit):
        # A clinic's Wi-Fi login page (captive portal) or a filtering proxy answers every
        # request with a page of its own: say what is likely in the way (walk 43 D12c).
        raise DownloadError(
            f"{endpoint} did not answer like a Hugging Face hub (no commit id): a Wi-Fi login "
            "page or a proxy may be in the way; sign in to the network in a web browser and "
            "try again, or import the model from a USB stick"
        )
    etag = (meta.etag or "").lower()
    pinned_url = hf_hub_url(repo_id, filename, revision=commit, endpoint=endpoint)
    location = meta.location if meta.location and meta.location != url else pinned_url
    same_host = urlsplit(location).netloc == urlsplit(endpoint).netloc
    return RemoteFile(
        repo_id=repo_id,
        filename=filename,
        commit=commit,
        size=meta.size,
        lfs_sha256=etag if _SHA256.match(etag) else None,
        url=location,
        same_host=same_host,
    )


def partial_path(remote: RemoteFile) -> Path:
    filename = require_model_filename(remote.filename)
    safe_repo = re.sub(r"[^A-Za-z0-9._-]+", "--", remote.repo_id)
    folder = private_dir(models_dir() / PARTIAL_DIR)
    return folder / f"{safe_repo}--{remote.commit[:12]}--{filename}.part"


def fetch(
    remote: RemoteFile,
    *,
    token: str | bool | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
) -> Path:
    """Transfer ``remote`` into its ``.part`` file, resuming what an earlier try left."""
    _require_scope()
    from huggingface_hub.file_download import http_get
    from huggingface_hub.utils import build_hf_headers

    part = partial_path(remote)
    have = part.stat().st_size if part.exists() else 0
    if remote.size is not None and have > remote.size:
        part.unlink()  # not a prefix of this file: start over
        have = 0
    if remote.size is not None:
        require_free_space(
            part.parent, remote.size - have, f"for {remote.filename}", error=DiskFullError
        )
    headers = build_hf_headers(token=token)
    if not remote.same_host:
        headers.pop("authorization", None)  # never send a hub token to a CDN
    sink = _ProgressSink(remote.filename, progress, cancel)
    if remote.size is not None and have == remote.size:
        sink.start(remote.size, have)
        return part
    with part.open("ab") as handle, _hub_retries_told(sink):
        http_get(
            remote.url,
            handle,
            resume_size=have,
            headers=headers,
            expected_size=remote.size,
            displayed_filename=remote.filename,
            tqdm_class=_bar_class(sink),
        )
        handle.flush()
        os.fsync(handle.fileno())
    return part


def download_file(
    repo_id: str,
    filename: str,
    revision: str | None = None,
    *,
    expected_sha256: str | None = None,
    token: str | bool | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    stall_timeout: float = DEFAULT_STALL_TIMEOUT_S,
) -> DownloadedFile:
    """Download one file into the models folder and verify it; opens the network scope itself,
    to the hub's host only, widened to the file's serving host once its metadata names it."""
    require_model_filename(filename)  # before any network or disk work
    reason = f"download {repo_id}/{filename}"
    with hub_access(reason, network_hosts(hub_endpoint()), stall_timeout) as scope:
        try:
            remote = resolve_remote(
                repo_id, filename, revision, token=token, stall_timeout=stall_timeout
            )
            for host in network_hosts(remote.url):
                scope.allow(host)
            part = fetch(remote, token=token, progress=progress, cancel=cancel)
        except (MedLocalError, GenerationCancelled):
            raise
        except Exception as exc:
            raise _translate(exc, repo_id, filename, stall_timeout) from exc
    return _finish(part, remote, expected_sha256)


def _finish(part: Path, remote: RemoteFile, expected_sha256: str | None) -> DownloadedFile:
    filename = require_model_filename(remote.filename)
    digest = sha256_file(part)
    problems = []
    if remote.lfs_sha256 and digest != remote.lfs_sha256:
        problems.append(f"the hub publishes {remote.lfs_sha256[:16]}…")
    if expected_sha256 and digest != expected_sha256.lower():
        problems.append(f"the catalog pins {expected_sha256.lower()[:16]}…")
    if problems:
        part.unlink(missing_ok=True)
        raise IntegrityError(
            f"{remote.filename} failed its integrity check (SHA-256 {digest[:16]}…, but "
            f"{' and '.join(problems)}); the downloaded file was deleted"
        )
    target = free_destination(models_dir(), filename)
    os.replace(part, target)
    fsync_dir(target.parent)
    return DownloadedFile(target, digest, remote)


def installed_copy(entry: CatalogEntry) -> InstalledModel | None:
    """``entry``'s installed model when its file is there and unchanged; None when it is not
    installed or its file is gone (it is downloaded again). A file altered since it was installed
    is refused, with the command that clears the way first (walk 46b D3)."""
    registry = Registry()
    existing = registry.find(entry.id)
    if existing is None or not Path(existing.path).is_file():
        return None
    try:
        registry.verified_path(existing.id)
    except ModelChangedError as exc:
        raise ModelChangedError(
            exc.file_name,
            exc.digest,
            exc.recorded,
            f"Remove it first ('medlocal models remove {entry.id}', or Remove… in the model "
            "manager), then download it again.",
        ) from None
    return existing


def download_entry(
    entry: CatalogEntry | str,
    *,
    token: str | bool | None = None,
    progress: ProgressCallback | None = None,
    cancel: threading.Event | None = None,
    stall_timeout: float = DEFAULT_STALL_TIMEOUT_S,
) -> InstalledModel:
    """Download a catalog model, check it, and record it in the registry."""
    from medlocal.models.importer import check_model_file

    chosen = bundled_catalog().get(entry) if isinstance(entry, str) else entry
    if not chosen.downloadable:
        raise UserInputError(
            f"{chosen.id} ships with the Python package {chosen.package}; it is not downloaded"
        )
    existing = installed_copy(chosen)
    if existing is not None:
        return existing
    done = download_file(
        chosen.repo_id,
        chosen.filename,
        chosen.revision or None,
        expected_sha256=chosen.sha256 or None,
        token=token,
        progress=progress,
        cancel=cancel,
        stall_timeout=stall_timeout,
    )
    try:
        info = check_model_file(done.path)
        # Without a pinned hash the hub's own is the only check: a file that is plainly another
        # model (a wrong or hostile HF_ENDPOINT) must not be recorded under the catalog's name.
        mismatch = catalog_mismatch(chosen, info)
        if mismatch is not None:
            raise IntegrityError(f"{mismatch}; the downloaded file was deleted")
    except MedLocalError:
        done.path.unlink(missing_ok=True)
        raise
    record = record_for_file(
        done.path,
        model_id=chosen.id,
        role=chosen.role,
        source="download",
        managed=True,
        architecture=info.architecture,
        catalog_entry=chosen,
        sha256=done.sha256,
        hub_sha256=done.remote.lfs_sha256,
        repo_id=chosen.repo_id,
        revision=done.remote.commit,
    )
    return Registry().add(record)
