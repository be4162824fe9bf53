"""What the rag services need from the vault: chats and outputs. The Vault satisfies these
protocols; tests may pass an in-memory stand-in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol


class ChatStore(Protocol):
    def create_chat(self, patient_id: int) -> int: ...

    def add_chat_message(self, chat_id: int, role: str, content: str) -> int: ...

    def chat_messages(self, chat_id: int) -> Sequence[Any]: ...

    def has_chat(self, chat_id: int) -> bool: ...

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
        """Both messages (only the answer when ``question_id``, the question saved before
        generating, is still there), the answer as a saved output and the ``ask`` event (given
        its ``output_id``) at once; returns the output's id."""
        ...

    def remove_chat_message(self, chat_id: int, message_id: int) -> None: ...


class AuditTrail(Protocol):
    """The vault's audit log: ids and keyed hashes only, never text."""

    def record_event(self, event: str, details: dict[str, Any] | None = None) -> Any: ...

    def text_digest(self, text: str) -> str: ...


class OutputStore(AuditTrail, Protocol):
    def save_output(
        self,
        patient_id: int,
        kind: str,
        title: str,
        content: str,
        provenance: dict[str, Any],
        flags: list[dict[str, Any]],
    ) -> int: ...
