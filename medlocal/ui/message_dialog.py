"""Messages and questions that fit the screen, however long their text and whatever the font
(walk 55a M2: the next start's "did not close properly … crash report" message, a QMessageBox,
was 432 x 882 at 200 % and 18 pt on a 683 x 384 screen, its log folder, "You can send them …"
and OK below the screen's edge). QMessageBox sets its own fixed size from the screen's width
alone, so a long text cannot scroll in it; here the text scrolls and the buttons stay in view
(fit_screen).

Every message of the window with only OK goes through :func:`tell` (ui59: an error naming a
long path ran off the screen the same way), every question through :func:`ask` (ui60: the
settings question quotes a path, "Delete this patient?" names them). A question's buttons say
what they do; the safe answer (the one that loses nothing) is Escape's and, unless the caller
names another, Enter's."""

from __future__ import annotations

from collections.abc import Sequence

import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from medlocal.ui import screen_room
from medlocal.ui.fit_screen import fit_dialog
from medlocal.ui.screen_keeper import measure_at_font_change
from medlocal.ui.screen_room import size_on_screen

# About the width QMessageBox gives a long text, in average characters: lines a reader can
# follow, on any screen wide enough for them.
TEXT_CHARACTERS = 56

ICONS = {
    "information": QStyle.StandardPixmap.SP_MessageBoxInformation,
    "question": QStyle.StandardPixmap.SP_MessageBoxQuestion,
    "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
    "critical": QStyle.StandardPixmap.SP_MessageBoxCritical,
}


class TextDialog(QDialog):
    """An icon, a text (selectable by mouse and keyboard, so a folder named in it can be
    copied) and a row of buttons, measured to show the whole text where the screen has room and
    measured again whenever the font changes."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        kind: str,
        buttons: QDialogButtonBox,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.icon = QLabel(self)
        self.icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self._kind = kind
        self.text = QLabel(text, self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.text.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        # Tab reaches the text as well as the buttons: Qt gives a selectable label focus by
        # click only, so once Tab had gone to a button the text (a path to copy) was out of the
        # keyboard's reach.
        self.text.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.text.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self._row = QHBoxLayout()
        self._row.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        self._row.addWidget(self.text, 1)
        self.buttons = buttons
        buttons.setParent(self)
        layout = QVBoxLayout(self)
        layout.addLayout(self._row)
        layout.addWidget(buttons)
        self._area = fit_dialog(self)
        self.measure()
        # At a later font (9 -> 18 -> 9 pt) measured again, not grown from its old size: it was
        # 22 px taller than at first, and one opened at 18 pt stayed that large at 9 pt.
        measure_at_font_change(self, self.measure)
        # The keyboard starts on the text: a screen reader reads it, arrow keys and Ctrl+C
        # copy from it, and Enter presses the default button.
        self.text.setFocus()

    def measure(self) -> None:
        """Its usual width and the height its text takes there, at the font it has now;
        smaller where the screen is (fit_dialog then keeps the buttons in view and the text
        scrolls)."""
        style = self.style()
        size = style.pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize, None, self)
        self.icon.setPixmap(style.standardIcon(ICONS[self._kind], None, self).pixmap(size, size))
        outer = self.layout()
        area = self._area
        assert outer is not None and area is not None
        margins = outer.contentsMargins()
        # Buttons that say what they do can be long: one under another where a row of them is
        # wider than the screen (three at 18 pt on a 683 px screen).
        self.buttons.setOrientation(Qt.Orientation.Horizontal)
        room = screen_room.free_area(self).width() - margins.left() - margins.right()
        self.fit_button_texts(room)
        if self.buttons.sizeHint().width() > room:
            self.buttons.setOrientation(Qt.Orientation.Vertical)
        width = TEXT_CHARACTERS * self.text.fontMetrics().averageCharWidth() + size
        beside = size + max(self._row.spacing(), 0) + margins.left() + margins.right()
        width = max(
            width,
            self.buttons.sizeHint().width() + margins.left() + margins.right(),
            self.minimumSizeHint().width(),
            # Its longest part that cannot wrap, where the screen has room: a Windows path
            # breaks only at spaces, and at 56 characters "Replace file?" hid the file's name
            # behind a sideways scroll bar on a 1366 px screen (review60b).
            self.text.minimumSizeHint().width() + beside,
        )
        # Measured with fit_dialog's layout, whose margins are the dialog's now: with the
        # content's (none left) the text was measured wider than it is, got a line too few, and
        # scrolled on any screen.
        text_width = width - margins.left() - margins.right() - size - max(self._row.spacing(), 0)
        height = (
            max(self.text.heightForWidth(text_width), size)
            + max(outer.spacing(), 0)
            + self.buttons.sizeHint().height()
            + margins.top()
            + margins.bottom()
        )
        self.resize(size_on_screen(self, width, height))
        # The spacings Qt puts between the parts are the style's, which the sum above cannot
        # read: laid out once, the text's part gets what it still lacks at its width.
        outer.activate()
        content = area.widget()
        assert content is not None
        viewport = area.viewport()
        lacking = content.heightForWidth(viewport.width()) - viewport.height()
        if lacking > 0:
            self.resize(size_on_screen(self, self.width(), self.height() + lacking))

    def fit_button_texts(self, room: int) -> None:
        """Each button's text no wider than ``room``, the width the screen leaves it."""


class MessageDialog(TextDialog):
    """A message with only OK."""

    def __init__(
        self, parent: QWidget | None, title: str, text: str, kind: str = "information"
    ) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        super().__init__(parent, title, text, kind, buttons)


class QuestionDialog(TextDialog):
    """A question with a button for each answer, named by what it does. ``answer`` is the one
    chosen: the safe one (``safe``) until a button is pressed, so Escape and the window's close
    button choose it."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        text: str,
        acts: Sequence[str],
        safe: str,
        *,
        default: str | None = None,
        kind: str = "question",
    ) -> None:
        if not acts or safe in acts or (default is not None and default not in [*acts, safe]):
            raise ValueError(f"a question needs answers besides {safe!r}: {list(acts)!r}")
        self.answer = safe
        self.answers: dict[str, QPushButton] = {}
        # Each answer's Alt+letter, one letter per answer (review60b L3: the old Yes/No had
        # Alt+Y and Alt+N; these answers had none, so only Tab reached them).
        self._letters = letter_places([*acts, safe])
        buttons = QDialogButtonBox()
        roles = [(label, QDialogButtonBox.ButtonRole.AcceptRole) for label in acts]
        for label, role in [*roles, (safe, QDialogButtonBox.ButtonRole.RejectRole)]:
            self.answers[label] = buttons.addButton(_as_shown(label, self._letters[label]), role)
            self.answers[label].setAccessibleName(label)
        buttons.clicked.connect(self._clicked)
        super().__init__(parent, title, text, kind, buttons)
        # Enter presses the default from the text, where the keyboard starts, and the button
        # the keyboard is on once Tab has gone to one, as in any dialog (review60b: with
        # autoDefault off, Enter on a focused "Quit" reset the settings, and on a focused
        # "Delete the chat" cancelled).
        for label, button in self.answers.items():
            button.setDefault(label == (default or safe))

    def fit_button_texts(self, room: int) -> None:
        """An answer wider than the screen ends in "…", its whole text in its tooltip and
        accessible name (review60b: "Import for <a long name>  ·  MRN …" at 18 pt on a 683 px
        screen was cut on both sides, "Import for" with it, so the button no longer said what
        it does)."""
        for label, button in self.answers.items():
            letter = self._letters[label]
            button.setText(_as_shown(label, letter))
            button.setToolTip("")
            wider = button.sizeHint().width() - room
            if wider > 0:
                metrics = button.fontMetrics()
                width = metrics.horizontalAdvance(label) - wider
                shown = metrics.elidedText(label, Qt.TextElideMode.ElideRight, max(width, 0))
                kept = len(shown) - 1  # the characters before the "…"
                button.setText(
                    _as_shown(shown, letter if letter is not None and letter < kept else None)
                )
                button.setToolTip(label)

    def choose(self, label: str) -> None:
        """Answer ``label``, as its button does."""
        self.answers[label].click()

    def _clicked(self, button: QAbstractButton) -> None:
        self.answer = next(label for label, own in self.answers.items() if own is button)
        self.accept()


def letter_places(labels: Sequence[str]) -> dict[str, int | None]:
    """For each of ``labels`` (one dialog's answers), where its Alt+letter is: the first letter
    of one of its words that no earlier answer has, else any other such letter of it, else none.
    A letter or digit of ASCII only, which every keyboard layout can type with Alt."""
    taken: set[str] = set()
    places: dict[str, int | None] = {}
    for label in labels:
        usable = [i for i, c in enumerate(label) if c.isascii() and c.isalnum()]
        starts = [i for i in usable if i == 0 or not label[i - 1].isalnum()]
        rest = [i for i in usable if i not in starts]
        place = next((i for i in [*starts, *rest] if label[i].lower() not in taken), None)
        if place is not None:
            taken.add(label[place].lower())
        places[label] = place
    return places


def _as_shown(label: str, letter: int | None) -> str:
    """``label`` as a button shows it, its Alt+letter at ``letter``: a "&" in a patient's name
    ("Import for Smith & Jones") is not a mnemonic, which hid it and gave the button Alt+Space
    (review60b)."""
    return "".join(
        ("&" if index == letter else "") + ("&&" if char == "&" else char)
        for index, char in enumerate(label)
    )


def tell(parent: QWidget | None, title: str, text: str, kind: str = "information") -> None:
    """Show ``text`` under ``title`` until the person presses OK (or Esc)."""
    dialog = MessageDialog(parent, title, text, kind)
    dialog.exec()
    if shiboken6.isValid(dialog):  # gone already where its parent was deleted while it showed
        # Not left among the parent's children for each message shown, as ask does not leave
        # its questions (ui60: leftover children made a later gui test segfault).
        dialog.deleteLater()


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    acts: Sequence[str],
    safe: str,
    *,
    default: str | None = None,
    kind: str = "question",
) -> str:
    """Ask ``text`` under ``title``; the answer chosen: one of ``acts`` (what each button
    does) or ``safe``, the one that loses nothing, which Escape and the close button choose and
    Enter does unless ``default`` names another."""
    dialog = QuestionDialog(parent, title, text, acts, safe, default=default, kind=kind)
    dialog.exec()
    if not shiboken6.isValid(dialog):
        # Deleted with its parent while open (review60b: a RuntimeError): the window that
        # asked is gone, so nothing it would do is done.
        return safe
    answer = dialog.answer
    dialog.deleteLater()  # not left among the parent's children for each question asked
    return answer
