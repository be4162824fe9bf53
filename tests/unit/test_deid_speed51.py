"""Session 51 (speed51): speed changes that must change no output.

Each fast path is compared with the reading it replaced, on invented texts built to hit its
edges and on the development notes."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fixtures.deid_corpus import load

from medlocal.privacy import deid_ocr_glue, deid_role_names
from medlocal.privacy.deid_identity import PatientIdentity
from medlocal.privacy.deid_lexicon import Lexicon, lexicon
from medlocal.privacy.deid_spans import Redaction


def _every_token(text: str, identity: PatientIdentity, lex: Lexicon) -> Iterator[Redaction]:
    """glued_candidates as it was before session 51: both readings at every token."""
    parts = deid_ocr_glue._name_parts(identity.name)
    for token in deid_ocr_glue._TOKEN.finditer(text):
        yield from deid_ocr_glue._own_name_inside(text, token, parts)
        yield from deid_ocr_glue._glued_names(text, token, lex)
    yield from deid_ocr_glue._ocr_dates(text, identity.dob)


GLUED = [
    "Her son-in-fawBartholomewAchterberg drove her in. Irevlewed MrsVander-\nsloot today.",
    "QuenbyVandersloot and VANDERSLOOTQUENBY; SUMMARY POSITIVE; vanderslootquenby.",
    "MrsVander-  \n  sloot, DrHalvardPenhaligon, daugbterImogen, McDonald, PowerPort.",
    "D.O.B14:031961 then 7.11,2020 and 14.03.1961; HbA1c 58 mmHg eGFR NovoRapid EpiPen.",
    "Vander-\nSloot Vander-\nslootQuenby quenby- \nvandersloot",
    "",
]


@pytest.mark.parametrize("text", GLUED)
@pytest.mark.parametrize("name", ["Quenby Vandersloot", "Ann Li", None])
def test_glued_candidates_as_before_on_awkward_text(text: str, name: str | None) -> None:
    identity = PatientIdentity(name)
    lex = lexicon()
    assert list(deid_ocr_glue.glued_candidates(text, identity, lex)) == list(
        _every_token(text, identity, lex)
    )


def test_glued_candidates_find_what_they_found() -> None:
    # The fast path must still reach both readings (not only agree with an empty answer).
    identity = PatientIdentity("Quenby Vandersloot")
    found = {
        r.original for r in deid_ocr_glue.glued_candidates(" ".join(GLUED[:3]), identity, lexicon())
    }
    assert "Vandersloot" in found  # a name part inside "QuenbyVandersloot"
    assert "BartholomewAchterberg" in found  # names glued after a lower-case word
    assert any("\n" in part for part in found)  # a part broken at a line's end


def test_glued_candidates_as_before_on_the_development_notes() -> None:
    lex = lexicon()
    for half in ("dev", "dev49"):
        for note in load(half):
            identity = PatientIdentity(note.patient_name, note.mrn, note.dob)
            assert list(deid_ocr_glue.glued_candidates(note.text, identity, lex)) == list(
                _every_token(note.text, identity, lex)
            ), note.note_id


ROLE_TEXT = (
    "Seen with nurse Okafor. Priya phoned the ward; Noor is the patient's interpreter. "
    'Reviewed with B. Lindqvist and M.K. Oyelaran. Rohit "Chintu" Bhat visited. '
    "H. Pylori positive. Grossed by BH.\nTo: Wren, Imogen\n"
)


def test_role_names_as_plain_searches_in_a_long_text(monkeypatch: pytest.MonkeyPatch) -> None:
    # Long enough (over deid_first_characters.SKIP_FROM) for the skippers to be used.
    text = ROLE_TEXT * 80 + "\n".join(note.text for note in load("dev")[:10])
    lex = lexicon()
    fast = list(deid_role_names.role_name_spans(text, lex))
    monkeypatch.setattr(deid_role_names, "skipped_finditer", lambda p, t: p.finditer(t))
    assert fast == list(deid_role_names.role_name_spans(text, lex))
    assert {r.original for r in fast} >= {"Priya", "Noor", "B. Lindqvist", "Bhat", "BH"}
