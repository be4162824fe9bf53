"""'Remember on this computer' against a real Secret Service: gnome-keyring in a private D-Bus
session (dbus-run-session), the way a Linux desktop provides it. CI installs gnome-keyring; a
machine without it skips with the reason shown."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

CHILD = r"""
import json, sys
from pathlib import Path
from medlocal.vault import keychain
from medlocal.vault.errors import PassphraseRequiredError
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

folder = Path(sys.argv[1])
print("backend", keychain.backend_name(keychain.secure_backend()))
vault, _ = Vault.create(folder, "correct horse battery", kdf_params=KdfParams(1024, 1, 1))
vault.add_patient("Keychain Patient")
print("remembered", vault.remember())
vault.lock()
key_text = (folder / "vault.keys.json").read_text()
entry = keychain.entry_name(json.loads(key_text)["vault_id"], folder)
secret = keychain.secure_backend().get_password(keychain.SERVICE, entry)
print("device key kept out of the key file", bool(secret) and secret not in key_text)
with Vault.open(folder, use_keychain=True) as opened:
    print("unlocked_with", opened.unlocked_with, [p.name for p in opened.list_patients()])
    opened.forget()
try:
    Vault.open(folder, use_keychain=True)
except PassphraseRequiredError:
    print("after forget: passphrase required")
"""

SCRIPT = """
set -e
echo -n "login-password" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
exec "$PYTHON" "$CHILD" "$VAULT"
"""


@pytest.mark.skipif(
    not (shutil.which("dbus-run-session") and shutil.which("gnome-keyring-daemon")),
    reason="needs dbus-run-session and gnome-keyring-daemon (apt install gnome-keyring)",
)
def test_remember_with_gnome_keyring_secret_service(tmp_path: Path) -> None:
    child = tmp_path / "child.py"
    child.write_text(CHILD)
    script = tmp_path / "run.sh"
    script.write_text(SCRIPT)
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "PYTHON": sys.executable,
        "CHILD": str(child),
        "VAULT": str(tmp_path / "vault"),
    }
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    proc = subprocess.run(
        ["dbus-run-session", "--", "sh", str(script)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    lines = proc.stdout.splitlines()
    assert "backend keyring.backends.SecretService.Keyring" in lines
    assert "remembered keyring.backends.SecretService.Keyring" in lines
    assert "device key kept out of the key file True" in lines
    assert "unlocked_with keychain ['Keychain Patient']" in lines
    assert "after forget: passphrase required" in lines
