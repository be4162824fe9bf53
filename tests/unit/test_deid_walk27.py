"""Walk 27's and walk 28's redaction defects: a clinician's name took the specialty written after
it ("Dr Ignatius Ferrabee Cardiology" redacted whole), so the reader lost which service wrote;
initials written with full stops stayed where they signed ("Signed: J.T.", "-- K.W. (practice
nurse, ext 2231)")."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _removed(text: str) -> list[tuple[str, str]]:
    return [(text[r.start : r.end], r.kind) for r in Redactor().preview(text)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Referred by Dr Ignatius Ferrabee Cardiology on 12/03/2025.", "Ignatius Ferrabee"),
        ("Seen by Dr Ferrabee Cardiology registrar.", "Ferrabee"),
        ("cc: Dr. Mara Quill Endocrinology", "Mara Quill"),
        ("Reviewed by Prof Anil Sethuraman Gastroenterology today.", "Anil Sethuraman"),
        ("Letter to Dr Ruth Okonkwo Psychiatry", "Ruth Okonkwo"),
    ],
)
def test_the_specialty_after_a_clinicians_name_stays(text: str, name: str) -> None:
    names = [span for span, kind in _removed(text) if kind == "name"]
    assert names == [name]


def test_a_clinics_letterhead_is_no_clinicians_name() -> None:
    # No title before it: "Sunnybrook Otolaryngology" names the clinic, removed whole.
    text = "Sunnybrook Otolaryngology - Head & Neck Surgery\n2075 Bayview Avenue"
    assert ("Sunnybrook Otolaryngology", "name") in _removed(text)


@pytest.mark.parametrize(
    ("text", "initials"),
    [
        ("BP 132/84. Wound clean.\n-- K.W. (practice nurse, ext 2231)\n", "K.W."),
        ("Plan: continue.\nSigned: J.T.\n", "J.T."),
        ("Seen today.\n-- J.T.\n", "J.T."),
        ("Reviewed. -- K. W.\n", "K. W."),
        # The letters abbreviate "above knee"; written with full stops they are initials.
        ("Verified by: A.K.\n", "A.K."),
    ],
)
def test_dotted_initials_that_sign_are_removed(text: str, initials: str) -> None:
    assert (initials, "name") in _removed(text)


@pytest.mark.parametrize("text", ["Plan: continue.\nSigned: M.D.\n", "Seen. -- R.N.\n"])
def test_a_dotted_credential_is_no_signers_initials(text: str) -> None:
    assert _removed(text) == []
