"""The passphrase strength bar the first-run wizard and *Change passphrase…* show under a new
passphrase: the same estimate as the rule that refuses weak ones (app.passphrase)."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QWidget

from medlocal.app.passphrase import estimate_strength


class StrengthMeter(QProgressBar):
    """ "Strength: …" for the text given to :meth:`show_for` (0 too short .. 4 strong)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(0, 4)
        self.setTextVisible(True)
        self.setAccessibleName("Passphrase strength")
        self.show_for("")

    def show_for(self, text: str) -> None:
        strength = estimate_strength(text)
        self.setValue(strength.score)
        self.setFormat(f"Strength: {strength.label}")
