"""Editors generated from the typed settings declarations (:class:`medlocal.settings.Settings`):
one per field, chosen by its declared type, range and choices, with its help text as tooltip
and accessible description. A new setting appears here without touching the dialog."""

from __future__ import annotations

from dataclasses import Field, fields
from typing import Any

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDoubleSpinBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from medlocal.errors import UserInputError
from medlocal.settings import Settings, coerce_setting, range_text, upper_bound

INT_MAX = 2**31 - 1
DOUBLE_LIMIT = 1e9
SPECIAL_VALUES = {
    "threads": "auto (physical cores, leaving the window a CPU)",
    "context_tokens": "auto (model's own)",
    "auto_lock_minutes": "never",
    "backup_reminder_days": "never",
    "backup_keep": "all",
    "speculative_draft": "off",
}


def label_for(spec: Field[Any]) -> str:
    """The field's label: declared with the setting (the settings layer's messages use it too)."""
    return str(spec.metadata["label"])


class _Steps:
    """The arrows of a number editor stay in the declared range (and on its special 0); what
    is typed is taken as typed and checked by the form, never replaced silently (walk 39:
    "99999" typed became 9999 and "7.5" became 0.50 when the range was the spin box's own)."""

    def __init__(self, spec: Field[Any]) -> None:
        self.low = spec.metadata.get("min")
        self.high = upper_bound(spec.name)  # this computer's, where it has one (CPU threads)
        self.zero = bool(spec.metadata.get("zero"))

    def step(self, value: float, delta: float) -> float:
        target = value + delta
        if self.zero and value == 0 and delta > 0 and self.low is not None:
            return float(self.low)  # from "auto" up to the least number
        if self.zero and self.low is not None and target < self.low:
            return 0.0
        if self.low is not None:
            target = max(target, self.low)
        if self.high is not None:
            target = min(target, self.high)
        return target


class NumberEditor(QSpinBox):
    """A whole-number setting: any number can be typed (the form marks one out of range)."""

    def __init__(self, spec: Field[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps = _Steps(spec)
        self.setRange(-INT_MAX, INT_MAX)
        self.special = SPECIAL_VALUES.get(spec.name, "")

    def stepBy(self, steps: int) -> None:
        self.setValue(int(self.steps.step(self.value(), steps * self.singleStep())))
        self.selectAll()

    def stepEnabled(self) -> QAbstractSpinBox.StepEnabledFlag:
        return QAbstractSpinBox.StepEnabledFlag.StepUpEnabled | (
            QAbstractSpinBox.StepEnabledFlag.StepDownEnabled
        )

    def textFromValue(self, value: int) -> str:
        return self.special if self.special and value == 0 else super().textFromValue(value)

    def valueFromText(self, text: str) -> int:
        return 0 if self.special and text == self.special else super().valueFromText(text)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        if self.special and text == self.special:
            return QValidator.State.Acceptable, text, pos
        return super().validate(text, pos)


class DecimalEditor(QDoubleSpinBox):
    """A decimal setting (two places): any number can be typed, as :class:`NumberEditor`."""

    def __init__(self, spec: Field[Any], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.steps = _Steps(spec)
        self.setDecimals(2)
        self.setSingleStep(0.05)
        self.setRange(-DOUBLE_LIMIT, DOUBLE_LIMIT)

    def stepBy(self, steps: int) -> None:
        self.setValue(self.steps.step(self.value(), steps * self.singleStep()))
        self.selectAll()

    def _as_locale(self, text: str) -> str:
        """``text`` with "." and "," both read as the decimal point (review 36: in English
        "0,1" was read as 1.0, the comma taken as a thousands separator, and in German "0.7" as
        7). No setting needs a thousands separator, so neither is ever one; "1,2.5" has two
        decimal points and is refused."""
        point = self.locale().decimalPoint()
        return text.replace(",", point).replace(".", point)

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        state, _checked, _pos = super().validate(self._as_locale(text), pos)
        return state, text, pos  # what was typed stays as typed

    def valueFromText(self, text: str) -> float:
        return super().valueFromText(self._as_locale(text))


def shown_unchanged(editor: QWidget, shown: Any, stored: Any) -> bool:
    """Whether ``shown`` in ``editor`` is ``stored`` as the editor shows it: a decimal rounded
    to the editor's places (review 36: temperature 0.333 from settings.toml showed 0.33, and
    saving another field rewrote it as 0.33)."""
    if isinstance(editor, QDoubleSpinBox) and isinstance(stored, (int, float)):
        return bool(abs(float(shown) - float(stored)) <= 0.5 * 10 ** -editor.decimals() + 1e-9)
    return bool(shown == stored)


def declared() -> list[Field[Any]]:
    return list(fields(Settings))


def make_editor(spec: Field[Any], parent: QWidget | None = None) -> QWidget:
    """The editor for one declared setting: a combo box for choices, spin boxes for numbers."""
    help_text = str(spec.metadata.get("help", ""))
    choices = spec.metadata.get("choices")
    editor: QWidget
    if choices:
        combo = QComboBox(parent)
        combo.addItems(list(choices))
        editor = combo
    elif isinstance(spec.default, str):
        editor = QLineEdit(parent)  # free text, e.g. the backup folder
    elif isinstance(spec.default, float):
        editor = DecimalEditor(spec, parent)
    else:
        editor = NumberEditor(spec, parent)
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


def editor_problem(spec: Field[Any], editor: QWidget) -> str:
    """What is wrong with the value in ``editor``, in words naming the field's label and its
    range ("Temperature must be at most 2, not 7.5: its range is 0 to 2"), or ""."""
    if isinstance(editor, QAbstractSpinBox) and not editor.hasAcceptableInput():
        kind = "a number" if isinstance(editor, QDoubleSpinBox) else "a whole number"
        whole = range_text(spec.name)
        return f"{label_for(spec)} needs {kind}" + (f" ({whole})" if whole else "")
    try:
        coerce_setting(spec.name, editor_value(editor))
    except UserInputError as exc:
        return str(exc)
    return ""
