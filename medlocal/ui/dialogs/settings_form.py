"""Editors generated from the typed settings declarations (:class:`medlocal.settings.Settings`):
one per field, chosen by its declared type, range and choices, with its help text as tooltip
and accessible description. A new setting appears here without touching the dialog."""

from __future__ import annotations

from dataclasses import Field, fields
from typing import Any

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox, QWidget

from medlocal.settings import Settings

INT_MAX = 2**31 - 1
LABELS = {
    "threads": "CPU threads",
    "context_tokens": "Context size (tokens)",
    "gpu_layers": "GPU layers",
    "temperature": "Temperature",
    "max_tokens": "Longest answer (tokens)",
    "seed": "Seed",
    "summary_step_tokens": "Summary step (tokens)",
    "thinking_budget": "Thinking budget (tokens)",
    "import_max_mb": "Largest import (MB)",
    "auto_lock_minutes": "Auto-lock after (minutes)",
    "theme": "Theme",
    "backup_folder": "Backup folder",
    "model_check": "Model doubt threshold",
    "speculative_draft": "Speculative draft (tokens)",
    "backup_reminder_days": "Backup reminder (days)",
    "ocr": "Read scans (OCR)",
    "ocr_max_pages": "OCR page limit per file",
    "rerank": "Rerank passages",
    "rerank_candidates": "Passages to rerank",
    "chat_rerank": "Rerank with the chat model",
}
SPECIAL_VALUES = {
    "threads": "auto (physical cores, leaving the window a CPU)",
    "context_tokens": "auto (model's own)",
    "auto_lock_minutes": "never",
    "backup_reminder_days": "never",
    "speculative_draft": "off",
}


def label_for(spec: Field[Any]) -> str:
    return LABELS.get(spec.name, spec.name.replace("_", " ").capitalize())


def declared() -> list[Field[Any]]:
    return list(fields(Settings))


def make_editor(spec: Field[Any], parent: QWidget | None = None) -> QWidget:
    """The editor for one declared setting: a combo box for choices, spin boxes for numbers."""
    help_text = str(spec.metadata.get("help", ""))
    minimum = spec.metadata.get("min")
    maximum = spec.metadata.get("max")
    choices = spec.metadata.get("choices")
    editor: QWidget
    if choices:
        combo = QComboBox(parent)
        combo.addItems(list(choices))
        editor = combo
    elif isinstance(spec.default, str):
        editor = QLineEdit(parent)  # free text, e.g. the backup folder
    elif isinstance(spec.default, float):
        double = QDoubleSpinBox(parent)
        double.setDecimals(2)
        double.setSingleStep(0.05)
        double.setRange(
            float(minimum) if minimum is not None else -1e9,
            float(maximum) if maximum is not None else 2.0,
        )
        editor = double
    else:
        spin = QSpinBox(parent)
        if spec.metadata.get("zero"):
            minimum = 0  # 0 is the special value (auto); 1 up to the declared minimum is refused
        spin.setRange(
            int(minimum) if minimum is not None else -INT_MAX,
            int(maximum) if maximum is not None else INT_MAX,
        )
        special = SPECIAL_VALUES.get(spec.name)
        if special and minimum == 0:
            spin.setSpecialValueText(special)  # shown for the minimum, 0
        editor = spin
    editor.setObjectName(spec.name)
    editor.setToolTip(help_text)
    editor.setAccessibleName(label_for(spec))
    editor.setAccessibleDescription(help_text)
    return editor


def editor_value(editor: QWidget) -> Any:
    if isinstance(editor, QComboBox):
        return editor.currentText()
    if isinstance(editor, QLineEdit):
        return editor.text().strip()
    if isinstance(editor, QDoubleSpinBox):
        return round(editor.value(), 2)
    if isinstance(editor, QSpinBox):
        return editor.value()
    raise TypeError(type(editor).__name__)


def set_editor_value(editor: QWidget, value: Any) -> None:
    if isinstance(editor, QComboBox):
        editor.setCurrentText(str(value))
    elif isinstance(editor, QLineEdit):
        editor.setText(str(value))
    elif isinstance(editor, QDoubleSpinBox):
        editor.setValue(float(value))
    elif isinstance(editor, QSpinBox):
        editor.setValue(int(value))
