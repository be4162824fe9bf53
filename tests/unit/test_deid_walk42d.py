"""deidfix42 (walk 42d, issue 16): span shapes and clinical words a blind walk of eight fresh
documents found wrong. Each test names the walk's defect it pins."""

from __future__ import annotations

from medlocal.privacy.redact import PatientIdentity, Redactor


def _redactor() -> Redactor:
    return Redactor(PatientIdentity(), shift_days=40)


def _spans(text: str) -> list[tuple[str, str]]:
    return [(r.kind, r.original) for r in _redactor().preview(text)]


# -- defect 1: a licence number's span ran into the date after it ---------------------------


def test_a_licence_number_ends_before_the_date_after_it() -> None:
    text = "Signed: Dr Jo Bloggs, GMC 7012345, 15/02/2024 14:05\n"
    spans = _spans(text)
    assert ("licence_number", "7012345") in spans
    assert ("date", "15/02/2024") in [(k, o[:10]) for k, o in spans if k == "date"]
    out = _redactor().redact(text)
    assert "GMC [ID], 26/03/2024" in out
    assert ":05" not in out.replace("14:05", "")


def test_an_npi_ends_before_the_date_after_it() -> None:
    out = _redactor().redact("Signed: Dr Jo Bloggs, NPI 1740293856, 02/15/2024 02:13\n")
    assert "NPI [ID], 03/26/2024" in out


# -- defect 2: a second label and its number went into the first code's span -----------------


def test_a_second_labelled_number_after_an_mrn_keeps_its_label() -> None:
    spans = _spans("Bridget Gallagher, MRN 0619274, IHI 7034 5591 2287\n")
    assert ("mrn", "0619274") in spans
    assert not any("IHI" in original for _, original in spans)
    assert any(original == "7034 5591 2287" for _, original in spans)


def test_a_list_of_values_under_one_label_is_still_one_span() -> None:
    # The list form the rule was written for stays whole.
    assert ("device_id", "11440-01 and 11440-02") in _spans(
        "Implant serial numbers 11440-01 and 11440-02 recorded.\n"
    )


# -- defect 3: plain words removed with wrong types ------------------------------------------


def test_the_tail_of_a_date_is_no_house_number_before_the_next_field() -> None:
    out = _redactor().redact("DOB: 1939-11-02        Date of surgery: 14/10/2023\n")
    assert "Date of surgery" in out


def test_a_japanese_block_number_still_goes_with_its_district() -> None:
    assert ("street_address", "3-14-2 Nishi-Shinjuku") in _spans(
        "Lives at 3-14-2 Nishi-Shinjuku, Tokyo.\n"
    )


def test_a_title_after_a_name_cue_is_not_the_name() -> None:
    # The accented given name did not match the cue's name word, and "Dr" was taken instead.
    spans = _spans("Referring physician: Dr. Gérard Thibodeau\n")
    assert ("name", "Dr") not in spans
    assert any(original == "Gérard Thibodeau" for _, original in spans)
