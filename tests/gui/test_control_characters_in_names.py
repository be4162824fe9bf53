"""Walk 43 D6: file names with an escape sequence, a newline, a tab or U+202E (right-to-left
override) reached the terminal as they were: ``esc\\x1b[31mred.txt`` turned it red, a newline
split the one-line report (and could forge a line such as "failed: …"), RLO reversed the
text. One helper (``fsutil.shown_name``) escapes them wherever a name is printed or listed: the
import lines and report, ``patient show``, search hits, and the window's document list. The
document keeps its real name."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.gui_window import PASS, make_workspace
from fixtures.ingest_files import FakeEmbedder
from pytestqt.qtbot import QtBot

from medlocal.app import Workspace
from medlocal.cli import main as cli_main
from medlocal.fsutil import shown_name
from medlocal.ui.patients_panel import PatientsPanel
from medlocal.vault.keys import KdfParams
from medlocal.vault.store import Vault

NAMES = {
    "esc\x1b[31mred.txt": "esc\\x1b[31mred.txt",
    "line one\nfailed: forged.txt": "line one\\nfailed: forged.txt",
    "tab\there.txt": "tab\\there.txt",
    "invoice\u202etxt.exe.txt": "invoice\\u202etxt.exe.txt",
}


def test_shown_name_escapes_controls_and_keeps_the_rest() -> None:
    for name, shown in NAMES.items():
        assert shown_name(name) == shown
    assert shown_name("café 🩺 résumé.txt") == "café 🩺 résumé.txt"
    assert shown_name("del\x7f c1\x85.txt") == "del\\x7f c1\\x85.txt"


def _files(folder: Path) -> list[Path]:
    folder.mkdir()
    paths = []
    for index, name in enumerate(NAMES):
        path = folder / name
        path.write_text(f"Clinic note {index}: blood pressure 120/80, reviewed.\n")
        paths.append(path)
    return paths


def test_the_cli_prints_no_control_character_of_a_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "vault"
    vault, _ = Vault.create(folder, "cli test passphrase", kdf_params=KdfParams(8 * 1024, 1, 1))
    with vault:
        patient = vault.add_patient("Odd Names")
    secret = tmp_path / "pass.txt"
    secret.write_text("cli test passphrase\n")
    auth = ["--vault", str(folder), "--passphrase-file", str(secret)]
    files = [str(p) for p in _files(tmp_path / "odd")]

    def run(*argv: str) -> int:
        return cli_main(list(argv), workspace=Workspace(embedder_loader=lambda m: FakeEmbedder()))

    assert run("import", *auth, "--patient", str(patient), *files) == 0
    assert run("patient", "show", str(patient), *auth) == 0
    out, err = capsys.readouterr()
    for text in (out, err):
        assert "\x1b" not in text and "\u202e" not in text and "\t" not in text
        assert not any(line.startswith("failed: forged") for line in text.splitlines())
    for shown in NAMES.values():
        assert shown in out, out
    with Vault.open(folder, "cli test passphrase") as opened:  # the real names are kept
        assert sorted(d.file_name for d in opened.list_documents()) == sorted(NAMES)


def test_the_window_lists_names_escaped(qtbot: QtBot, tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, embedder_loader=lambda m: FakeEmbedder())
    try:
        ws.create_vault(PASS, PASS)
        patient = ws.require_vault().add_patient("Odd Names")
        ws.import_documents(_files(tmp_path / "odd"), patient)
        panel = PatientsPanel(ws)
        qtbot.addWidget(panel)
        panel.document_refresh.show(ws.require_vault().list_documents(patient))
        texts = [panel.documents.item(i).text() for i in range(panel.documents.count())]
        assert len(texts) == len(NAMES)
        for shown in NAMES.values():
            assert any(shown in text for text in texts), texts
        assert not any("\x1b" in t or "\n" in t or "\u202e" in t for t in texts)
    finally:
        ws.close()
