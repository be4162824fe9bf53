"""The socket guard: loopback allowed, everything else refused and recorded, except inside a
user-started download scope."""

from __future__ import annotations

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
    with netguard.download_scope("test download"):
        assert netguard.downloads_allowed()
        # The guard lets the call through; the connection itself fails fast (unroutable/blocked
        # by pytest-socket's absence here), which is fine: we only test that *we* allowed it.
        netguard._check("203.0.113.7", 443, "connect")
    assert not netguard.downloads_allowed()
    with pytest.raises(NetworkBlockedError):
        netguard._check("203.0.113.7", 443, "connect")


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
