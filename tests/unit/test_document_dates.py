"""One rule for a document's own date (medlocal/document_dates.py), read the same way by the
passage headers (ingest), the Summarise dialog's list (app) and the answers' dose notes (rag).

Session 40 left two rules: the chunker's (own-date labels, birth and admission dates skipped, the
opening only) and the dose note's (a file-name date, else any date labelled "Date", "Seen",
"Clinic", "Issued", "Printed" anywhere in the passage, always day first). The cases marked
"disagreed" gave different dates under the two rules before session 41."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fixtures.fake_models import hit
from fixtures.hashed_words import embed

from medlocal.app.patients import document_dates
from medlocal.document_dates import (
    UNCLEAR_ORDER,
    day_of,
    document_date,
    file_name_date,
    own_date,
    own_date_shown,
)
from medlocal.ingest.chunker import document_title
from medlocal.ingest.document import ExtractedDocument
from medlocal.rag.dose_disagreements import dose_disagreements, passage_date
from medlocal.rag.medications import default_lexicon
from medlocal.rag.passages import NumberedPassage
from medlocal.vault.keys import KdfParams
from medlocal.vault.records import ChunkRecord
from medlocal.vault.store import Vault

FAST = KdfParams(memory_kib=1024, iterations=1, lanes=1)


def _passage(text: str, file_name: str = "note.txt", start: int = 0) -> NumberedPassage:
    return NumberedPassage(1, hit(1, text, file_name=file_name, start=start))


def _title(text: str, file_name: str) -> str | None:
    return document_title(ExtractedDocument(text=text, file_type="txt"), file_name)


# ---- the old rules' own cases still hold ----------------------------------------------------


def test_the_chunkers_cases_hold() -> None:
    discharge = (
        "DISCHARGE SUMMARY\nPatient: Margaret Hartley  DOB: 14/03/1948\n"
        "Admitted: 12 September 2026\nDischarged: 18 September 2026\nWard: Cardiology 7B\n"
    )
    assert document_date(discharge, "pdf") == "18 September 2026"
    assert document_date("Admission date: 12/09/2026. Ward 7.", "txt") == "12/09/2026"
    assert document_date("Date of birth: 14/03/1948\nDate: 01/02/2026", "txt") == "01/02/2026"
    assert document_date('{"resourceType": "Bundle", "date": "2026-01-02"}', "fhir") is None
    # A date past the opening is not the document's.
    assert document_date("x" * 700 + " Date: 01/02/2026", "txt") is None


def test_the_dose_notes_cases_hold() -> None:
    assert passage_date(_passage("No date.", "discharge_summary_2026-09-18.pdf")) == "2026-09-18"
    assert passage_date(_passage("Letter. Date: 18 September 2026.", "x.txt")) == "2026-09-18"
    assert passage_date(_passage("Dated 4 Nov 2026. Apixaban 2.5 mg BD.", "y.txt")) == (
        "2026-11-04"
    )
    assert passage_date(_passage("No date here.", "y.txt")) is None
    assert file_name_date("labs_20261030.csv") == "2026-10-30"
    assert file_name_date("scan_2026-02-30.pdf") is None  # no such day


# ---- where the two rules disagreed ----------------------------------------------------------


def test_a_clinic_visit_does_not_date_the_letter_written_after_it() -> None:
    """Disagreed: the dose note took "Seen in clinic 1 October" ("clinic" was its label), the
    header the letter date."""
    letter = "Seen in clinic 1 October 2026.\nLetter date: 30 October 2026\nApixaban 5 mg OD."
    assert _title(letter, "clinic_letter.txt") == "clinic letter (30 October 2026)"
    assert passage_date(_passage(letter, "clinic_letter.txt")) == "2026-10-30"


def test_a_printed_medication_list_is_dated_by_its_printing() -> None:
    """Disagreed: "Printed" was a label of the dose note's only; the header took the review
    date before it."""
    listing = "Last reviewed 2 Oct 2026 by GP.\nPrinted: 4 Nov 2026\nApixaban 2.5 mg BD."
    assert _title(listing, "med_list.docx") == "med list (4 Nov 2026)"
    assert passage_date(_passage(listing, "med_list.docx")) == "2026-11-04"


def test_a_labelled_date_outranks_the_file_name_and_the_file_name_an_unlabelled_one() -> None:
    """Disagreed: the dose note took the file name's date before the text's own label."""
    text = "Discharged: 18/09/2026. Apixaban 5 mg twice daily."
    assert passage_date(_passage(text, "discharge_2026-09-20.pdf")) == "2026-09-18"
    assert own_date(text, "pdf", "discharge_2026-09-20.pdf") is not None
    # An unlabelled date is weaker than the file name's: the header does not repeat it.
    assert own_date_shown("Bloods 28/10/2026: Hb 98.", "csv", "labs_2026-10-30.csv") == (
        "2026-10-30"
    )
    assert _title("Bloods 28/10/2026: Hb 98.", "labs_2026-10-30.csv") == "labs 2026 10 30"
    assert _title("Bloods 28/10/2026: Hb 98.", "labs.csv") == "labs (28/10/2026)"


def test_a_date_that_reads_two_ways_is_read_as_its_document_writes_dates() -> None:
    """Disagreed: the dose note read "04/11/2026" day first always, even in a document whose
    other dates are month first; the Summarise dialog read it as the document writes."""
    month_first = "Date: 04/11/2026\nLabs drawn 10/14/2026. Apixaban 5 mg BID."
    assert passage_date(_passage(month_first)) == "2026-04-11"
    day_first = "Date: 04/11/2026\nLabs drawn 14/10/2026. Apixaban 5 mg BD."
    assert passage_date(_passage(day_first)) == "2026-11-04"


def test_a_date_nothing_orders_is_marked_not_guessed() -> None:
    """Disagreed: the dose note read it day first; the Summarise dialog marked it unclear."""
    shown = passage_date(_passage("Date: 01/10/2026. Apixaban 5 mg once daily."))
    assert shown == f"01/10/2026, {UNCLEAR_ORDER}"
    assert day_of(shown) is None
    assert day_of("2026-10-01") == date(2026, 10, 1)


def test_a_date_labelled_past_the_documents_opening_does_not_date_it() -> None:
    """Disagreed: the dose note read a labelled date anywhere in a passage, a clinic visit in
    the middle of a letter among them; the header read the opening only."""
    later = _passage("Seen 12/10/2026 in clinic. Date: 20/10/2026. Apixaban 5 mg.", start=2400)
    assert passage_date(later) is None
    dated_name = _passage("Date: 20/10/2026. Apixaban.", "gp_2026-11-04.txt", start=2400)
    assert passage_date(dated_name) == "2026-11-04"


def test_an_undecided_date_is_listed_after_the_dated_documents_in_the_dose_note() -> None:
    lexicon = default_lexicon()
    unclear = NumberedPassage(
        1, hit(1, "Date: 01/10/2026. Apixaban 5 mg once daily.", document_id=1)
    )
    dated = NumberedPassage(
        2, hit(2, "Apixaban 2.5 mg BD.", document_id=2, file_name="gp_2026-09-01.txt")
    )
    assert dose_disagreements([unclear, dated], ["apixaban"], lexicon) == [
        "the documents disagree on apixaban: 2.5 mg twice daily [2] (gp_2026-09-01.txt,"
        f" 1 Sep 2026) vs 5 mg once daily [1] (note.pdf, 01/10/2026, {UNCLEAR_ORDER})"
    ]


# ---- one date everywhere: the vault's hits, the Summarise dialog, the headers ---------------


@pytest.fixture
def vault(tmp_path: Path) -> Vault:
    v, _ = Vault.create(tmp_path / "vault", "pass", kdf_params=FAST)
    return v


def _add(vault: Vault, patient: int, name: str, text: str) -> int:
    chunk = ChunkRecord(text, 1, 0, len(text))
    return vault.add_document(
        patient, name, "txt", text.encode(), [chunk], embed([text]), "m", text=text
    )


def test_the_vaults_hits_carry_the_date_the_summarise_dialog_shows(vault: Vault) -> None:
    patient = vault.add_patient("P")
    texts = {
        "clinic_letter.txt": "Seen in clinic 1 October 2026.\nLetter date: 30/10/2026\nRamipril.",
        "gp_2026-11-04.txt": "Repeat medication list. Ramipril 5 mg OD.",
        "ecg.txt": "ECG 08/03/2024. Previous ECG 25/02/2024. Ramipril noted.",
        "plain.txt": "Ramipril 2.5 mg started 02/11/2026.",
    }
    ids = {name: _add(vault, patient, name, text) for name, text in texts.items()}
    hits = vault.search("ramipril", embed(["ramipril"])[0], patient_id=patient, k=10)
    by_document = {h.document_id: h.document_date for h in hits}
    listed = document_dates(vault, vault.list_documents(patient))
    assert by_document[ids["clinic_letter.txt"]] == "2026-10-30"
    assert by_document[ids["gp_2026-11-04.txt"]] == "2026-11-04"
    assert by_document[ids["ecg.txt"]] == "2024-03-08"
    assert by_document[ids["plain.txt"]] == f"02/11/2026, {UNCLEAR_ORDER}"
    for document_id, shown in by_document.items():
        if shown is not None and UNCLEAR_ORDER not in shown:
            assert listed[document_id] == shown
    # The dialog alone also knows the patient's other documents (the ECG writes day first).
    assert listed[ids["plain.txt"]] == "2026-11-02"


# ---- review 41 D5: birth dates, future events and a lab report's collection date ------------


@pytest.mark.parametrize(
    "text",
    [
        "Birth date: 03/02/1951\nClinic letter\nSeen 14/10/2026",
        "Born on 03/02/1951, seen in clinic 14/10/2026.",
        "Born 03/02/1951. Seen 14/10/2026.",
        "D.O.B. 03/02/1951\nSeen 14/10/2026",
        "D.O.B: 03/02/1951\nSeen 14/10/2026",
        "Date of birth 03/02/1951\nSeen 14/10/2026",
        "Birthdate: 03/02/1951\nSeen 14/10/2026",
        "DoB 03/02/1951 Seen 14/10/2026",
    ],
)
def test_a_date_of_birth_never_dates_the_document(text: str) -> None:
    found = own_date(text, "txt")
    assert found is not None and found.written == "14/10/2026", found


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Repeat medications\nReview date: 01/06/2027\nPrinted 04/11/2026", "04/11/2026"),
        ("Clinic letter\nNext appointment date: 05/01/2027\nSeen 14/10/2026", "14/10/2026"),
        ("Follow-up date: 05/01/2027. Seen 14/10/2026.", "14/10/2026"),
        ("Follow up on 05/01/2027. Date: 14/10/2026.", "14/10/2026"),
        ("B12 injection. Due: 05/01/2027\nGiven 14/10/2026", "14/10/2026"),
        ("Next review 05/01/2027. Letter date 14/10/2026", "14/10/2026"),
        # Nothing else: no date, rather than a future one.
        ("Repeat medications\nReview date: 01/06/2027\nApixaban 5 mg BD.", None),
    ],
)
def test_a_future_event_never_dates_the_document(text: str, written: str | None) -> None:
    found = own_date(text, "txt")
    assert (found.written if found else None) == written, found


@pytest.mark.parametrize(
    "text",
    [
        "FULL BLOOD COUNT\nPrinted 15/11/2026\nCollected: 22/03/2026\nReceived: 23/03/2026",
        "Reported: 25/03/2026  Received 23/03/2026  Sampled 22/03/2026\nHb 120 g/L",
        "U&E\nDate: 25/03/2026\nSpecimen date: 22/03/2026\nSodium 139",
        "Received 23/03/2026\nCollection date 22/03/2026\nPrinted on 15/11/2026",
    ],
)
def test_a_lab_report_is_dated_by_its_collection(text: str) -> None:
    """The results' date is the day the sample was taken: a reprint or a later report does not
    redate them (README, *A document's own date*)."""
    assert own_date(text, "txt") == own_date("Collected: 22/03/2026", "txt")
    assert own_date_shown(text, "txt") == "2026-03-22"


def test_a_lab_report_without_a_collection_date_is_dated_by_its_report() -> None:
    assert own_date_shown("Received 23/03/2026\nReported: 25/03/2026\nHb 120", "txt") == (
        "2026-03-25"
    )


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        # Walk 52a L1: the heading's date, not the body's planned stop.
        (
            "PHARMACY MEDICATION REVIEW - 20/02/2026\nPharmacist: A. Adeyemi\n\n"
            "Current: clopidogrel 75 mg OD (stop date 04/05/2026), apixaban 5 mg BD.",
            "2026-02-20",
        ),
        ("Annual review - 14/03/2026\nNext review: 01/03/2027", "2026-03-14"),
        ("Clinic letter\nStart date 02/01/2026 for ramipril.\nDate: 17/01/2026", "2026-01-17"),
        ("Letter date: 30/10/2026\nStop date: 04/12/2026", "2026-10-30"),
    ],
)
def test_a_heading_dates_the_document_not_an_events_date(text: str, shown: str) -> None:
    assert own_date_shown(text, "txt") == shown


@pytest.mark.parametrize(
    "text", ["Review: 01/06/2027\nNo change.", "Plan: review 01/06/2027 in clinic."]
)
def test_a_review_label_still_dates_no_document(text: str) -> None:
    assert own_date_shown(text, "txt") is None
