"""Walk 43 D4 in the window: the model manager's installed list marks a model whose file is gone
(an --in-place import from a USB stick now unplugged) as "file missing", with the path."""

from __future__ import annotations

from pathlib import Path

from fixtures.model_files import write_tiny_gguf
from PySide6.QtWidgets import QTableWidget
from pytestqt.qtbot import QtBot

from medlocal.models.importer import import_gguf
from medlocal.ui.dialogs.model_tables import fill_installed


def test_the_installed_table_marks_a_missing_file(qtbot: QtBot, tmp_path: Path) -> None:
    source = write_tiny_gguf(tmp_path / "stick.gguf")
    model = import_gguf(source, in_place=True, model_id="on-stick").model
    table = QTableWidget(0, 6)
    qtbot.addWidget(table)
    fill_installed(table, [model], {"chat": "on-stick"}, {}, False)
    first = table.item(0, 2)
    assert first is not None and first.text() == "default"
    source.unlink()
    fill_installed(table, [model], {"chat": "on-stick"}, {}, False)
    item = table.item(0, 2)
    assert item is not None and item.text() == "default, file missing"
    assert str(source) in item.toolTip()
