"""deid_file_name_parts (deid60c) takes a person's initials beside a found name in a file name,
not the two letters that name the document's kind or service: "tamsin_rowe_gp_letter.txt" is
the GP's letter (the whole grounding set found "[NAME]_[NAME]_letter.txt" in a redacted export
on the merged main; test_export_note_quotes_fix52c)."""

from __future__ import annotations

import pytest

from medlocal.privacy.deid_file_name_parts import file_name_part_spans
from medlocal.privacy.deid_spans import Redaction, label


def _parts(text: str, *names: str) -> list[str]:
    found = [
        Redaction("name", text.index(n), text.index(n) + len(n), n, label("name")) for n in names
    ]
    return [r.original for r in file_name_part_spans(text, found)]


@pytest.mark.parametrize("kind", ["gp", "ed", "op", "dr", "pt", "GP", "ae", "ct"])
def test_a_document_kind_beside_a_name_stays(kind: str) -> None:
    assert _parts(f"See tamsin_rowe_{kind}_letter.txt.", "tamsin", "rowe") == []


@pytest.mark.parametrize(("text", "taken"), [
    ("Attached: clarke_b_0612_dka.docx", ["b", "0612"]),
    ("see okafor_jd_letter.pdf", ["jd"]),
    ("scan rowe_t.jpg", ["t"]),
])  # fmt: skip
def test_initials_beside_a_name_still_go(text: str, taken: list[str]) -> None:
    name = text.split()[-1].split("_")[0]
    assert _parts(text, name) == taken
