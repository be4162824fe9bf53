"""Where MedLocal keeps things.

One override for every folder: ``MEDLOCAL_HOME`` (portable installs, test isolation). Without it,
platformdirs gives the OS conventions. Folders are created 0700 because they hold the vault,
models and logs of a single clinician.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
from pathlib import Path

import platformdirs

from medlocal.fsutil import private_dir

APP_NAME = "MedLocal"
HOME_ENV = "MEDLOCAL_HOME"


def home_override() -> Path | None:
    value = os.environ.get(HOME_ENV)
    return Path(value).expanduser().resolve() if value else None


def data_dir() -> Path:
    home = home_override()
    base = home / "data" if home else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    return private_dir(base)


def config_dir() -> Path:
    home = home_override()
    base = (
        home / "config" if home else Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))
    )
    return private_dir(base)


def log_dir() -> Path:
    home = home_override()
    base = home / "logs" if home else Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
    if home is None and base.parent.name == APP_NAME:
        # Linux's ~/.local/state/MedLocal/log, Windows' …\MedLocal\Logs: the app's own folder
        # above the log folder is MedLocal's too, kept 0700 like the rest (walk 52b L4: mkdir
        # made it with the umask's 0755, so another account saw it and its "log" folder).
        _private_if_ours(base.parent)
    return private_dir(base)


def _private_if_ours(folder: Path) -> None:
    """Make ``folder`` 0700 where this account owns it; best effort, never a refusal. A folder
    another account owns (an administrator's) is left as it is: its mode is not ours to change,
    and MedLocal needs only the log folder inside it (review 52b F9: a MEDLOCAL_HOME named
    "MedLocal" made by root stopped every start with "chmod u+w" advice)."""
    if not hasattr(os, "geteuid"):  # Windows: a user's AppData folders are private already
        return
    with contextlib.suppress(OSError):
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        found = folder.stat()
        if found.st_uid == os.geteuid() and found.st_mode & stat.S_IWUSR:
            folder.chmod(0o700)


def models_dir() -> Path:
    return private_dir(data_dir() / "models")


def vault_dir() -> Path:
    return private_dir(data_dir() / "vault")


def resource_entries(path: Path) -> list[str]:
    """The entries of a list in ``resources/`` (word lists, drug dictionaries, templates of
    names): one a line, stripped; blank lines and "#" comment lines left out."""
    return [
        entry
        for line in path.read_text(encoding="utf-8").splitlines()
        if (entry := line.strip()) and not entry.startswith("#")
    ]


def resources_dir() -> Path:
    """The ``resources/`` folder (catalog, templates, lexicons), wherever MedLocal runs from:
    a PyInstaller bundle, an installed wheel (shipped as ``medlocal._resources``) or a checkout."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    package = Path(__file__).resolve().parent
    installed = package / "_resources"  # a wheel maps resources/ here (see pyproject.toml)
    if installed.is_dir():
        return installed
    return package.parent / "resources"  # a checkout or an editable install
