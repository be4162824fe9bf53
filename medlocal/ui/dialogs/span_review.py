"""The person's review of what a redacted export removes (ExportDialog's list): spans to keep,
each with a reason, and texts the rules missed, to remove too. Both reach the export, and the
audit log records them (never the text). A span's number never changes when a text is added
(RedactionPlan), so a kept number names the line the person selected whatever is added before
or after it."""

from __future__ import annotations

import copy
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QInputDialog, QTableWidget, QWidget

from medlocal.errors import UserInputError
from medlocal.rag.export import not_found_text
from medlocal.ui.dialogs.common import ErrorLine
from medlocal.ui.dialogs.redaction_preview import select_lines

if TYPE_CHECKING:
    # Not imported when the dialog opens (it would load the redactor: walk 25).
    from medlocal.privacy.deid_plan import PlanItem, RedactionPlan

MAX_REASON = 120  # the audit log takes short texts only


class SpanReview:
    """Keep the selected span, add a text to remove: each asks the person (on ``parent``),
    says what went wrong on ``message``, and returns True when the preview must be computed
    again with the new ``keep`` and ``add``."""

    def __init__(self, parent: QWidget, preview: QTableWidget, message: ErrorLine) -> None:
        self.parent = parent
        self.preview = preview
        self.message = message
        self.keep: list[tuple[int, str]] = []  # (preview number, reason)
        self.add: list[str] = []
        self.note = ""  # said above the next list shown (a keep an add overrode)

    def take_note(self) -> str:
        """What to say above the next list shown, once."""
        note, self.note = self.note, ""
        return note

    def keep_selected(self, planned: list[PlanItem] | None) -> bool:
        """Keep the selected span (the person judged it safe); the reason goes to the audit."""
        row = self.preview.currentRow()
        if planned is None or not 0 <= row < len(planned):
            self.message.show_error("Select a line of the list first.")
            return False
        item = planned[row]
        if item.added:
            self.message.show_error("This line is text you added to remove; it cannot be kept.")
            return False
        reason, ok = QInputDialog.getText(
            self.parent,
            "Keep this span",
            f"Why may “{item.redaction.original}” stay? (for the audit)",
        )
        if not ok:
            return False
        if not reason.strip():
            self.message.show_error("Give a reason to keep it: it is recorded in the audit log.")
            return False
        self.keep.append((item.number, reason.strip()[:MAX_REASON]))
        return True

    def add_text(self, plan: RedactionPlan | None, planned: list[PlanItem] | None) -> bool:
        """Remove a text the rules missed, everywhere it occurs in ``plan`` (the list shown)."""
        text, ok = QInputDialog.getText(
            self.parent, "Remove more", "Text to remove (every occurrence):"
        )
        if not ok or not text.strip():
            return False
        if plan is None:
            self.message.show_error("Wait for the list of what will be removed.")
            return False
        removed = plan.already_removed(text)
        if removed:  # adding it would only renumber the lines that remove it: show them instead
            self._show_already_removed(text.strip(), removed, planned or [])
            return False
        try:
            found, absorbed = self._try_add(plan, text.strip())
        except UserInputError as err:
            self.message.show_error(str(err))
            return False
        if not found:  # adding it changes nothing: say so rather than list the same lines again
            self.message.show_error(not_found_text(text) + ".")
            return False
        self.add.append(text.strip())
        # A kept span the added text overlaps is merged into the added span and removed with it
        # (the added text must go): its keep no longer applies.
        self.keep = [(number, reason) for number, reason in self.keep if number not in absorbed]
        if absorbed:
            self.note = (
                f"Line(s) {', '.join(map(str, sorted(absorbed)))} you kept overlap the added "
                "text: they will be removed with it. "
            )
        return True

    def _show_already_removed(self, text: str, numbers: list[int], planned: list[PlanItem]) -> None:
        """Say that ``text`` is removed already, by which lines, and select the first of them."""
        lines = ", ".join(map(str, numbers))
        self.message.show_note(
            f"“{text}” is already removed: line{'s' if len(numbers) > 1 else ''} {lines}. "
            "Nothing was added."
        )
        select_lines(self.preview, planned, numbers)

    def _try_add(self, plan: RedactionPlan, text: str) -> tuple[int, set[int]]:
        """How many places ``text`` occurs in, and the kept numbers that adding it would merge
        into an added span (a dry run on a copy of the plan shown; the plan itself is rebuilt by
        the preview)."""
        trial = copy.deepcopy(plan)
        found = trial.add(text)
        return found, {number for number, _ in self.keep if number in trial.merged}
