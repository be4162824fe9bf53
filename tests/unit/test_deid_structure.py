"""The sixth round's mechanisms (issue 16), each on sentences of its own: one-case lines re-cased,
the patient's name parts in any order, runs read by structure, general date, age and code forms,
and medication lists kept."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.deid_case import recase
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.redact import PatientIdentity, Redactor


def redact(text: str, identity: PatientIdentity | None = None) -> str:
    return Redactor(identity, shift_days=40).redact(text)


def test_recase_keeps_offsets_and_leaves_mixed_lines_alone() -> None:
    text = (
        "Seen by Dr Stone today.\n"
        "ROD: DR. ALVAREZ / DR. PACQUING. NO NSAIDS, PNSS 1L.\n"
        "REFERRED BY MALANDAY HEALTH CENTER TODAY.\n"
        "my husband tyler has to work at menards that day so maybe thurs\n"
    )
    out = recase(text, lexicon())
    assert len(out) == len(text)
    lines = out.splitlines()
    assert lines[0] == "Seen by Dr Stone today."
    assert "Dr. Alvarez / Dr. Pacquing" in lines[1]
    assert "NSAIDS" in lines[1] and "PNSS" in lines[1]  # acronyms no one could say stay
    assert "Tyler" in lines[3] and "Menards" in lines[3] and "Thurs" in lines[3]
    assert "husband" in lines[3] and "work" in lines[3]  # English words stay lower


def test_a_lone_capitals_line_is_a_heading() -> None:
    text = "BILATERAL DIAGNOSTIC MAMMOGRAM AND LEFT BREAST ULTRASOUND\nNo mass seen.\n"
    assert recase(text, lexicon()) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("LARKSPUR VALLEY GENERAL HOSPITAL - DISCHARGE SUMMARY\nAdmitted.", "LARKSPUR"),
        ("BRAMBLEFORD MEDICAL PRACTICE\nDear Dr Smith,", "BRAMBLEFORD"),
        ("ST. COLUMBA'S HOSPITAL\nDISCHARGE SUMMARY", "COLUMBA"),
        ("Letter from LARKSPUR VALLEY GENERAL HOSPITAL today.", "LARKSPUR"),
    ],
)
def test_an_organisation_named_in_capitals_in_a_letterhead_or_prose(text: str, gone: str) -> None:
    # A new user's letterheads: the same names in title case were found, in capitals not (a lone
    # capitals line is read as a heading, and a capitals word as an acronym).
    out = redact(text)
    assert gone not in out and "[FACILITY]" in out
    assert "DISCHARGE SUMMARY" in out or "Admitted" in out or "Dear" in out or "today" in out


def test_capitals_headings_without_an_organisation_stay() -> None:
    text = (
        "EMERGENCY DEPARTMENT. INTENSIVE CARE UNIT. GLASGOW COMA SCALE 14. BRUCE PROTOCOL.\n"
        "Referred to the DIABETES CLINIC and the FRACTURE CLINIC; DEVICE CLINIC - REVIEW."
    )
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        (
            "ROD: DR. ALVAREZ / DR. PACQUING. SEEN WITH HUSBAND.\n"
            "ACCOMPANIED BY KUMARE BING AND HUSBAND.\n",
            ("ALVAREZ", "PACQUING", "BING"),
        ),
        (
            "reply by kayla, rn: hi, dr halvorsen says thursday is fine.\n"
            "my husband tyler works at menards so maybe wed.\n",
            ("kayla", "halvorsen", "tyler", "menards", "wed"),
        ),
    ],
)
def test_names_in_one_case_lines_are_found(text: str, gone: tuple[str, ...]) -> None:
    out = redact(text)
    for word in gone:
        assert word not in out, out


@pytest.mark.parametrize(
    "written",
    ["Whitfield, Gregory A", "WHITFIELD GREGORY A.", "Gregory Whitfield", "greg", "Whitfield"],
)
def test_the_patients_name_parts_in_any_order(written: str) -> None:
    identity = PatientIdentity("Gregory Alan Whitfield", "55120448", date(1967, 7, 22))
    out = redact(f"Re: {written}   Member ID on file.", identity)
    assert out.startswith("Re: [NAME]") and "Member" in out, out


def test_a_middle_name_alone_is_no_name() -> None:
    identity = PatientIdentity("Dorothy Rose Hargreaves", "1", date(1932, 3, 3))
    assert redact("Her BP rose after the fall.", identity) == "Her BP rose after the fall."


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("He plays bowls at Toowong Bowls on Sundays.", "Bowls on"),  # a run is one name
        ("Friends: Junebug and Smoke from the old street.", "Smoke"),  # one list, one kind
        ("I will see him again in spring at Lister.", "Lister"),  # a place's position
        ("He drives for Yellow Cabs at night.", "Yellow"),
        ("Walks the dog to the Crown and Anchor daily.", "Anchor"),
        ("Household: half-siblings Ruby-Lee and Kai.", "Kai"),  # relation in a compound
    ],
)
def test_runs_read_by_structure(text: str, gone: str) -> None:
    out = redact(text)
    assert gone not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Discussed with Dr Lange at Cardiology.",
        "Referred from Cardiology for Echo.",
        "Dr Gideon Fairbrother, Consultant Cardiologist",
    ],
)
def test_runs_stop_at_clinical_words_and_roles(text: str) -> None:
    out = redact(text)
    for kept in ("Cardiology", "Consultant Cardiologist", "Echo"):
        if kept in text:
            assert kept in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Visit Wednesday April 30 09:15.", "April 30"),
        ("Arrival Jan 29 14:20 via ambulance.", "29"),
        ("RAMQ card exp 2027-04.", "2027-04"),
        ("The LH surge was on the 15th last time.", "15th"),
        ("Volunteers on Tuesdays and Thursdays.", "Thursdays"),
        ("Dictated date 30 08 2025.", "30 08"),
        ("typed by Bev 1 9 25", "1 9 25"),
        ("Collected: 28/Feb/2025 07:40", "Feb"),
        ("QuantiFERON negative 8/2025.", "8/2025"),
        ("5/5 19:40. Caller: wife.", "5/5"),
    ],
)
def test_general_date_forms(text: str, gone: str) -> None:
    out = redact(text)
    assert gone not in out, out


@pytest.mark.parametrize(
    "text", ["Power 5/5 in all limbs.", "BP 120/80 at rest.", "Surgery on the 5th toe."]
)
def test_numbers_that_are_no_dates_stay(text: str) -> None:
    assert redact(text) == text


def test_ordinal_ages_over_89() -> None:
    out = redact("She had her ninetieth birthday lunch; weight on the ninetieth percentile.")
    assert out.startswith("She had her 90+ birthday") and "ninetieth percentile" in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Medicare 2951 44127 3-1 on file.", "3-1"),
        ("Block HP25-118427/B2 sent.", "B2"),
        ("Your ref: GHX/4471 thanks.", "4471"),
        ("Discovery Health, no. 184 427 731.", "731"),
    ],
)
def test_general_code_forms(text: str, gone: str) -> None:
    out = redact(text)
    assert gone not in out, out


@pytest.mark.parametrize(
    "text",
    [
        "Meds: Jardiance 25 mg, Coversyl Plus, Panadol Osteo, Ryzodeg 70/30 32 units mane.",
        "Advised cyclizine 50 mg tds, Xonvea if no better.",
        "Meds reviewed with the pharmacist: apixaban 2.5 mg bid, Novo-Docusate.",
    ],
)
def test_medication_lists_are_kept(text: str) -> None:
    out = redact(text)
    for drug in ("Coversyl Plus", "Panadol Osteo", "Ryzodeg", "Xonvea", "Novo-Docusate"):
        if drug in text:
            assert drug in out, out


def test_a_name_after_a_medication_list_sentence_still_goes() -> None:
    out = redact("Meds: sertraline 100 mg. Safety plan with crisis line and Lakeisha.")
    assert "Lakeisha" not in out, out


@pytest.mark.parametrize(
    ("text", "gone"),
    [
        ("Employer: Harvey Norman   Occupation: driver", "Harvey Norman"),
        ("School: St Columba Primary; year 4", "Columba Primary"),
        ("Church: Grace Fellowship", "Grace Fellowship"),
        ("Ref: 44-1182 (phone enquiry)", "44-1182"),
        ("Seen Jun-3 in clinic.", "Jun-3"),
    ],
)
def test_labelled_fields_and_short_forms(text: str, gone: str) -> None:
    out = redact(text)
    assert gone not in out, out


@pytest.mark.parametrize("text", ["Church: Catholic", "School: Year 10"])
def test_a_field_that_says_what_kind_stays(text: str) -> None:
    assert redact(text) == text


@pytest.mark.parametrize(
    ("text", "gone"),
    [("RN: Rose W.", "Rose"), ("Call Summer on 0400 111 222.", "Summer")],
)
def test_a_given_name_before_an_initial_or_a_phone_number(text: str, gone: str) -> None:
    out = redact(text)
    assert gone not in out, out


def test_a_clinical_word_before_an_initial_stays() -> None:
    assert redact("Vitamin D. levels low.") == "Vitamin D. levels low."


def test_a_five_digit_number_after_a_label_word_unless_clinical() -> None:
    assert "447182" not in redact("Voucher 447182 issued.")
    for kept in ("Platelets 250000", "Troponin 44718", "Weight 72000 g"):
        assert redact(kept) == kept


def test_a_name_in_capitals_in_a_mixed_case_line() -> None:
    # All-caps words of three or more letters used to be read as abbreviations, so a name in
    # capitals after a cue survived ("his daughter DARNELL SMITH").
    out = redact("Seen with his daughter DARNELL SMITH today. ANC 1.2, LVEF 45%.")
    assert "DARNELL" not in out and "SMITH" not in out, out
    assert "ANC 1.2, LVEF 45%" in out


@pytest.mark.parametrize(
    "text",
    ["INPATIENT PSYCHIATRY PROGRESS NOTE\n", "DEVICE CLINIC - REVIEW\n", "Wound VAC changed."],
)
def test_headings_and_acronyms_in_capitals_stay(text: str) -> None:
    assert redact(text) == text


def test_title_case_of_capitals_after_an_apostrophe() -> None:
    from medlocal.privacy.deid_case import _cased

    assert [_cased(w, True) for w in ("LUKE'S", "O'BRIEN", "REYES-LIM")] == [
        "Luke's",
        "O'Brien",
        "Reyes-Lim",
    ]


def test_a_field_label_inside_a_sentence_is_no_field() -> None:
    from medlocal.privacy.deid_fields import labelled_fields

    text = "Employer: Harvey Norman\nPacked at Houchens Pharmacy: Webster Pak weekly."
    found = [text[s.start : s.end] for s in labelled_fields(text, lexicon())]
    assert found == ["Harvey Norman"]


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("Attends the Sunnyvale day centre twice weekly.", "Attends the", "Sunnyvale"),
        ("Phoned the Okonkwo family about visiting.", "Phoned the", "Okonkwo"),
    ],
)
def test_a_verb_opening_a_sentence_is_no_part_of_the_name_after_the(
    text: str, kept: str, gone: str
) -> None:
    out = redact(text)
    assert out.startswith(kept) and gone not in out, out
