"""Section-aware passages: clinical notes' capitalised labels become sections, a heading never
stands alone as a passage, sentences are never split, and every passage carries a header (file
name, document date, section) that is indexed with it but is not its text."""

from __future__ import annotations

from pathlib import Path

from fixtures.ingest_files import FakeEmbedder

from medlocal.document_dates import document_date
from medlocal.ingest.chunker import chunk_document, document_title
from medlocal.ingest.document import DocumentBuilder
from medlocal.ingest.formats import extract_file
from medlocal.ingest.headings import clinical_headings, section_gloss

NOTE = """DISCHARGE SUMMARY
Patient: A. Test    DOB: 1950-01-02
Admission date: 2024-02-11

PHYSICAL EXAMINATION:
VITAL SIGNS: BP 148/86 mmHg.
HEENT: Normocephalic, mucous membranes moist.
NECK: JVP elevated to 12 cm.
BP: 120/80 is a value line, not a section.

DISCHARGE MEDICATIONS:
Furosemide 40 mg by mouth twice daily.
Metoprolol succinate 50 mg once daily.

DIET:
Two gram sodium diet.
"""


def test_capitalised_labels_become_nested_sections() -> None:
    titles = [heading.title for heading in clinical_headings(NOTE)]
    assert titles == [
        "DISCHARGE SUMMARY",
        "PHYSICAL EXAMINATION",
        "PHYSICAL EXAMINATION: VITAL SIGNS",
        "PHYSICAL EXAMINATION: HEENT",
        "PHYSICAL EXAMINATION: NECK",
        "DISCHARGE MEDICATIONS",
        "DIET",
    ]
    heading = clinical_headings(NOTE)[4]
    assert NOTE[heading.start :].startswith("NECK: JVP")


def test_each_section_is_its_own_passage_with_a_header() -> None:
    document = extract_file(Path("discharge_summary.txt"), NOTE.encode())
    chunks = chunk_document(document, FakeEmbedder(), file_name="discharge_summary.txt")
    by_section = {chunk.section: chunk for chunk in chunks}
    meds = by_section["DISCHARGE MEDICATIONS"]
    assert meds.text.startswith("DISCHARGE MEDICATIONS:")
    assert "Metoprolol succinate 50 mg once daily." in meds.text and "sodium" not in meds.text
    assert meds.context == (
        "discharge summary (2024-02-11) | DISCHARGE MEDICATIONS "
        "(medicines to take after leaving hospital)"
    )
    assert meds.indexed_text == f"{meds.context}\n{meds.text}"
    neck = by_section["PHYSICAL EXAMINATION: NECK"]
    assert "HEENT" not in neck.text and "DIET" not in neck.text
    for chunk in chunks:
        assert document.text[chunk.start : chunk.end] == chunk.text  # the header is not text


def test_a_heading_without_text_joins_the_next_section() -> None:
    builder = DocumentBuilder("html")
    builder.add_heading("Your asthma action plan")
    builder.add_heading("Summer activities")
    builder.add_block("Thunderstorms can trigger severe attacks.")
    builder.add_heading("Travel")
    builder.add_block("Carry your inhaler.")
    chunks = chunk_document(builder.build(), FakeEmbedder())
    texts = [chunk.text for chunk in chunks]
    assert texts == [
        "Your asthma action plan\n\nSummer activities\n\nThunderstorms can trigger severe attacks.",
        "Travel\n\nCarry your inhaler.",
    ]


def test_the_document_date_is_not_a_date_of_birth() -> None:
    text = "Clinic letter\nPatient born 12/03/1950. Seen on 4 March 2024 in clinic."
    document = extract_file(Path("letter.txt"), text.encode())
    assert document_title(document, "letter.txt") == "letter (4 March 2024)"
    fhir = extract_file(
        Path("bundle.json"), b'{"resourceType": "Patient", "birthDate": "1950-03-12"}'
    )
    assert document_title(fhir, "bundle.json") == "bundle"


def test_standard_sections_get_plain_words_in_the_header_only() -> None:
    assert section_gloss("HISTORY OF PRESENT ILLNESS") == "presenting symptoms and their story"
    assert section_gloss("PHYSICAL EXAMINATION: NECK") == "examination findings"
    assert section_gloss("Summer activities") is None
    note = "HOSPITAL COURSE:\nTreated with intravenous furosemide.\n"
    document = extract_file(Path("note.txt"), note.encode())
    (chunk,) = chunk_document(document, FakeEmbedder(), file_name="note.txt")
    assert chunk.context == (
        "note | HOSPITAL COURSE (what happened during the stay: treatment, tests and results)"
    )
    assert chunk.text == note.strip()


def test_a_title_wrapped_onto_two_lines_is_one_heading() -> None:
    text = (
        "DISCHARGE SUMMARY FOR THE ADMISSION OF\nMR X TO THE CARDIOLOGY WARD\n"
        "Admission date: 2024-02-11\n\nHOSPITAL COURSE\nHe did well.\n"
    )
    assert [(h.title, h.start) for h in clinical_headings(text)] == [
        ("DISCHARGE SUMMARY FOR THE ADMISSION OF MR X TO THE CARDIOLOGY WARD", 0),
        ("HOSPITAL COURSE", text.index("HOSPITAL")),
    ]
    wrapped_label = "REVIEW OF\nSYSTEMS: Negative apart from a cough.\nPLAN\nHome."
    assert [h.title for h in clinical_headings(wrapped_label)] == ["REVIEW OF SYSTEMS", "PLAN"]


def test_capitals_continuing_a_sentence_are_no_heading() -> None:
    text = "She was referred to the clinic by the\nCARDIOLOGY REGISTRAR ON CALL\nafter the ECG.\n"
    assert clinical_headings(text) == ()
    text = "Seen together with\nSOCIAL WORK: a care package was agreed.\n"
    assert clinical_headings(text) == ()


def test_real_headings_after_lines_that_end_a_phrase_are_kept() -> None:
    text = (
        "DISCHARGE SUMMARY\nPATIENT DETAILS\nName: A. Test\n"  # heading after heading
        "Aspirin 75 mg daily\nALLERGIES\nNone known.\n"  # after a list line without a stop
        "Serology positive for hepatitis A\nHOSPITAL COURSE\nStable.\n"  # "a" ends a name
        "Reviewed jointly with\n\nPLAN\nHome.\n"  # a blank line ends the line above
        "Results are as follows:\nINVESTIGATIONS\nNormal.\n"
    )
    assert [h.title for h in clinical_headings(text)] == [
        "DISCHARGE SUMMARY",
        "PATIENT DETAILS",
        "ALLERGIES",
        "HOSPITAL COURSE",
        "PLAN",
        "INVESTIGATIONS",
    ]


def test_a_wrapped_pdf_title_gives_no_section_of_its_second_line(tmp_path: Path) -> None:
    from fixtures.ingest_files import make_pdf

    lines = [
        "DISCHARGE SUMMARY FOR THE ADMISSION OF",
        "MR X TO THE CARDIOLOGY WARD",
        "He was admitted with chest pain and treated for a myocardial infarction.",
        "",
        "DISCHARGE MEDICATIONS",
        "Aspirin 75 mg once daily.",
    ]
    document = extract_file(Path("letter.pdf"), make_pdf(["\n".join(lines)]))
    chunks = chunk_document(document, FakeEmbedder(), file_name="letter.pdf")
    sections = [chunk.section for chunk in chunks]
    assert sections == [
        "DISCHARGE SUMMARY FOR THE ADMISSION OF MR X TO THE CARDIOLOGY WARD",
        "DISCHARGE MEDICATIONS",
    ]
    assert chunks[0].text.startswith("DISCHARGE SUMMARY FOR THE ADMISSION OF\nMR X")


def test_a_discharge_summary_is_dated_by_its_discharge_not_its_admission() -> None:
    """Walk 40b item 10: dated by "Admitted: 12 September 2026", its first date."""
    text = (
        "DISCHARGE SUMMARY\nPatient: Margaret Hartley  DOB: 14/03/1948\n"
        "Admitted: 12 September 2026\nDischarged: 18 September 2026\nWard: Cardiology 7B\n"
    )
    assert document_date(text, "pdf") == "18 September 2026"
    letter = "Seen in clinic 1 October 2026.\nLetter date: 30 October 2026\nDear Dr Ward,"
    assert document_date(letter, "docx") == "30 October 2026"
    # An admission date stays the document's date only where nothing else dates it.
    assert document_date("Admission date: 12/09/2026. Ward 7.", "txt") == "12/09/2026"
    assert document_date("Date of admission 12/09/2026, letter of 30/10/2026", "txt") == (
        "30/10/2026"
    )
    assert document_date("Date of birth: 14/03/1948\nDate: 01/02/2026", "txt") == "01/02/2026"
