"""Round 19, people and organisations: spans cut at a field gap before a label, form labels of
other languages, lists of those present or copied, a company's name after a sentence's end."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept, redact
from fixtures.timing import assert_linear

from medlocal.privacy.deid_attendees import attendee_spans
from medlocal.privacy.deid_lexicon import lexicon


def _attendees(text: str) -> list[str]:
    return [red.original for red in attendee_spans(text, lexicon())]


# A span never runs across a field gap into the next field's label.
@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Employer: Unemployed  School: Year 9", "Unemployed"),
        ("Occupation: retired   Employer: Retired  Religion: none", "Retired"),
        ("Employer: Self-employed\tSchool: n/a", "Self-employed"),
    ],
)
def test_status_kept_before_the_next_label(text: str, word: str) -> None:
    kept(text, word)


def test_a_name_is_cut_before_the_next_label() -> None:
    out = redact("Name: Ottoline Brackwater  Ward: 5B")
    assert "Ottoline" not in out and "Brackwater" not in out
    assert "Ward: 5B" in out


# Form labels of Malay/Indonesian, Filipino and Swahili forms stay; their values go.
@pytest.mark.parametrize(
    ("text", "label", "value"),
    [
        ("Alamat: Jalan Cempaka 41, Medan", "Alamat", "Cempaka"),
        ("Nama: Rusdianto Wibisono", "Nama", "Wibisono"),
        ("Pangalan: Marites Dimaculangan", "Pangalan", "Dimaculangan"),
        ("Anwani: Mtaa wa Uhuru 7, Moshi", "Anwani", "Uhuru"),
        ("Tempat Lahir: Pekanbaru", "Tempat", "Pekanbaru"),
    ],
)
def test_foreign_form_labels_kept(text: str, label: str, value: str) -> None:
    out = redact(text)
    assert out.startswith(label), out
    assert value not in out


def test_a_given_name_at_a_line_start_is_still_a_name() -> None:
    # "Alta" is a given name: a speaker's turn, not a label.
    gone("Alta: she rang back about the results", "Alta")


def test_a_label_word_inside_a_sentence_is_left_to_the_rules() -> None:
    # Only at a field's opening before a colon is the word a label.
    out = redact("Mrs Wibisono lives at Alamat Residence, Medan.")
    assert "Wibisono" not in out


# Lists of those present, apologising or copied.
def test_minutes_list_over_two_lines() -> None:
    text = (
        "Present: Carpenter (chair), Fielding, Osei (oncology), Hall (CNS),\n"
        "Bishop (pathology), Ward (palliative). Apologies: Castle.\n"
    )
    assert _attendees(text) == [
        "Carpenter", "Fielding", "Osei", "Hall", "Bishop", "Ward", "Castle",
    ]  # fmt: skip


def test_copy_list_with_an_inverted_name() -> None:
    out = redact("cc: Dr Imelda Quarry; Ward, Tobias")
    assert "Ward" not in out and "Tobias" not in out and "Quarry" not in out
    assert out.startswith("cc: Dr ")


@pytest.mark.parametrize(
    "text",
    [
        "Present: Mother, Father and Sister",
        "Present: Yes",
        "Pulses: Present",
        "cc: Ward 7",
        "Apologies: Radiology, Pathology.",
        "cc: GP; patient",
        "Present: bilateral wheeze",
    ],
)
def test_lists_that_name_no_one(text: str) -> None:
    assert _attendees(text) == []


def test_words_after_the_list_are_kept() -> None:
    kept("Present: Fielding. Ward round at 10:00 as usual.", "Ward round")


# A company's name after a sentence's end, not across it.
def test_sentence_end_before_a_short_legal_suffix() -> None:
    out = redact("Discussed with Torvald Eikeland. ASA 3 for theatre.")
    assert "ASA 3" in out
    assert "[FACILITY]" not in out


def test_company_with_a_short_suffix_still_found() -> None:
    gone("He works offshore for Brattvik Skipsdrift ASA as a welder.", "Brattvik Skipsdrift ASA")


def test_abbreviation_inside_a_company_name() -> None:
    gone("Employer: Quennell Bros. AB, Malmö", "Quennell Bros. AB")


@pytest.mark.parametrize(
    "text",
    ["Sinus rhythm. SA node recovery normal.", "Blood group. AB positive on the card."],
)
def test_clinical_letters_after_a_sentence_kept(text: str) -> None:
    assert "[FACILITY]" not in redact(text)


# A surname told by its cue, even a word that names a disease.
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Her daughter's married name is Addison; no relation.", "Addison"),
        ("Mrs Edna Plover, née Graves, lives alone.", "Graves"),
        ("Maiden name: Hartnup", "Hartnup"),
    ],
)
def test_surname_after_its_cue(text: str, name: str) -> None:
    gone(text, name)


def test_no_surname_cue_without_a_capital() -> None:
    kept("Married name is not recorded; maiden name unknown.", "not recorded", "unknown")


def test_surname_before_a_relation_in_brackets() -> None:
    gone("NOK: Winifred Crohn (sister) 07700 900111", "Winifred Crohn")


def test_eponym_after_a_given_name_without_a_relation_kept() -> None:
    kept("Ruled out Crohn disease; Crohn (ileal) unlikely.", "Crohn disease")


# Nordic and Dutch facilities: a name, then a kind in one lower-case compound.
@pytest.mark.parametrize(
    ("text", "facility"),
    [
        ("Transferred from Kvernvik sentralsjukehus yesterday.", "Kvernvik sentralsjukehus"),
        ("Follow-up at Lindbacka vårdcentral, Umeå.", "Lindbacka vårdcentral"),
        ("Operated at Tammelan sairaala in 2019.", "Tammelan sairaala"),
    ],
)
def test_nordic_facility(text: str, facility: str) -> None:
    gone(text, facility)


def test_a_kind_word_after_english_words_is_no_name() -> None:
    kept("The new sjukhus opened; Ward sykehus beds full.", "The new sjukhus")


# The family doctor's label in other languages: the label stays, the name goes.
@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        ("Huisarts: Brouwer", "Huisarts", "Brouwer"),
        ("Huisarts/SO: Visser (specialist ouderengeneeskunde)", "Huisarts", "Visser"),
        ("Fastlege: Dr. Haugland", "Fastlege", "Haugland"),
    ],
)
def test_family_doctor_labels(text: str, label: str, name: str) -> None:
    out = redact(text)
    assert out.startswith(label), out
    assert name not in out


def test_listed_plain_surname_again_in_a_person_context() -> None:
    text = (
        "Present: Fielding (chair), Marsh (oncology), Ward (palliative).\n"
        "Discussion: Marsh feels fit for surgery; Ward to meet the family.\n"
        "Clinic with Fielding. Ward round at 10:00. Bishop score 9. Lives on Marsh Lane.\n"
    )
    names = [red.original for red in attendee_spans(text, lexicon())]
    assert names.count("Marsh") == 2 and names.count("Ward") == 2
    assert names.count("Fielding") == 2
    out = redact(text)
    assert "Ward round" in out and "Bishop score 9" in out


def test_long_runs_of_blanks_stay_fast() -> None:
    assert _attendees(("x" + " " * 5000 + "\t" * 3000 + ". ") * 20) == []
    # Runs half as long, then as long: a ratio, not a clock.
    assert_linear(lambda n: _attendees(("x" + " " * n + "\t" * (n * 3 // 5) + ". ") * 20), 2500)


# A company's legal form after a found name or place goes with it.
@pytest.mark.parametrize(
    ("text", "company"),
    [
        ("Vessel owner Tromsdal Bulk AS\nAgency: none", "Tromsdal Bulk AS"),
        ("Employer: Grindvik Haulage AB, Luleå", "Grindvik Haulage AB"),
    ],
)
def test_legal_form_after_a_found_name(text: str, company: str) -> None:
    gone(text, company)


@pytest.mark.parametrize(
    "text",
    ["Echo: moderate AS, mild MR.", "Known severe AS. Seen in Leeds clinic."],
)
def test_aortic_stenosis_kept(text: str) -> None:
    kept(text, "AS")


# A relation before a given name: the surname after it goes, even an eponym.
@pytest.mark.parametrize(
    ("text", "surname"),
    [
        ("Contatto: figlia Sig.ra Lucia Marta Bosi 333 000 1111.", "Bosi"),
        ("Her husband Osvaldo Crohn will collect her.", "Crohn"),
    ],
)
def test_surname_after_a_relation_and_given_name(text: str, surname: str) -> None:
    gone(text, surname)


def test_eponym_disease_after_a_relation_kept() -> None:
    kept("Her mother had Parkinson disease at 70.", "Parkinson disease")


def test_kind_named_hospital_with_its_town_at_a_sentence_end() -> None:
    gone("Rehab nearer home at Govt. Block Hospital, Perumbavoor.", "Block Hospital", "Perumbavoor")


def test_kind_named_hospital_before_a_department_kept() -> None:
    kept("Seen at General Hospital, Cardiology.", "General Hospital", "Cardiology")


@pytest.mark.parametrize(
    ("text", "label", "name"),
    [
        ("Aios: Jelmer Hoekstra", "Aios", "Hoekstra"),
        ("Oberärztin: Dr. Gesine Albrecht", "Oberärztin", "Albrecht"),
        ("Sykepleier: Solveig Bratland", "Sykepleier", "Bratland"),
    ],
)
def test_staff_role_labels_of_other_languages(text: str, label: str, name: str) -> None:
    out = redact(text)
    assert out.startswith(label), out
    assert name not in out


def test_middle_initial_in_a_table_cell() -> None:
    out = redact("03  | QUILLAN, Hector R        | 0211200000  | A09\n")
    assert "Hector" not in out and " R " not in out


def test_role_after_a_surname_in_a_cell_kept() -> None:
    kept("Reviewed by Dr Quillan CT   booked for Tuesday", "CT")
