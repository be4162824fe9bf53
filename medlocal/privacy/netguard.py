"""The offline promise, enforced in-process.

``install()`` replaces the socket entry points that open outbound connections or look names up
(connect, connect_ex, sendto, sendmsg, getaddrinfo, gethostbyname, gethostbyname_ex,
gethostbyaddr) with checks that allow loopback and Unix sockets and refuse everything else,
recording each refusal. The only way out is ``download_scope(reason, hosts)``, which the model
manager opens when the *user* starts a model download: it lets through those host names, and the
addresses they resolve to while the scope is open, and nothing else.

This guards Python code (our own, huggingface_hub, chromadb). Native code that opens its own
sockets bypasses it, which is why the integration tests also run the real workflow in a network
namespace with no interfaces.
"""

from __future__ import annotations

import _socket
import contextlib
import ipaddress
import logging
import os
import socket
import threading
import time
from collections.abc import Callable, Iterable, Iterator
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


def _normalize_host(host: str) -> str:
    """One spelling per host: lower case, no brackets or trailing dot, canonical IP text."""
    name = host.strip().strip("[]").rstrip(".").lower()
    try:
        return str(ipaddress.ip_address(name.split("%", 1)[0]))
    except ValueError:
        return name


class DownloadScope:
    """One open download: the host names it may reach and the addresses they resolved to."""

    def __init__(self, reason: str, hosts: Iterable[str]) -> None:
        self.reason = reason
        self._names = {_normalize_host(h) for h in hosts if h}
        self._addresses: set[str] = set()

    def allow(self, host: str) -> None:
        """Add a host learned during the download (the CDN a file's metadata redirects to)."""
        if not host:
            return
        with _state.lock:
            self._names.add(_normalize_host(host))
        log.info("download may also reach %s (%s)", host, self.reason)

    def hosts(self) -> frozenset[str]:
        with _state.lock:
            return frozenset(self._names)

    def _allows(self, host: str) -> bool:  # caller holds _state.lock
        return host in self._names or host in self._addresses

    def _resolved(self, name: str, addresses: Iterable[str]) -> None:  # caller holds _state.lock
        if name in self._names:
            self._addresses.update(_normalize_host(a) for a in addresses)


class _GuardState:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.scopes: list[DownloadScope] = []
        self.blocked: list[BlockedAttempt] = []
        self.listeners: list[Callable[[BlockedAttempt], None]] = []


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
    return bool(_state.scopes)


def _always_allowed(host: object) -> bool:
    # Indirection so a test can make loopback count as remote and exercise the allow-list.
    return is_loopback_host(host)


def _scope_allows(host: object) -> bool:
    if not isinstance(host, str):
        return False
    name = _normalize_host(host)
    with _state.lock:
        return any(scope._allows(name) for scope in _state.scopes)


def _record_resolution(name: object, addresses: Iterable[str]) -> None:
    """Addresses an allowed name resolved to become reachable for the scopes that allow it."""
    if not isinstance(name, str) or _always_allowed(name):
        return
    key = _normalize_host(name)
    found = list(addresses)
    with _state.lock:
        for scope in _state.scopes:
            scope._resolved(key, found)


def _check(host: object, port: int | None, operation: str) -> None:
    if _always_allowed(host) or _scope_allows(host):
        return
    attempt = BlockedAttempt(time.time(), str(host), port, operation)
    with _state.lock:
        _state.blocked.append(attempt)
        listeners = list(_state.listeners)
    for listener in listeners:
        with contextlib.suppress(Exception):  # a listener must never weaken the refusal
            listener(attempt)
    log.warning("blocked outbound %s to %s:%s (offline mode)", operation, host, port)
    raise NetworkBlockedError(
        f"MedLocal is offline: refused a connection to {host}"
        + (f":{port}" if port is not None else "")
        + ". Only a model download you start yourself may use the network, and only to the "
        "model hub it names."
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
_real_sendmsg = getattr(_socket.socket, "sendmsg", None)  # absent on Windows
_real_getaddrinfo = socket.getaddrinfo
_real_gethostbyname = _socket.gethostbyname
_real_gethostbyname_ex = _socket.gethostbyname_ex
_real_gethostbyaddr = _socket.gethostbyaddr


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


def _guarded_sendmsg(self: socket.socket, buffers: Any, *args: Any) -> int:
    # sendmsg(buffers, ancdata, flags, address): with an address it is a UDP sendto.
    if self.family in (socket.AF_INET, socket.AF_INET6) and len(args) >= 3:
        _check(*_address_host_port(self.family, args[2]), "sendmsg")
    assert _real_sendmsg is not None  # only installed where the platform has it
    result: int = _real_sendmsg(self, buffers, *args)
    return result


def _host_text(host: Any) -> Any:
    return host.decode() if isinstance(host, bytes | bytearray) else host


def _check_resolve(host: Any, port: Any = None) -> None:
    # A DNS lookup of a remote name is itself traffic (and a privacy leak).
    name = _host_text(host)
    if name is not None and not _always_allowed(name):
        _check(name, port if isinstance(port, int) else None, "resolve")


def _guarded_getaddrinfo(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
    _check_resolve(host, port)
    result = _real_getaddrinfo(host, port, *args, **kwargs)
    _record_resolution(_host_text(host), (str(sockaddr[0]) for *_, sockaddr in result))
    return result


def _guarded_gethostbyname(host: Any) -> str:
    _check_resolve(host)
    address = _real_gethostbyname(host)
    _record_resolution(_host_text(host), [address])
    return address


def _guarded_gethostbyname_ex(host: Any) -> tuple[str, list[str], list[str]]:
    _check_resolve(host)
    result = _real_gethostbyname_ex(host)
    _record_resolution(_host_text(host), result[2])
    return result


def _guarded_gethostbyaddr(host: Any) -> tuple[str, list[str], list[str]]:
    # A reverse lookup asks a DNS server about the address: refused like a forward one. Its
    # answer is not recorded (a name that points at an address does not make it reachable).
    _check_resolve(host)
    return _real_gethostbyaddr(host)


# (module attribute, guarded function, real function) for the resolver entry points.
_RESOLVERS: tuple[tuple[str, Any, Any], ...] = (
    ("getaddrinfo", _guarded_getaddrinfo, _real_getaddrinfo),
    ("gethostbyname", _guarded_gethostbyname, _real_gethostbyname),
    ("gethostbyname_ex", _guarded_gethostbyname_ex, _real_gethostbyname_ex),
    ("gethostbyaddr", _guarded_gethostbyaddr, _real_gethostbyaddr),
)


def _socket_methods() -> dict[str, Any]:
    methods: dict[str, Any] = {
        "connect": _guarded_connect,
        "connect_ex": _guarded_connect_ex,
        "sendto": _guarded_sendto,
    }
    if _real_sendmsg is not None:
        methods["sendmsg"] = _guarded_sendmsg
    return methods


def install() -> None:
    """Install the guard and re-apply the offline environment.

    Idempotent, and it repairs itself: calling it again re-applies any patch that other code
    (a test tool restoring "its" originals, say) has taken away."""
    os.environ.update(OFFLINE_ENV)
    with _state.lock:
        sock_cls: Any = _stdlib_socket_class()
        for name, guarded in _socket_methods().items():
            setattr(sock_cls, name, guarded)
        for name, guarded, _real in _RESOLVERS:
            setattr(socket, name, guarded)


def uninstall() -> None:
    """Restore the original socket functions (tests only)."""
    with _state.lock:
        sock_cls: Any = _stdlib_socket_class()
        for name in _socket_methods():
            if name in vars(sock_cls):
                delattr(sock_cls, name)  # falls back to _socket.socket's own method
        for name, guarded, real in _RESOLVERS:
            if getattr(socket, name) is guarded:
                setattr(socket, name, real)


def is_installed() -> bool:
    sock_cls = _stdlib_socket_class()
    return all(
        vars(sock_cls).get(name) is guarded for name, guarded in _socket_methods().items()
    ) and all(getattr(socket, name) is guarded for name, guarded, _real in _RESOLVERS)


def blocked_attempts() -> list[BlockedAttempt]:
    with _state.lock:
        return list(_state.blocked)


def add_listener(listener: Callable[[BlockedAttempt], None]) -> None:
    """``listener(attempt)`` runs on the refusing thread after each refused attempt (the
    window's offline indicator counts them)."""
    with _state.lock:
        _state.listeners.append(listener)


def remove_listener(listener: Callable[[BlockedAttempt], None]) -> None:
    with _state.lock:
        if listener in _state.listeners:
            _state.listeners.remove(listener)


def clear_blocked_attempts() -> None:
    with _state.lock:
        _state.blocked.clear()


@contextmanager
def download_scope(reason: str, hosts: Iterable[str]) -> Iterator[DownloadScope]:
    """Allow outbound connections to ``hosts`` while a user-started download runs.

    Only those names, and the addresses they resolve to while the scope is open, pass; any
    other connection or lookup is still refused and recorded. ``scope.allow(host)`` adds a host
    learned on the way (a redirect to a CDN). The scope is process-wide (downloads use helper
    threads); it is opened only by the model manager in response to an explicit user action,
    and logged.
    """
    scope = DownloadScope(reason, hosts)
    with _state.lock:
        _state.scopes.append(scope)
    log.info("network opened to %s for a user-started download: %s", sorted(scope.hosts()), reason)
    try:
        yield scope
    finally:
        with _state.lock:
            _state.scopes.remove(scope)
        log.info("network closed again after: %s", reason)


def status() -> dict[str, Any]:
    return {
        "guard_installed": is_installed(),
        "downloads_open": downloads_allowed(),
        "download_hosts": sorted({h for scope in list(_state.scopes) for h in scope.hosts()}),
        "blocked_attempts": len(_state.blocked),
        "offline_env": {key: os.environ.get(key) for key in OFFLINE_ENV},
    }
