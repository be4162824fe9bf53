"""deid48a (issue 16, recall on facilities and people that generalises): general causes of misses
on the blind half dev45 (written before the rules were read), each fixed by its shape, with the
cases that must stay kept.

1. A hospital's initials before one of its parts as a letterhead writes them, with a comma or
   before a theatre, block, wing or tower ("PGH, Cardiology Ward, Manila", "QEH, Theatre 4",
   "KNH Tower Block") were kept (deid_known_orgs.hospital_unit_initials).
2. A place of worship or a religious body named by its head and "of" ("Church of the Holy Name",
   "Sisters of Mercy") was kept (deid_org_forms.bodies_for).
3. A saint's dedication with its "of" ("St Mary of the Angels", "St John of God") kept the words
   after the saint's name (deid_saint_names).
4. Words in brackets right after a person's name ("Childminder Tasha (Little Acorns)", grandson
   "Bish" (Bishop)) were kept where they are English words (deid_bracket_names); roles,
   specialties, languages and relations there stay.
5. Irish surnames with a mutated first letter ("Mac an tSaoi", "Ó hUiginn") kept the name's word
   (deid_irish_names).
6. Kikuyu and Swahili "wa" between two found names ("Kamau wa Njoroge") stayed between them
   (deid_joins).
7. A regional hospital by its town alone ("Wellington Regional") was no facility without a cue
   (deid_place_words: "regional" a weak head, as "general").
8. A hospital's short name or nickname between a heading's kind and its date ("Children's ED,
   Starship, 20/01/2026", "Trauma ward round, Bara, Sat 31 Jan") was kept
   (deid_heading_places); a document's word, a role or a unit there stays.
"""

from __future__ import annotations

import pytest
from fixtures.deid_corpus import load, redactor_spans, score

from medlocal.privacy.redact import Redactor

_LETTER = "Clinic letter\n\n"


def _redacted(text: str) -> str:
    return Redactor(None, shift_days=40, tagger=False).redact(_LETTER + text + "\n")


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("PGH, Cardiology Ward, Manila - Jan 19, 2026", "PGH"),
        ("Operation note - QEH, Theatre 4 - 21/01/2026", "QEH"),
        ("Handover: KEMH, Theatre 2 list, 08:00.", "KEMH"),
        ("Letter head: NGH, Surgical Block, Nairobi", "NGH"),
    ],
)
def test_a_hospitals_initials_before_its_part_go(line: str, gone: str) -> None:
    assert gone not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Seen in OPD Block today.", "OPD Block"),
        ("Moved from ICU, Ward 3 overnight.", "ICU"),
        ("Booked into the IBD Wing for infusions.", "IBD"),
        ("ECG, Stroke Unit", "ECG"),
        ("Seen by the MDT, Ward 7 review.", "MDT"),
    ],
)
def test_a_units_or_a_clinical_abbreviation_before_a_part_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("Volunteers with the Sisters of Charity.", "Sisters of"),
        ("Convent of the Holy Child sisters visit.", "Convent"),
        ("Friend from St Mary of the Angels choir visits.", "Angels"),
    ],
)
def test_a_religious_body_or_a_saints_dedication_goes(line: str, gone: str) -> None:
    assert gone not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("He keeps the Sabbath and goes to church.", "church"),
        ("Church attendance gives him support.", "Church attendance"),
        ("St John's wort stopped on admission.", "wort"),
    ],
)
def test_church_words_without_a_name_stay(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("Childminder Tasha (Little Acorns) collects him.", "Acorns"),
        ('Grandson "Bish" (Bishop) visits weekly.', "Bishop"),
    ],
)
def test_words_in_brackets_after_a_persons_name_go(line: str, gone: str) -> None:
    assert gone not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Seen by Dr Patel (Consultant) today.", "Consultant"),
        ("Interpreter Mrs Kaur (Punjabi) present.", "Punjabi"),
        ("Reported by Dr Smith (Radiology).", "Radiology"),
        ("Discussed with Dr Lee (Cardiology Registrar).", "Cardiology Registrar"),
        ("Jo Bloggs (Night Team) handed over.", "Night Team"),
        ("Mary Jones (Mother) signed.", "Mother"),
        ("Sam Hill (Ward Manager) informed.", "Ward Manager"),
        ("Reviewed by Dr Okafor (Physio) on the ward.", "Physio"),
    ],
)
def test_a_role_specialty_language_or_relation_in_brackets_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("Seen first by Dr Mac an tSaoi at Naas.", "tSaoi"),
        ("Letter from Seán Ó hUiginn, solicitor.", "hUiginn"),
        ("Her aunt Máire Ní hÉigeartaigh visits.", "hÉigeartaigh"),
        ("Husband Kamau wa Njoroge brought her.", " wa "),
    ],
)
def test_irish_and_kikuyu_name_forms_go_whole(line: str, gone: str) -> None:
    assert gone not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("O hCG was 1200 at booking.", "hCG"),
        ("Ni content of the implant was low.", "content"),
    ],
)
def test_lower_case_then_capital_words_of_lab_work_stay(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    "line",
    ["Discharge summary - Wellington Regional (Ward 5 North), 23/01/2026"],
)
def test_a_regional_hospital_by_its_town_goes(line: str) -> None:
    assert "Regional" not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Regional anaesthesia was used for the block.", "Regional anaesthesia"),
        ("Lumbar Regional anaesthesia was used.", "Lumbar Regional"),
    ],
)
def test_regional_anaesthesia_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


@pytest.mark.parametrize(
    ("line", "gone"),
    [
        ("Children's ED, Starship, 20/01/2026", "Starship"),
        ("Trauma ward round, Bara, Sat 31 Jan", "Bara"),
    ],
)
def test_a_hospital_between_a_headings_kind_and_its_date_goes(line: str, gone: str) -> None:
    assert gone not in _redacted(line)


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Ward round, Addendum, 12/01/2026", "Addendum"),
        ("Clinic letter, Cardiology, 12/01/2026", "Cardiology"),
        ("ED note, ICU, 12/01/2026", "ICU"),
        ("Ward round, Consultant, 12/01/2026", "Consultant"),
        ("Shopping list, Starship, 12/01/2026", "Starship"),
    ],
)
def test_a_headings_document_word_role_or_unit_stays(line: str, kept: str) -> None:
    assert kept in _redacted(line)


# The blind half dev45: 20 notes, 378 identifiers (once "Jubilee", an insurer named as such, was
# unmarked as the conventions say), 191 clinical terms. Before this session's changes the
# redactor found 359 and damaged 3; after them it finds 369 and damages the same 3.
def test_dev45_parses_and_stays_at_its_figures() -> None:
    notes = load("dev45")
    assert len(notes) == 20
    assert sum(len(n.identifiers) for n in notes) == 378
    assert sum(len(n.clinical) for n in notes) == 191

    result = score(notes, redactor_spans)
    assert sum(result.found.values()) >= 369
    assert result.clinical_damaged <= 3
