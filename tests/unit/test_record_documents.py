"""A summary limited to documents the patient does not have is refused with the documents it
does have (walk 19: 'document(s) 99 do not belong to patient 1' said nothing of where to look)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from medlocal.errors import UserInputError
from medlocal.rag.record import record_passages


@dataclass
class _Doc:
    id: int


class _Source:
    def __init__(self, ids: list[int]) -> None:
        self.ids = ids

    def list_documents(self, patient_id: int) -> list[_Doc]:
        return [_Doc(i) for i in self.ids]


def test_an_unknown_document_names_the_patients_documents() -> None:
    with pytest.raises(UserInputError) as refused:
        record_passages(_Source([4, 3]), 1, [99])  # type: ignore[arg-type]
    assert str(refused.value) == (
        "patient 1 has no document 99 (its documents: 3, 4; 'medlocal patient show 1' lists them)"
    )


def test_a_patient_without_documents_says_none() -> None:
    with pytest.raises(UserInputError, match=r"has no document 7 \(its documents: none;"):
        record_passages(_Source([]), 2, [7])  # type: ignore[arg-type]
