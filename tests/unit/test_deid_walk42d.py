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
    assert ":05" not in out.replace("14:05", "").replace("[TIME]", "")


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


# -- defect 6: the time a document is signed or dictated goes on any signature line ----------


def test_a_dictation_line_s_time_goes_with_its_date() -> None:
    out = _redactor().redact("Dictated by Fergus Lachance-Whyte, 17/10/2023 16:52. Job #: 88.\n")
    assert "26/11/2023 [TIME]" in out
    assert "16:52" not in out


def test_a_signature_line_of_names_and_roles_stamps_its_time() -> None:
    out = _redactor().redact(
        "Dr Emily Zhou-Carruthers, RMO, for Dr O'Sullivan-Hay   09/02/2024 14:20\n"
    )
    assert "10/12/2024 [TIME]" in out


def test_a_signed_line_stamps_its_time_after_a_licence_number() -> None:
    out = _redactor().redact("Signed: Dr Jo Bloggs, GMC 7012345, 15/02/2024 14:05\n")
    assert out == "Signed: Dr [NAME], GMC [ID], 26/03/2024 [TIME]\n"


def test_clinical_times_stay_beside_a_report_time_and_after_a_name() -> None:
    out = _redactor().redact("Reported: 18/06/2026 14:05   Collected: 18/06/2026 08:40\n")
    assert "[TIME]" in out and "08:40" in out
    assert "01:30" in _redactor().redact("Mr Jones fell 09/02/2024 01:30\n")
    assert "14:20" in _redactor().redact("Dr Smith reviewed him 09/02/2024 14:20\n")


# -- defect 5: a ward line's room and bed took the title and the age after them --------------


def test_a_bed_line_keeps_the_title_and_the_age_after_the_name() -> None:
    out = _redactor().redact("Room 12, Bed 4 - Mr Seamus Tierney-Walsh, 88, MRN 554433\n")
    assert "- Mr [NAME], 88, MRN [MRN]" in out


def test_an_address_line_still_reads_past_its_commas() -> None:
    out = _redactor().redact("Address: Flat 2, 14 Kings Road, Glenageary\n")
    assert "Glenageary" not in out and "Kings" not in out


# -- defect 4: clinical words removed ---------------------------------------------------------


def test_an_examination_heading_is_no_pharmacy_chain() -> None:
    out = _redactor().redact(
        "O/E: Conscious.\nCVS: S1 S2 heard, sternotomy scar healed. RS: NVBS.\n"
    )
    assert "CVS: S1 S2" in out
    # The chain named in a sentence still goes.
    assert "CVS" not in _redactor().redact("Prescription filled at CVS on Main St.\n")


def test_an_opd_note_s_advice_heading_stays() -> None:
    out = _redactor().redact("Adv: Admit under Dr. Anitha Gowda, bed to be arranged.\n")
    assert out.startswith("Adv: Admit under Dr. [NAME]")


def test_airway_scores_are_no_company() -> None:
    text = "Anaesthesia: General with ETT; Mallampati II, ASA III. Right radial arterial line.\n"
    assert _spans(text) == []
    # A Norwegian company's legal form still marks a company.
    assert "Fjord" not in _redactor().redact("Employer: Fjord Marine ASA, Bergen\n")


def test_eponyms_before_a_protein_or_a_surgical_step_stay() -> None:
    assert _spans("Extended Kocher manoeuvre and Cattell-Braasch mobilisation.\n") == []
    assert _spans("Serum protein electrophoresis: Bence Jones protein not detected.\n") == []


def test_rouleaux_on_a_film_report_stays() -> None:
    assert _spans("Film: Howell-Jolly bodies present; no Auer rods; rouleaux.\n") == []


def test_a_device_s_lot_and_serial_stay_one_list() -> None:
    # A cue of the same kind after the comma is the same thing's number (bench dev28 lost it
    # when every cue ended the list).
    text = "Implant: Medtronic pump, LOT 8841227, SN 24BX0093317 recorded.\n"
    assert ("id_number", "LOT 8841227, SN 24BX0093317") in _spans(text)


def test_a_council_s_initials_and_reg_before_its_number_are_a_label() -> None:
    out = _redactor().redact("Medical Officer (MDC Reg. No. MDC/RN/11872)\n")
    assert out == "Medical Officer (MDC Reg. No. [ID])\n"
    out = _redactor().redact("Dr Kwame Mensah, MDC Reg. No. 4471\n")
    assert out == "Dr [NAME], MDC Reg. No. [ID]\n"


def test_brands_and_makers_outside_the_us_lists_stay() -> None:
    text = (
        "A 72-hour Holter monitor (Spacelabs) showed an AF burden of 14%.\n"
        "INR reversed with vitamin K and Prothrombinex. She is to take IPTp with Fansidar.\n"
        "Jejunum divided with an Endo GIA 60 mm purple reload. 5-0 PDS II (Ethicon), end.\n"
    )
    assert _spans(text) == []


def test_no_in_a_capitals_line_is_no_one_s_initials() -> None:
    text = (
        "Her mother, Mrs. Ngozi Okafor, visits.\n"
        "FOLDER NO. RCC/23/00917, NHIS NO. 0182746539\n"
        "Drugs given by NO 14:00\n"
    )
    out = _redactor().redact(text)
    assert "FOLDER NO. [ID], NHIS NO. [ID]" in out
    assert "given by [NAME] 14:00" in out  # where initials sign, they still go
