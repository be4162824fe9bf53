"""What the chat panel keeps about each patient while the window is open: the chat last open
with them, the question set aside when another patient was chosen, and the patient whose
question the last lock stopped. Memory only, never written to disk."""

from __future__ import annotations

from dataclasses import dataclass, field

from medlocal.ui.chat_texts import SWITCH_STOPPED, SWITCH_STOPPED_PARTIAL

# A question set aside for a patient: its text, and the line shown with it when it is given
# back (SWITCH_STOPPED for a question that was on its way; "" for one only typed).
Draft = tuple[str, str]


@dataclass
class PatientChatMemory:
    # The chat this window last had open with each patient (ids only, kept through a lock):
    # choosing the patient again reopens it. A patient not yet opened in this window starts
    # a new chat, never the newest stored one, which may be a one-off `medlocal ask` chat
    # (walk 25: window questions were appended to the CLI's chat).
    chat_of_patient: dict[int, int] = field(default_factory=dict)
    # What the question box held, or the question that was on its way, when another patient
    # was chosen: given back when the patient is chosen again, with the SWITCH_STOPPED
    # line for a stopped question. A lock forgets them (they hold patient text).
    drafts: dict[int, Draft] = field(default_factory=dict)
    # The patient whose question on its way the last lock stopped (an id only, kept through
    # the lock): the LOCK_STOPPED line is shown when the patient is open again, until a
    # question is asked or another patient is chosen.
    lock_stopped: int | None = None

    def answered_after_switch(self, patient_id: int, chat_id: int) -> None:
        """A question stopped by choosing another patient was answered and saved all the same
        (the model heard the stop too late): choosing the patient again opens the chat with
        it, and the question is not given back to be asked twice."""
        self.chat_of_patient[patient_id] = chat_id
        if self.lock_stopped == patient_id:
            self.lock_stopped = None  # not stopped after all: the reopened chat shows it
        draft = self.drafts.get(patient_id)
        if draft is not None and draft[1]:
            del self.drafts[patient_id]


def draft_to_keep(typed: str, asked: str, partial: str) -> Draft | None:
    """What to give back when the patient is chosen again: the question on its way (``asked``,
    "" when none; stopped by the switch) and what the box holds (``typed``), with the line
    saying it was stopped (and that ``partial``, the text written so far, was not kept); None
    when there is neither."""
    typed, asked = typed.strip(), asked.strip()
    if not asked:
        return (typed, "") if typed else None
    line = SWITCH_STOPPED + (SWITCH_STOPPED_PARTIAL if partial.strip() else "")
    return "\n\n".join(t for t in (asked, typed) if t), line
