"""Section-aware passages: clinical notes' capitalised labels become sections, a heading never
stands alone as a passage, sentences are never split, and every passage carries a header (file
name, document date, section) that is indexed with it but is not its text."""

from __future__ import annotations

from pathlib import Path

from fixtures.ingest_files import FakeEmbedder

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
