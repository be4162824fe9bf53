"""What the rag services need from the vault: chats and outputs. The Vault satisfies these
protocols; tests may pass an in-memory stand-in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol


class ChatStore(Protocol):
    def create_chat(self, patient_id: int) -> int: ...

    def add_chat_message(self, chat_id: int, role: str, content: str) -> Any: ...

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
    ) -> int:
        """Both messages, the answer as a saved output and the ``ask`` event (given its
        ``output_id``) at once; returns the output's id."""
        ...


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
