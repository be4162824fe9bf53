"""Chats and the outputs generated in them (saved answers, summaries).

:class:`ChatsMixin` is the part of the :class:`~medlocal.vault.store.Vault` facade that keeps
conversations: the rows live in ``conversations``; each change commits with its audit event, and
deletions fold the WAL back into the file so no deleted text lingers there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from medlocal.vault import conversations, db, ids, patients
from medlocal.vault.errors import NotFoundError
from medlocal.vault.rows import StoredMessage, StoredOutput
from medlocal.vault.session import Session
from medlocal.vault.store_core import VaultCore, now


class ChatsMixin(VaultCore):
    """Chats, their messages and saved outputs, and the date offset of redacted exports."""

    def create_chat(self, patient_id: int | None) -> int:
        with self._tx() as s:
            if patient_id is not None:
                patients.require_patient(s.conn, patient_id)
            chat_id = conversations.insert_chat(s.conn, patient_id, now())
            s.audit.append("chat_create", {"chat_id": chat_id, "patient_id": patient_id})
        return chat_id

    def add_chat_message(self, chat_id: int, role: str, content: str) -> int:
        with self._tx() as s:
            return conversations.append_message(s.conn, s.audit, chat_id, role, content, now())

    def save_chat_turn(
        self,
        chat_id: int,
        question: str,
        answer: str,
        *,
        patient_id: int | None,
        title: str,
        provenance: dict[str, Any],
        flags: list[dict[str, Any]],
        ask_details: dict[str, Any],
        question_id: int | None = None,
    ) -> int:
        """A finished turn in one transaction: the question and the answer as chat messages, the
        answer as a saved output, and the ``ask`` audit event with that output's id. A crash
        leaves all of it or none (a turn saved without its output reopened with no sources or
        flags; one without its event was missing from the audit). Returns the output's id.

        ``question_id``: the question was saved before its answer was generated (so a killed
        run leaves it in the chat, shown as interrupted); only the rest is written then. Saved
        again if it was removed meanwhile."""
        with self._tx() as s:
            if question_id is None or not conversations.has_message(s.conn, chat_id, question_id):
                conversations.append_message(s.conn, s.audit, chat_id, "user", question, now())
            conversations.append_message(s.conn, s.audit, chat_id, "assistant", answer, now())
            output = conversations.NewOutput(patient_id, "answer", title, answer, provenance, flags)
            output_id = conversations.append_output(s.conn, s.audit, output, now())
            s.audit.append("ask", ask_details | {"output_id": output_id})
        return output_id

    def remove_chat_message(self, chat_id: int, message_id: int) -> None:
        """Remove a question saved before its answer when no answer came (the user stopped it,
        or generating failed), so the chat holds only what was answered. The WAL is folded as
        for any deletion."""

        def remove(s: Session) -> None:
            conversations.remove_message(s.conn, s.audit, chat_id, message_id)

        self._delete_then_fold(remove)

    def has_chat(self, chat_id: int) -> bool:
        with self._read() as s:
            return conversations.chat_exists(s.conn, chat_id)

    def chat_messages(self, chat_id: int) -> list[StoredMessage]:
        with self._read() as s:
            return conversations.messages(s.conn, chat_id)

    def list_chats(self, patient_id: int | None = None) -> list[tuple[int, int | None, str]]:
        """``(chat_id, patient_id, created_at)`` for every chat (of one patient if given)."""
        with self._read() as s:
            return conversations.chats(s.conn, patient_id)

    def delete_chats(self, chat_ids: Sequence[int]) -> None:
        """Delete chats with all their messages in one transaction, each audited by id with its
        number of messages (no text); NotFoundError, deleting none, when one does not exist. The
        saved answers given in them stay (separate records; :meth:`delete_outputs`)."""
        self._delete_then_fold(lambda s: conversations.delete_chats(s.conn, s.audit, chat_ids))

    def date_shift_days(self, scope: str) -> int:
        """The date offset a redacted export of ``scope`` uses (the same for its preview)."""
        with self._tx() as s:
            return ids.date_shift_days(s.conn, scope)

    def save_output(
        self,
        patient_id: int | None,
        kind: str,
        title: str,
        content: str,
        provenance: dict[str, Any],
        flags: list[dict[str, Any]],
    ) -> int:
        with self._tx() as s:
            output = conversations.NewOutput(patient_id, kind, title, content, provenance, flags)
            return conversations.append_output(s.conn, s.audit, output, now())

    def get_output(self, output_id: int) -> StoredOutput:
        with self._read() as s:
            found = conversations.outputs(s.conn, output_id=output_id)
        if not found:
            raise NotFoundError(f"No saved output with id {output_id}.")
        return found[0]

    def list_outputs(self, patient_id: int | None = None) -> list[StoredOutput]:
        with self._read() as s:
            return conversations.outputs(s.conn, patient_id=patient_id)

    def chat_answers(self, chat_id: int) -> list[StoredOutput]:
        """The saved answers given in chat ``chat_id``, oldest first (one query; the other
        outputs are neither read into Python nor decoded)."""
        with self._read() as s:
            return conversations.outputs(s.conn, chat_id=chat_id)

    def delete_outputs(self, output_ids: Sequence[int]) -> None:
        """Delete saved answers or summaries in one transaction, each audited by id (no text);
        NotFoundError, deleting none, when one does not exist. Passages, vectors and the search
        index are untouched: outputs are not indexed."""
        self._delete_then_fold(lambda s: conversations.delete_outputs(s.conn, s.audit, output_ids))

    def _delete_then_fold(self, delete: Callable[[Session], None]) -> None:
        """``delete`` in one transaction, then the WAL folded back into the file, so no page
        image from before the deletion lingers in it (``secure_delete`` zeroes the freed cells)."""
        with self._read() as s:
            with db.transaction(s.conn):
                delete(s)
            s.fold()
