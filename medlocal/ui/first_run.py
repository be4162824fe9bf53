"""First run: create the vault, show the recovery key once, optionally remember the vault on this
computer, then choose a model; or restore the vault from a backup (a second computer of the
clinic, walk 43 D1) and go straight to the model. Works fully offline.

The wizard and the questions asked before it is left; each page is a module of its own
(first_run_passphrase, first_run_recovery, first_run_model)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizard

from medlocal.app import Workspace
from medlocal.ui.colours import Tone
from medlocal.ui.confirm import confirm
from medlocal.ui.first_run_model import ModelPage
from medlocal.ui.first_run_passphrase import CREATING_AGAIN, PassphrasePage
from medlocal.ui.first_run_recovery import RecoveryPage
from medlocal.ui.fit_screen import fit_dialog
from medlocal.ui.quit_signals import quit_requested

LEAVE_TITLE = "Leave without the recovery key?"
LEAVE_TEXT = (
    "The recovery key is shown only now, and you have not confirmed that it is stored. It is the "
    "only way into the vault if the passphrase is forgotten.\n\n"
    "If you leave, the vault is not finished: it holds nothing, MedLocal closes, and the next "
    "start asks for a passphrase again and shows a new recovery key."
)
GO_BACK = "Go back to the key"
LEAVE = "Leave without it"
# Esc or × on the model page while a model is copied (fix 52b left: the wizard closed and the
# copy went on unsaid). Asked, keeping on as the default; a stop deletes the part copied.
STOP_IMPORT_TITLE = "Stop importing the model?"
STOP_IMPORT_TEXT = (
    "The model is still being copied and checked. If you stop, the part copied so far is "
    "deleted and MedLocal opens without it: you can import it later from the Models menu."
)
KEEP_IMPORTING = "Keep importing"
STOP_IMPORT = "Stop the import"


def leave_without_key(parent: QWidget) -> bool:
    """Ask before the recovery key page is left unconfirmed (walk 51a: Escape or the close button
    there ended the wizard without a word); going back is the default, for Enter and Escape."""
    return confirm(parent, LEAVE_TITLE, LEAVE_TEXT, LEAVE, GO_BACK, kind="warning")


def stop_importing(parent: QWidget) -> bool:
    """Ask before a model import under way is stopped; keeping on is the default."""
    return confirm(parent, STOP_IMPORT_TITLE, STOP_IMPORT_TEXT, STOP_IMPORT, KEEP_IMPORTING)


class FirstRunWizard(QWizard):
    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to MedLocal")
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.WizardOption.NoCancelButtonOnLastPage, True)
        self.passphrase_page = PassphrasePage(workspace)
        self.recovery_page = RecoveryPage(self.passphrase_page, workspace)
        self.model_page = ModelPage(workspace)
        self.addPage(self.passphrase_page)
        self.addPage(self.recovery_page)
        self.model_page_id = self.addPage(self.model_page)
        self.passphrase_page.model_page = self.model_page
        self.passphrase_page.model_page_id = self.model_page_id
        self.currentIdChanged.connect(self._no_way_back)
        # Each page scrolls, the wizard stays within the screen: Next, Cancel and Finish were
        # right of a 683 px screen at 200 % and 18 pt (walk 55a H2).
        fit_dialog(self)

    def reject(self) -> None:
        # Escape or the window's close button while the vault is created: the recovery key is
        # on its way and is shown only once.
        if self.passphrase_page._creating:
            self.passphrase_page.error.show_text(CREATING_AGAIN, Tone.PLAIN)
            return
        # On the recovery key page the vault is not finished until the key is confirmed: leaving
        # throws the key away, so it is asked, with a way back (walk 51a). Not on a quit signal:
        # that closes as asked (the next start says the vault was not finished).
        on_key_page = self.currentPage() is self.recovery_page and self.isVisible()
        if on_key_page and not quit_requested() and not leave_without_key(self):
            return
        # During a model import: stop it first (asked; the copy's end is then said or the
        # wizard closes once it has stopped). A quit signal closes at once: the page goes, the
        # copy hears the cancel and deletes its partial file. Esc again while it stops closes
        # without waiting (a copy stuck in a read of a dead stick would never stop: review 53a).
        model = self.model_page
        if model.importing and not quit_requested() and not model.stopping:
            if stop_importing(self) and model.importing:
                model.stop_import()
            return
        super().reject()

    def _no_way_back(self, _page_id: int) -> None:
        # Once the vault exists, going back to the passphrase page would create nothing new.
        if self.passphrase_page.recovery_key is not None or self.passphrase_page.restored:
            back = self.button(QWizard.WizardButton.BackButton)
            if back is not None:
                back.setEnabled(False)

    def open_manager_requested(self) -> bool:
        return self.model_page.group.checkedId() == ModelPage.LATER
