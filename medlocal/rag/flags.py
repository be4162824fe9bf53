"""Grounding flags: plain data returned with every answer and summary, shown by the CLI and GUI."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

FlagKind = Literal[
    "unsupported",  # a sentence carries no citation
    "unverified_number",  # a number, dose, date or lab value absent from the cited passages
    "unverified_medication",  # a medication name absent from the cited passages
    "invalid_citation",  # the model cited a passage number it was not given (removed)
    "attached_citation",  # the model did not cite; MedLocal attached a passage by word overlap
]


@dataclass(frozen=True)
class Flag:
    """One problem found in a generated text.

    ``sentence`` indexes the sentences of the final text (``-1`` when a flag concerns the text as a
    whole); ``start``/``end`` are character offsets of that sentence in the final text so a viewer
    can highlight it; ``token`` is the offending piece (a number, a drug name, a citation).
    """

    sentence: int
    kind: FlagKind
    token: str
    message: str
    start: int = 0
    end: int = 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Flag:
        return cls(
            sentence=int(data["sentence"]),
            kind=data["kind"],
            token=str(data.get("token", "")),
            message=str(data.get("message", "")),
            start=int(data.get("start", 0)),
            end=int(data.get("end", 0)),
        )
