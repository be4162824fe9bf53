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

import _socket
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
        self.scope_depth = 0
        self.scope_reasons: list[str] = []
        self.blocked: list[BlockedAttempt] = []


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


def _stdlib_socket_class() -> type[socket.socket]:
    """The standard library's socket class, even if a test tool has swapped ``socket.socket``
    for a subclass of it: patching the base class covers both."""
    for cls in socket.socket.__mro__:
        if cls.__module__ == "socket" and cls.__name__ == "socket":
            return cls
    return socket.socket


# The real implementations: the C methods of _socket.socket, which nothing can patch.
_real_connect = _socket.socket.connect
_real_connect_ex = _socket.socket.connect_ex
_real_sendto = _socket.socket.sendto
_real_getaddrinfo = socket.getaddrinfo


def _guarded_connect(self: socket.socket, address: Any) -> None:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _check(*_address_host_port(self.family, address), "connect")
    _real_connect(self, address)


def _guarded_connect_ex(self: socket.socket, address: Any) -> int:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _check(*_address_host_port(self.family, address), "connect")
    return _real_connect_ex(self, address)


def _guarded_sendto(self: socket.socket, *args: Any) -> int:
    if self.family in (socket.AF_INET, socket.AF_INET6):
        _check(*_address_host_port(self.family, args[-1]), "sendto")
    result: int = _real_sendto(self, *args)
    return result


def _guarded_getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
    # A DNS lookup of a remote name is itself traffic (and a privacy leak).
    name = host.decode() if isinstance(host, bytes) else host
    if name is not None and not is_loopback_host(name):
        _check(name, port if isinstance(port, int) else None, "resolve")
    return _real_getaddrinfo(host, port, *args, **kwargs)


def install() -> None:
    """Install the guard and re-apply the offline environment.

    Idempotent, and it repairs itself: calling it again re-applies any patch that other code
    (a test tool restoring "its" originals, say) has taken away."""
    os.environ.update(OFFLINE_ENV)
    with _state.lock:
        sock_cls: Any = _stdlib_socket_class()
        sock_cls.connect = _guarded_connect
        sock_cls.connect_ex = _guarded_connect_ex
        sock_cls.sendto = _guarded_sendto
        socket.getaddrinfo = _guarded_getaddrinfo


def uninstall() -> None:
    """Restore the original socket functions (tests only)."""
    with _state.lock:
        sock_cls: Any = _stdlib_socket_class()
        for name in ("connect", "connect_ex", "sendto"):
            if name in vars(sock_cls):
                delattr(sock_cls, name)  # falls back to _socket.socket's own method
        if socket.getaddrinfo is _guarded_getaddrinfo:
            socket.getaddrinfo = _real_getaddrinfo


def is_installed() -> bool:
    sock_cls = _stdlib_socket_class()
    return (
        vars(sock_cls).get("connect") is _guarded_connect
        and vars(sock_cls).get("connect_ex") is _guarded_connect_ex
        and vars(sock_cls).get("sendto") is _guarded_sendto
        and socket.getaddrinfo is _guarded_getaddrinfo
    )


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
        "guard_installed": is_installed(),
        "downloads_open": downloads_allowed(),
        "blocked_attempts": len(_state.blocked),
        "offline_env": {key: os.environ.get(key) for key in OFFLINE_ENV},
    }
