"""The window under test: real Qt (offscreen), a real vault, fast fakes or the real demo model.

Qt warnings fail a test (``qt_log_level_fail`` in pyproject); window geometry goes to a
per-test QSettings folder, never the developer's own."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fixtures.ingest_files import FakeEmbedder

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QSettings

from medlocal.app import Workspace
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery staple"
FAST_KDF = KdfParams(8 * 1024, 1, 1)


@pytest.fixture(autouse=True)
def private_qsettings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "qs"))


def make_workspace(tmp_path: Path, chat: Any = None, **kwargs: Any) -> Workspace:
    kwargs.setdefault("embedder_loader", lambda model: FakeEmbedder())
    if chat is not None:
        kwargs["chat_loader"] = lambda model: chat
    return Workspace(tmp_path / "vault", kdf_params=FAST_KDF, **kwargs)


@pytest.fixture
def gui_workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A workspace with a created, unlocked vault and one patient (id in ``.test_patient``)."""
    ws = make_workspace(tmp_path)
    ws.create_vault(PASS, PASS)
    yield ws
    ws.close()
