"""The socket guard: loopback allowed, everything else refused and recorded, except inside a
user-started download scope."""

from __future__ import annotations

import _socket
import contextlib
import os
import socket
import threading
from collections.abc import Iterator

import pytest

from medlocal.errors import NetworkBlockedError
from medlocal.privacy import netguard


@pytest.fixture
def guard(socket_enabled: None) -> Iterator[None]:
    # pytest-socket is lifted for these tests so that *our* guard is what is being tested.
    netguard.install()  # installed for the whole session by conftest; idempotent
    netguard.clear_blocked_attempts()
    yield
    netguard.clear_blocked_attempts()


def test_offline_environment_is_forced() -> None:
    import medlocal

    for key, value in medlocal.OFFLINE_ENV.items():
        assert os.environ[key] == value


def test_outbound_connect_is_refused_and_recorded(guard: None) -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
        pytest.raises(NetworkBlockedError, match="offline"),
    ):
        sock.connect(("93.184.216.34", 443))
    attempts = netguard.blocked_attempts()
    assert attempts and attempts[-1].host == "93.184.216.34" and attempts[-1].port == 443


def test_dns_lookup_of_remote_name_is_refused(guard: None) -> None:
    with pytest.raises(NetworkBlockedError):
        socket.getaddrinfo("huggingface.co", 443)


def test_udp_sendto_is_refused(guard: None) -> None:
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock,
        pytest.raises(NetworkBlockedError),
    ):
        sock.sendto(b"x", ("8.8.8.8", 53))


def test_ipv6_outbound_is_refused(guard: None) -> None:
    with (
        socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as sock,
        pytest.raises(NetworkBlockedError),
    ):
        sock.connect(("2606:4700::1111", 443, 0, 0))


def test_create_connection_is_refused(guard: None) -> None:
    with pytest.raises(NetworkBlockedError):
        socket.create_connection(("203.0.113.7", 80), timeout=1)


def test_loopback_is_allowed(guard: None) -> None:
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]

    def accept() -> None:
        conn, _ = server.accept()
        conn.sendall(b"ok")
        conn.close()

    thread = threading.Thread(target=accept)
    thread.start()
    with socket.create_connection(("localhost", port), timeout=5) as client:
        assert client.recv(2) == b"ok"
    thread.join()
    server.close()
    assert netguard.blocked_attempts() == []


def test_download_scope_opens_and_closes(guard: None) -> None:
    assert not netguard.downloads_allowed()
    with netguard.download_scope("test download", ["203.0.113.7"]):
        assert netguard.downloads_allowed()
        # Only the guard's decision is tested: no connection is made.
        netguard._check("203.0.113.7", 443, "connect")
    assert not netguard.downloads_allowed()
    with pytest.raises(NetworkBlockedError):
        netguard._check("203.0.113.7", 443, "connect")


def test_download_scope_refuses_hosts_it_does_not_name(guard: None) -> None:
    with netguard.download_scope("download from the hub", ["hub.example"]):
        with (
            socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock,
            pytest.raises(NetworkBlockedError, match=r"203\.0\.113\.9"),
        ):
            sock.connect(("203.0.113.9", 443))
        with pytest.raises(NetworkBlockedError):
            socket.getaddrinfo("tracker.example", 443)
        netguard._check("hub.example", 443, "connect")  # the named host passes
    hosts = [(a.host, a.operation) for a in netguard.blocked_attempts()]
    assert hosts == [("203.0.113.9", "connect"), ("tracker.example", "resolve")]


def test_addresses_an_allowed_name_resolves_to_are_allowed_in_its_scope(
    guard: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = {"hub.example": "203.0.113.5", "cdn.example": "198.51.100.8"}

    def fake_getaddrinfo(host: str, port: int, *args: object, **kw: object) -> list[object]:
        sockaddr = (answers[host], port)
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", sockaddr)]

    monkeypatch.setattr(netguard, "_real_getaddrinfo", fake_getaddrinfo)
    monkeypatch.setattr(netguard, "_real_gethostbyname", lambda host: answers[host])
    with netguard.download_scope("download", ["HUB.example."]) as scope:
        with pytest.raises(NetworkBlockedError):
            netguard._check("203.0.113.5", 443, "connect")  # not resolved yet
        socket.getaddrinfo("hub.example", 443)
        netguard._check("203.0.113.5", 443, "connect")
        with pytest.raises(NetworkBlockedError):
            socket.gethostbyname("cdn.example")
        scope.allow("cdn.example")  # a redirect learned during the download
        assert socket.gethostbyname("cdn.example") == "198.51.100.8"
        netguard._check("198.51.100.8", 443, "connect")
        assert netguard.status()["download_hosts"] == ["cdn.example", "hub.example"]
    for address in ("203.0.113.5", "198.51.100.8"):  # the scope took its addresses with it
        with pytest.raises(NetworkBlockedError):
            netguard._check(address, 443, "connect")


def test_udp_sendmsg_with_an_address_is_refused(guard: None) -> None:
    if not hasattr(socket.socket, "sendmsg"):
        pytest.skip("no sendmsg on this platform")
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock,
        pytest.raises(NetworkBlockedError),
    ):
        sock.sendmsg([b"x"], [], 0, ("8.8.8.8", 53))
    assert netguard.blocked_attempts()[-1].operation == "sendmsg"


def test_udp_sendmsg_to_loopback_is_allowed(guard: None) -> None:
    if not hasattr(socket.socket, "sendmsg"):
        pytest.skip("no sendmsg on this platform")
    with (
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as receiver,
        socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sender,
    ):
        receiver.bind(("127.0.0.1", 0))
        assert sender.sendmsg([b"ok"], [], 0, receiver.getsockname()) == 2
        assert receiver.recv(2) == b"ok"


@pytest.mark.parametrize(
    ("name", "argument"),
    [
        ("gethostbyname", "example.org"),
        ("gethostbyname_ex", "example.org"),
        ("gethostbyaddr", "8.8.8.8"),
        ("gethostbyaddr", "example.org"),
    ],
)
def test_legacy_resolver_functions_are_refused(guard: None, name: str, argument: str) -> None:
    with pytest.raises(NetworkBlockedError):
        getattr(socket, name)(argument)  # looked up at call time: the patched function
    assert netguard.blocked_attempts()[-1].host == argument


def test_legacy_resolver_functions_allow_loopback(guard: None) -> None:
    assert socket.gethostbyname("127.0.0.1") == "127.0.0.1"
    assert socket.gethostbyname_ex("127.0.0.1")[2] == ["127.0.0.1"]
    with contextlib.suppress(OSError):  # no hosts entry for it here: not the guard's concern
        socket.gethostbyaddr("127.0.0.1")
    assert netguard.blocked_attempts() == []


def test_guard_is_in_place_under_pytest_socket() -> None:
    # No socket_enabled here: pytest-socket has swapped in its own resolver guards for this
    # test, and conftest re-installed ours on top, for every function the guard covers.
    assert netguard.is_installed()
    assert socket.gethostbyname is netguard._guarded_gethostbyname
    assert socket.gethostbyaddr is netguard._guarded_gethostbyaddr


@pytest.mark.parametrize("name", ["gethostbyname", "gethostbyname_ex", "gethostbyaddr"])
def test_is_installed_notices_a_restored_resolver(
    guard: None, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setattr(socket, name, getattr(_socket, name))  # a tool restoring "its" original
    assert not netguard.is_installed()
    netguard.install()
    assert netguard.is_installed()


def test_is_installed_notices_a_restored_sendmsg(guard: None) -> None:
    if not hasattr(socket.socket, "sendmsg"):
        pytest.skip("no sendmsg on this platform")
    sock_cls = netguard._stdlib_socket_class()
    del sock_cls.sendmsg  # what a tool restoring "its" original would leave
    try:
        assert not netguard.is_installed()
    finally:
        netguard.install()
    assert netguard.is_installed()


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.5.5.5", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("10.0.0.1", False),
        ("example.org", False),
        ("0.0.0.0", False),
        (None, False),
    ],
)
def test_loopback_classification(host: object, loopback: bool) -> None:
    assert netguard.is_loopback_host(host) is loopback


def test_uninstall_and_reinstall_restore_the_socket_functions(guard: None) -> None:
    patched = socket.socket.connect
    netguard.uninstall()
    try:
        assert socket.socket.connect is not patched and not netguard.is_installed()
    finally:
        netguard.install()
    assert netguard.is_installed()
    with pytest.raises(NetworkBlockedError):
        socket.getaddrinfo("example.org", 80)
