"""deidfix34 (walk 35, session 33): a telephone's label read as a place, post-nominal letters
read as a facility, a kept line break written "\\n" in a Windows text, and states removed by one
rule while another kept them."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlocal.privacy.deid_not_identifiers import without_non_identifiers
from medlocal.privacy.deid_post_nominals import without_post_nominals
from medlocal.privacy.deid_spans import Redaction, label
from medlocal.privacy.deid_states import is_state, without_states
from medlocal.privacy.redact import PatientIdentity, Redactor
from medlocal.rag.export import export_document
from medlocal.rag.export_files import ExportDocument


def _redactor() -> Redactor:
    return Redactor(PatientIdentity("Mortimer Fenwick", "FN-771204", None), shift_days=40)


def _spans(text: str) -> list[tuple[str, str]]:
    return [(r.kind, r.original) for r in _redactor().preview(text)]


def _red(kind: str, text: str, words: str) -> Redaction:
    at = text.index(words)
    return Redaction(kind, at, at + len(words), words, label(kind))


# 1. A label before a colon and a telephone number is the number's label, not a place.


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            "Address: 12 Oak Road, Leeds, Mobile: 07700 900123",
            "Address: [ADDRESS], Mobile: [PHONE]",
        ),
        (
            "c/o 4 Elm Close, Reading, Mobile no: 07911 123456",
            "c/o [ADDRESS], [CITY], Mobile no: [PHONE]",
        ),
    ],
)
def test_a_phone_label_after_a_town_is_no_place(text: str, written: str) -> None:
    assert _redactor().redact(text) == written


def test_mobile_the_city_still_goes_before_its_state_and_zip() -> None:
    assert ("city", "Mobile") in _spans("Lives in Mobile, AL 36602.")


# 2. Post-nominal letters after a name stay, and the name is a name.


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            "Professor Declan Ruane, FRCPI\nConsultant Cardiologist",
            "Professor [NAME], FRCPI\nConsultant Cardiologist",
        ),
        ("Mr Tom Hale, FRCS(Ed)\nConsultant Surgeon", "Mr [NAME], FRCS(Ed)\nConsultant Surgeon"),
        (
            "Dr Sarah Quill MBBS FRACP\nConsultant Physician",
            "Dr [NAME] MBBS FRACP\nConsultant Physician",
        ),
    ],
)
def test_post_nominals_after_a_name_are_kept(text: str, written: str) -> None:
    assert _redactor().redact(text) == written


def test_a_facility_span_of_a_name_and_its_post_nominals_is_the_name() -> None:
    text = "Professor Declan Ruane, FRCPI\nConsultant Cardiologist"
    end = text.index("\n")
    found = [Redaction("facility", 0, end, text[:end], label("facility"))]
    kept = without_non_identifiers(text, found)
    assert [(r.kind, r.original) for r in kept] == [("name", "Declan Ruane")]


def test_a_towns_state_code_is_no_post_nominal() -> None:
    # "MD" after a town is Maryland: the city's span is left as found.
    text = "Moved to Bethesda, MD last year."
    red = Redaction("city", 9, 21, "Bethesda, MD", label("city"))
    assert without_post_nominals(text, [red]) == [red]


def test_a_given_names_short_form_in_capitals_is_no_degree() -> None:
    # dev17: "MA." after a surname in capitals is "Ma." (Maria), not a Master of Arts.
    text = 'Patient: DELA CRUZ-SANTOS, MA. LUZVIMINDA ("Luz")'
    red = _red("patient_name", text, "DELA CRUZ-SANTOS, MA")
    assert without_post_nominals(text, [red]) == [red]


# 3. A line break kept inside a removed span keeps the text's own line end.


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            "Referred by Dr Ann\r\nKeller, GP\r\nSample collected: 3/4/2020",
            "Referred by Dr [NAME]\r\n[NAME], GP\r\n",
        ),
        (
            "Spoke with Mr Frank\r\nBishop, says she is eating well.\r\n",
            "Spoke with Mr [NAME]\r\n[NAME], says",
        ),
    ],
)
def test_a_kept_line_break_keeps_crlf(text: str, written: str) -> None:
    redacted = _redactor().redact(text)
    assert written in redacted
    assert redacted.count("\n") == redacted.count("\r\n")


def test_a_crlf_document_exports_with_its_own_line_ends(tmp_path: Path) -> None:
    body = "Referred by Dr Ann\r\nKeller, GP\r\nPlan: review in clinic.\r\n"
    path = tmp_path / "letter.md"
    export_document(
        ExportDocument(title="Letter", kind="document", body=body), path, redactor=_redactor()
    )
    written = path.read_bytes().decode("utf-8")
    assert "Dr [NAME]\r\n[NAME], GP\r\n" in written
    assert "Keller" not in written and "Ann" not in written


# 4. A state or province is kept, as the evaluation's annotations keep it.


@pytest.mark.parametrize(
    ("text", "written"),
    [
        (
            "Moved from Sydney NSW to Toronto, Ontario.",
            "Moved from [LOCATION] NSW to [LOCATION], Ontario.",
        ),
        ("Grew up in Brisbane, Queensland.", "Grew up in [LOCATION], Queensland."),
        (
            "Her sister lives in Pune, Maharashtra and her son in Perth, WA.",
            "Her sister lives in [LOCATION], Maharashtra and her son in [LOCATION], WA.",
        ),
        ("Address: 5 Bay St, Ottawa, ON K1A 0B1", "Address: [ADDRESS], [CITY], ON [ZIP]"),
    ],
)
def test_states_are_kept_beside_their_towns(text: str, written: str) -> None:
    assert _redactor().redact(text) == written


def test_a_state_alone_is_kept_and_a_town_or_person_named_like_one_is_not() -> None:
    assert _spans("Her family lives in Ontario.") == []
    assert ("name", "Georgia Pratt") in _spans("Georgia Pratt phoned the ward.")
    # A state inside an organisation's name goes with the name, read whole or in two (dev13).
    spans = _spans("Bloods sent to Pathology Queensland.")
    assert "Pathology Queensland" in [original for _, original in spans]
    text = "Sonora Pathology Queensland - 28 Sandgate Road, Albion"
    assert "Queensland" not in _redactor().redact(text)


def test_a_state_named_like_a_city_goes_only_after_a_town() -> None:
    # After a facility's span "Victoria" may be the city (Victoria, BC): it stays removed.
    text = "Seen at Royal Jubilee, Victoria"
    found = [_red("facility", text, "Royal Jubilee"), _red("location", text, "Victoria")]
    assert without_states(text, found) == found
    text = "Seen in Geelong, Victoria"
    town = _red("city", text, "Geelong")
    assert without_states(text, [town, _red("name", text, "Victoria")]) == [town]
    # dev21: a city named like its province ends an address as the city.
    text = "1401, 18e Rue, Québec (QC) G1J 1Z4"
    street = _red("street_address", text, "1401, 18e Rue, Québec")
    assert without_states(text, [street]) == [street]
    # dev33: a region before a hospital's lower-case words names the hospital; dev21: a state's
    # name with a code after it is the city.
    text = "Fistula mapping at Waikato vascular lab."
    waikato = _red("location", text, "Waikato")
    assert without_states(text, [waikato]) == [waikato]
    text = "Lives at 2280 rue de la Faune, Québec (QC) G1G 5R8"
    found = [_red("location", text, "2280 rue de la Faune"), _red("location", text, "Québec")]
    assert without_states(text, found) == found
    assert is_state("NSW") and is_state("New  South Wales") and not is_state("Sydney")
