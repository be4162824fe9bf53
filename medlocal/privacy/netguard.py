"""The offline promise, enforced in-process.

``install()`` replaces the socket entry points that open outbound connections (connect, connect_ex,
sendto, getaddrinfo) with checks that allow loopback and Unix sockets and refuse everything else,
recording each refusal. The only way out is ``download_scope()``, which the model manager opens
when the *user* starts a model download.

This guards Python code (our own, huggingface_hub, chromadb). Native code that opens its own
sockets bypasses it, which is why the integration tests also run the real workflow in a network
namespace with no interfaces.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from medlocal import OFFLINE_ENV
from medlocal.errors import NetworkBlockedError

log = logging.getLogger(__name__)

_LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", ""})


@dataclass(frozen=True)
class BlockedAttempt:
    when: float
    host: str
    port: int | None
    operation: str


class _GuardState:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.installed = False
        self.scope_depth = 0
        self.scope_reasons: list[str] = []
        self.blocked: list[BlockedAttempt] = []
        self.originals: dict[str, Any] = {}


_state = _GuardState()


def is_loopback_host(host: object) -> bool:
    if not isinstance(host, str):
        return False
    name = host.strip("[]").lower()
    if name in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def downloads_allowed() -> bool:
    return _state.scope_depth > 0


def _check(host: object, port: int | None, operation: str) -> None:
    if is_loopback_host(host) or downloads_allowed():
        return
    attempt = BlockedAttempt(time.time(), str(host), port, operation)
    with _state.lock:
        _state.blocked.append(attempt)
    log.warning("blocked outbound %s to %s:%s (offline mode)", operation, host, port)
    raise NetworkBlockedError(
        f"MedLocal is offline: refused a connection to {host}"
        + (f":{port}" if port is not None else "")
        + ". Only a model download you start yourself may use the network."
    )


def _address_host_port(family: int, address: Any) -> tuple[object, int | None]:
    if family in (socket.AF_INET, socket.AF_INET6) and isinstance(address, tuple):
        return address[0], int(address[1]) if len(address) > 1 else None
    return None, None


def install() -> None:
    """Install the guard (idempotent) and re-apply the offline environment."""
    os.environ.update(OFFLINE_ENV)
    with _state.lock:
        if _state.installed:
            return
        sock_cls = socket.socket
        originals = {
            "connect": sock_cls.connect,
            "connect_ex": sock_cls.connect_ex,
            "sendto": sock_cls.sendto,
            "getaddrinfo": socket.getaddrinfo,
        }
        _state.originals = originals

        def connect(self: socket.socket, address: Any) -> None:
            if self.family in (socket.AF_INET, socket.AF_INET6):
                host, port = _address_host_port(self.family, address)
                _check(host, port, "connect")
            originals["connect"](self, address)

        def connect_ex(self: socket.socket, address: Any) -> int:
            if self.family in (socket.AF_INET, socket.AF_INET6):
                host, port = _address_host_port(self.family, address)
                _check(host, port, "connect")
            result: int = originals["connect_ex"](self, address)
            return result

        def sendto(self: socket.socket, *args: Any) -> int:
            if self.family in (socket.AF_INET, socket.AF_INET6):
                host, port = _address_host_port(self.family, args[-1])
                _check(host, port, "sendto")
            result: int = originals["sendto"](self, *args)
            return result

        def getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
            # A DNS lookup of a remote name is itself traffic (and a privacy leak).
            if host is not None and not is_loopback_host(
                host.decode() if isinstance(host, bytes) else host
            ):
                _check(host, port if isinstance(port, int) else None, "resolve")
            return originals["getaddrinfo"](host, port, *args, **kwargs)

        sock_cls.connect = connect  # type: ignore[method-assign]
        sock_cls.connect_ex = connect_ex  # type: ignore[method-assign]
        sock_cls.sendto = sendto  # type: ignore[assignment]
        socket.getaddrinfo = getaddrinfo
        _state.installed = True


def uninstall() -> None:
    """Restore the original socket functions (tests only)."""
    with _state.lock:
        if not _state.installed:
            return
        originals = _state.originals
        socket.socket.connect = originals["connect"]  # type: ignore[method-assign]
        socket.socket.connect_ex = originals["connect_ex"]  # type: ignore[method-assign]
        socket.socket.sendto = originals["sendto"]  # type: ignore[method-assign]
        socket.getaddrinfo = originals["getaddrinfo"]
        _state.installed = False


def is_installed() -> bool:
    return _state.installed


def blocked_attempts() -> list[BlockedAttempt]:
    with _state.lock:
        return list(_state.blocked)


def clear_blocked_attempts() -> None:
    with _state.lock:
        _state.blocked.clear()


@contextmanager
def download_scope(reason: str) -> Iterator[None]:
    """Allow outbound connections while a user-started download runs.

    The scope is process-wide (downloads use helper threads); it is opened only by the model
    manager in response to an explicit user action, and logged.
    """
    with _state.lock:
        _state.scope_depth += 1
        _state.scope_reasons.append(reason)
    log.info("network opened for a user-started download: %s", reason)
    try:
        yield
    finally:
        with _state.lock:
            _state.scope_depth -= 1
            _state.scope_reasons.remove(reason)
        log.info("network closed again after: %s", reason)


def status() -> dict[str, Any]:
    return {
        "guard_installed": _state.installed,
        "downloads_open": downloads_allowed(),
        "blocked_attempts": len(_state.blocked),
        "offline_env": {key: os.environ.get(key) for key in OFFLINE_ENV},
    }
