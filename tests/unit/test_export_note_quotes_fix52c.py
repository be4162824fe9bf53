"""Review 52b F1: walk 52a read every note of a redacted export as prose opening with a capital,
so what a note inserts in lower case kept its names: the user's question as typed, a file name,
another patient stored in lower case. A note is re-cased as a lower-case line again; only
MedLocal's own plain words ("earlier", "may") keep their small letters."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.redact import PatientIdentity, Redactor
from medlocal.rag.export import plan_export, redact_document
from medlocal.rag.export_parts import ExportDocument

QUESTION = "did dr hastings stop the warfarin after osric penhaligon's visit?"
REPEAT = (
    "the model's draft, set aside, repeats an earlier answer of this chat almost word for word,"
    f' so it may not answer "{QUESTION}": check the passages cited, or ask the question in full'
)


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor(
        identity=PatientIdentity("Eleanor Margaret Whitcombe", "WHC-558213", date(1951, 4, 17))
    )


def _note(redactor: Redactor, note: str, title: str = "t") -> str:
    doc = ExportDocument(title=title, kind="answer", body="Body text.", notes=[note])
    return redact_document(doc, plan_export(doc, redactor)).notes[0]


def test_a_quoted_lower_case_question_loses_its_names(redactor: Redactor) -> None:
    out = _note(redactor, REPEAT, title=QUESTION)
    assert not {"hastings", "osric", "penhaligon"} & set(out.lower().replace("'", " ").split())
    # MedLocal's own words around the quote stay (walk 52a M2).
    assert "repeats an earlier answer" in out and "so it may not answer" in out


@pytest.mark.parametrize(
    ("note", "gone", "kept"),
    [
        (
            "the documents disagree on aspirin: 75 mg once daily [4] "
            "(tamsin_rowe_gp_letter.txt, 3 Nov 2025) vs 300 mg [3] (ed.txt, 02/11/2025)",
            ["tamsin", "rowe"],
            "_gp_letter.txt",
        ),
        (
            "the question names osric penhaligon (patient 2), another patient of this vault",
            ["osric", "penhaligon"],
            "another patient of this vault",
        ),
        (
            "the question names may penhaligon (patient 2), another patient of this vault",
            ["may", "penhaligon"],
            "the question names",
        ),
        (
            "the documents disagree on warfarin: 5 mg per letter from osric penhaligon vs 3 mg",
            ["osric", "penhaligon"],
            "per letter from",
        ),
        ("the passage quotes 'seen by dr hastings on ward'", ["hastings"], "seen by dr"),
        ('the draft says "daughter rose visits" but no passage says so', ["rose"], "daughter"),
        (
            "[3] cannot be shown: its document (letter from dr hastings.pdf) was deleted",
            ["hastings"],
            "was deleted",
        ),
        (
            "the letter was seen by dr may on the ward, so it may be out of date",
            ["dr may"],
            "so it may be",
        ),
    ],
)
def test_what_a_note_inserts_in_lower_case_goes(
    redactor: Redactor, note: str, gone: list[str], kept: str
) -> None:
    out = _note(redactor, note)
    words = out.lower().replace("_", " ").replace(".", " ")
    assert not [g for g in gone if f" {g} " in f" {words} "], out
    assert kept in out, out
