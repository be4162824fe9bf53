"""What the export dialog says: its questions, its option texts, its progress line and the
failures a person can act on."""

from __future__ import annotations

import sys

from medlocal.errors import ExportDiskFullError
from medlocal.fsutil import disk_full_error
from medlocal.progress import Progress
from medlocal.rag.export import MODEL_LINE_STAGE, REDACT_STAGE
from medlocal.rag.export_record import RULES_STAGE
from medlocal.ui.dialogs.common import error_text, progress_text
from medlocal.vault.errors import VaultLockedError

FILTERS = "Markdown (*.md);;Plain text (*.txt);;Word document (*.docx);;PDF (*.pdf)"
DATE_MODES = (("Shift dates (keeps intervals)", "shift"), ("Keep the year only", "year"))

# A full path as the refusal of a relative one shows it (walk 52a M1).
PATH_EXAMPLE = r"C:\Users\you\Documents\letter.md" if sys.platform == "win32" else "~/letter.md"
# Asked before an unredacted export of a saved answer or summary (walk 52a H1: one was written
# with every identifier its quoted passages held, and nothing said so). The safe answer, Cancel,
# is the default (ui.confirm).
UNREDACTED_QUESTION = (
    "Redact identifiers is off: the file will hold the patient's name, dates, addresses and "
    "other identifiers wherever the text or the passages it quotes hold them. Write it "
    "unredacted?"
)
UNREDACTED_DOCUMENT_QUESTION = (
    "Redact identifiers is off: the copy will hold the patient's name, dates and "
    "other identifiers as imported. Write it unredacted?"
)
EXPORT_UNREDACTED = "Export with the identifiers"
UNREDACTED_DONE = "unredacted: the patient's identifiers were not removed"

MODEL_LINE_TEXT = "Also ask the chat &model for names and places (slow)"
MODEL_LINE_HELP = (
    "The loaded chat model reads the text for people, places and organisations the rules may "
    "have missed. What it finds is added to the list; it never removes fewer. Slow: about a "
    "minute for every 2,000 characters on a computer without a graphics card."
)
MODEL_LINE_STOPPED = "The chat model's reading was stopped: this list is the rules' alone. "


def export_error_text(exc: BaseException) -> str:
    """The three failures a person can act on, in their words; the rest as usual."""
    if isinstance(exc, VaultLockedError):
        return "The vault is locked: unlock it and export again. Nothing was written."
    if isinstance(exc, OSError) and (full := disk_full_error(exc, kind=ExportDiskFullError)):
        return str(full)  # Workspace.export says it so already; a raw one is said the same way
    return error_text(exc, "The export")


def progress_note(doing: str, value: Progress) -> str:
    """A line of the reading of the record, while a preview or an export runs."""
    if value.stage == MODEL_LINE_STAGE:
        said = "About a minute for every 2,000 characters on a CPU. Cancel to stop."
    elif value.stage == REDACT_STAGE:
        said = "A long document takes a while. Cancel to stop."
    elif value.stage == RULES_STAGE:
        said = "Once after MedLocal starts. Cancel to stop."
    else:
        # Why the whole record (left 52): a name found in any document is removed from
        # every export, so a summary quoting it without its cue is de-identified too.
        said = (
            "Names found in any of the patient's documents are removed from every export. "
            "Each document is read once; later exports of this patient are quicker. "
            "Cancel to stop."
        )
    return f"{doing}: {progress_text(value)}. {said}"
