"""The documents a clinician chose are named in the list's order, whatever order the clicks came
in (review63u: the confirmation named them in click order), and hidden rows never count."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QListWidget
from pytestqt.qtbot import QtBot

from medlocal.ui.document_filter import chosen_documents


def test_chosen_documents_come_in_list_order_not_click_order(qtbot: QtBot) -> None:
    documents = QListWidget()
    qtbot.addWidget(documents)
    documents.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
    documents.addItems(["a_letter.pdf", "b_bloods.csv", "c_echo.docx", "d_scan.pdf"])
    for row in (3, 0, 2):  # clicked last row first
        documents.item(row).setSelected(True)
    documents.item(2).setHidden(True)
    assert [item.text() for item in chosen_documents(documents)] == [
        "a_letter.pdf",
        "d_scan.pdf",
    ]
