"""Each format extracts the right text with the right pages, offsets and sections; each bad input
gives its own clear, one-line error naming the file and never quoting its content."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest
from fixtures.ingest_files import (
    FHIR_NOTE,
    make_binary_junk,
    make_corrupt_pdf,
    make_docx,
    make_encrypted_pdf,
    make_fhir_bundle,
    make_pdf,
    make_scanned_pdf,
    make_zip_bomb_docx,
)

from medlocal.errors import UserInputError
from medlocal.ingest import errors
from medlocal.ingest.formats import check_size, extract_file


def extract(name: str, data: bytes, max_bytes: int = 200 * 1024 * 1024):  # type: ignore[no-untyped-def]
    return extract_file(Path("/some/private/folder") / name, data, max_bytes)


def test_pdf_pages_offsets_and_bookmarks() -> None:
    pages = ["Admission note.\nBP 140/90 on arrival.", "Plan\nStart lisinopril 10 mg daily."]
    doc = extract("note.pdf", make_pdf(pages, bookmarks=["Admission", "Plan"]))
    assert doc.file_type == "pdf"
    assert [p.number for p in doc.pages] == [1, 2]
    for page, expected in zip(doc.pages, pages, strict=True):
        assert doc.text[page.start : page.end] == expected
    assert doc.page_at(doc.text.index("lisinopril")) == 2
    assert doc.page_at(doc.text.index("BP 140")) == 1
    assert doc.section_at(doc.text.index("lisinopril")) == "Plan"
    assert doc.section_at(0) == "Admission"


def test_pdf_with_owner_password_only_opens() -> None:
    doc = extract("owner.pdf", make_encrypted_pdf("Readable without a password.", ""))
    assert doc.text == "Readable without a password."


@pytest.mark.parametrize(
    ("name", "data", "error", "phrase"),
    [
        (
            "locked.pdf",
            make_encrypted_pdf("Secret text"),
            errors.EncryptedDocumentError,
            "password",
        ),
        ("scan.pdf", make_scanned_pdf(), errors.NoTextLayerError, "scanned — no text layer"),
        ("broken.pdf", make_corrupt_pdf(), errors.CorruptFileError, "damaged PDF"),
        ("fake.pdf", b"just some text, not a pdf", errors.CorruptFileError, "not a PDF"),
        ("bomb.docx", make_zip_bomb_docx(), errors.ArchiveBombError, "zip bomb"),
        ("plain.docx", b"I am not a zip archive" * 10, errors.CorruptFileError, "not a zip"),
        (
            "cut.docx",
            make_docx([("p", "Dear colleague. " * 200)])[:1500],
            errors.CorruptFileError,
            "damaged or incomplete Word document",
        ),
        ("junk.txt", make_binary_junk(), errors.BinaryContentError, "binary"),
        ("junk.md", make_binary_junk(), errors.BinaryContentError, "binary"),
        ("bad.json", b'{"resourceType": "Patient",', errors.InvalidFhirError, "invalid JSON"),
        ("list.json", b"[1, 2, 3]", errors.InvalidFhirError, "not a FHIR resource"),
        ("empty.txt", b"", errors.EmptyFileError, "empty file"),
        ("scan.tiff", b"II*\x00rest", errors.CorruptFileError, "not a readable PNG, JPEG or TIFF"),
        ("scan.heic", b"\x00\x00\x00\x18ftypheic", errors.UnsupportedFormatError, "unsupported"),
        ("noext", b"hello", errors.UnsupportedFormatError, "no extension"),
        ("blank.txt", b"  \n\n \t", errors.NoTextError, "no text"),
        ("labs.csv", b"Secret text in one cell\n", errors.NoTextError, "no table in the file"),
        ("labs.csv", b"\n \n", errors.NoTextError, "no text"),
        ("empty.html", b"<html><script>x()</script></html>", errors.NoTextError, "no visible"),
    ],
)
def test_bad_inputs_give_one_line_errors(
    name: str, data: bytes, error: type[errors.IngestError], phrase: str
) -> None:
    with pytest.raises(error) as caught:
        extract(name, data)
    message = str(caught.value)
    assert isinstance(caught.value, UserInputError)
    assert message.startswith(f"{name}: ")
    assert phrase in message
    assert "\n" not in message
    assert "private" not in message  # the file name only, never its folder
    assert "Secret text" not in message


@pytest.mark.parametrize(
    ("name", "kind", "rename"),
    [
        ("discharge.docx", "a PDF", ".pdf"),
        ("discharge.txt", "a PDF", ".pdf"),
        ("referral.pdf", "a Word document", ".docx"),
        ("referral.md", "a Word document", ".docx"),
        ("scan.pdf", "a PNG image", ".png"),
        ("scan.docx", "a PNG image", ".png"),
    ],
)
def test_a_file_named_for_another_format_says_what_it_is(name: str, kind: str, rename: str) -> None:
    # An e-mailed attachment saved under the wrong extension was called "not a zip archive" or
    # "no PDF header", which does not tell a clinician that renaming it is all it needs.
    import io

    from PIL import Image

    png = io.BytesIO()
    Image.new("L", (8, 8), 255).save(png, format="PNG")
    data = {
        "a PDF": make_pdf(["Discharge summary."]),
        "a Word document": make_docx([("p", "Dear colleague.")]),
        "a PNG image": png.getvalue(),
    }[kind]
    with pytest.raises(errors.CorruptFileError) as caught:
        extract(name, data)
    suffix = Path(name).suffix
    assert str(caught.value) == (
        f"{name}: this is {kind} named {suffix}: rename it to end in {rename} and import it again"
    )


def test_an_image_named_for_another_image_format_still_imports() -> None:
    import io

    from PIL import Image

    from medlocal.ingest.formats import format_for

    png = io.BytesIO()
    Image.new("L", (8, 8), 255).save(png, format="PNG")
    assert format_for(Path("scan.jpg")).file_type == "image"
    with pytest.raises(errors.IngestError) as caught:  # blank: no text, but read as an image
        extract("scan.jpg", png.getvalue())
    assert "rename" not in str(caught.value)


def test_docx_zip_with_huge_declared_total_is_refused() -> None:
    from medlocal.ingest.extractors.docx import ZipLimits, extract_docx

    data = make_docx([("p", "Hello world.")])
    with pytest.raises(errors.ArchiveBombError, match="would expand"):
        extract_docx(data, "big.docx", ZipLimits(max_total_uncompressed=1000))


def test_zip_that_is_not_a_word_document() -> None:
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(errors.CorruptFileError, match="without a Word document"):
        extract("archive.docx", buffer.getvalue())


def test_over_size_limit() -> None:
    with pytest.raises(errors.FileTooLargeError, match="over the import limit"):
        extract("big.txt", b"a" * 2048, max_bytes=1024)


def test_small_import_limits_read_sensibly() -> None:
    """``--max-size-mb 0.001`` said "file is 0.0 MB, over the import limit of 0.0 MB"."""
    limit = int(0.001 * 1024 * 1024)
    with pytest.raises(errors.FileTooLargeError) as info:
        extract("note.txt", b"a" * 92_000, max_bytes=limit)
    assert str(info.value) == "note.txt: file is 89.8 KB, over the import limit of 1.02 KB"
    with pytest.raises(errors.FileTooLargeError) as info:
        extract("note.txt", b"a" * 1025, max_bytes=1024)
    assert str(info.value) == "note.txt: file is 1,025 bytes, over the import limit of 1,024 bytes"
    with pytest.raises(errors.FileTooLargeError, match=r"is 300 MB, over .* of 200 MB"):
        check_size(Path("scan.pdf"), 300 * 1024 * 1024, 200 * 1024 * 1024)


def test_damaged_images_give_a_reason_without_internal_exception_names() -> None:
    """A damaged PNG said "not a readable PNG, JPEG or TIFF image (KeyError)"."""
    import io as _io

    from PIL import Image

    from medlocal.ingest.ocr.images import open_image

    buffer = _io.BytesIO()
    Image.new("RGB", (64, 64), "white").save(buffer, "PNG")
    good = buffer.getvalue()
    reasons = set()
    for cut in (b"II*\x00rest", good[:40], good[:-30], good[:16] + b"\xff" * 17 + good[33:]):
        with pytest.raises(errors.CorruptFileError) as info:
            open_image(cut, "scan.png", 10).page(0)
        reasons.add(str(info.value))
    for reason in reasons:
        assert "Error" not in reason and "(" not in reason, reason
        assert reason.startswith("scan.png: ") and "image" in reason


def test_docx_paragraphs_headings_and_tables() -> None:
    data = make_docx(
        [("h1", "Discharge summary"), ("p", "Admitted with chest pain."), ("h2", "Medications")],
        table=[["Drug", "Dose"], ["Aspirin", "75 mg"]],
    )
    doc = extract("summary.docx", data)
    assert doc.text == (
        "Discharge summary\n\nAdmitted with chest pain.\n\nMedications"
        "\n\nDrug | Dose\nAspirin | 75 mg"
    )
    assert [s.title for s in doc.sections] == ["Discharge summary", "Medications"]
    assert doc.section_at(doc.text.index("Aspirin")) == "Medications"
    assert doc.section_at(doc.text.index("chest")) == "Discharge summary"
    assert doc.pages == ()
    assert doc.page_at(5) is None


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-16", b""),  # Python's utf-16 codec writes the BOM itself
        ("utf-16-be", b"\xfe\xff"),
        ("utf-16-le", b""),  # no BOM: left to detection
        ("utf-8-sig", b""),
        ("utf-8", b""),
        ("cp1252", b""),
        ("latin-1", b""),
    ],
)
def test_text_encodings(encoding: str, bom: bytes) -> None:
    text = "Patiënt José Müller, naïve café visit.\nDosis: 5 µg — reviewed.\n" * 3
    if encoding == "latin-1":
        text = text.replace("—", "-")
    data = bom + text.encode(encoding)
    doc = extract("letter.txt", data)
    assert doc.text == text
    assert doc.file_type == "txt"


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        # Walk 22: read as ISO-8859-16, the micro sign became a quotation mark ("96 ”mol/L").
        (
            "Patiente: Mme Zoë Hernández-Lefèvre, née le 02/03/1929. Hb 112 g/L, créatinine"
            " 96 µmol/L. Infirmière: Anaïs Gagné.",
            "latin-1",
        ),
        (
            "Patientin Jürgen Größe, 84 Jahre. Kreatinin 96 µmol/l. Überweisung an Dr. Müller.",
            "cp1252",
        ),
        # Encodings whose letters Windows-1252 lacks keep their own reading.
        (
            "Pacjentka Zofia Łukasiewicz, lat 84, przyjęta z powodu zaostrzenia niewydolności"
            " serca. Żona pana Bączkiewicza. Leki: furosemid 40 mg, bisoprolol 5 mg.",
            "cp1250",
        ),
        (
            "Pacienta Ștefania Țăranu, 84 de ani, internată pentru insuficiență cardiacă."
            " Tratament: furosemid 40 mg.",
            "iso8859_16",
        ),
        ("Пациентка Иванова Мария Петровна, 84 года, поступила в отделение.", "cp1251"),
    ],
)
def test_eight_bit_text_keeps_its_letters_and_signs(text: str, encoding: str) -> None:
    assert extract("letter.txt", text.encode(encoding)).text == text


def test_text_line_endings_are_normalised() -> None:
    assert extract("a.txt", b"one\r\ntwo\rthree").text == "one\ntwo\nthree"


def test_markdown_headings_outside_code_fences() -> None:
    text = "# Summary\n\nStable.\n\n```\n# not a heading\n```\n\n## Plan\nContinue."
    doc = extract("note.md", text.encode())
    assert doc.text == text
    assert [(s.title, s.start) for s in doc.sections] == [
        ("Summary", 0),
        ("Plan", text.index("## Plan")),
    ]


def test_html_visible_text_only() -> None:
    html = (
        "<!doctype html><html><head><title>HIDDEN-TITLE</title><style>p{color:red}</style>"
        "<script>var secret='HIDDEN-SCRIPT';</script></head><body>"
        "<h1>Clinic letter</h1><p>Dear colleague,<br>thank you &amp; regards.</p>"
        "<div hidden>HIDDEN-ATTR</div><noscript>HIDDEN-NOSCRIPT</noscript>"
        "<ul><li>Item one</li><li>Item two</li></ul><h2>Plan</h2><p>Review in 6 weeks.</p>"
        "</body></html>"
    )
    doc = extract("letter.html", html.encode())
    assert "HIDDEN" not in doc.text
    assert doc.text == (
        "Clinic letter\n\nDear colleague,\nthank you & regards.\n\nItem one\n\nItem two"
        "\n\nPlan\n\nReview in 6 weeks."
    )
    assert doc.section_at(doc.text.index("Review")) == "Plan"


def test_html_table_rows_stay_together() -> None:
    html = (
        "<p>Labs:</p><table><tr><th>Test</th><th>Value</th></tr>"
        "<tr><td>Hemoglobin</td><td><p>13.2</p> <span>g/dL</span></td></tr>"
        "<tr><td>Sodium</td><td>140</td></tr></table><p>End.</p>"
    )
    doc = extract("labs.html", html.encode())
    assert doc.text == "Labs:\n\nTest | Value\n\nHemoglobin | 13.2 g/dL\n\nSodium | 140\n\nEnd."


def test_html_with_unclosed_head_and_declared_charset() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252">'
        "<title>t</title><body><p>Café visit.</p></body></html>"
    )
    assert extract("page.htm", html.encode("cp1252")).text == "Café visit."


def test_fhir_bundle_renders_every_resource_with_its_reference() -> None:
    doc = extract("record.json", make_fhir_bundle())
    assert doc.file_type == "fhir"
    for reference in [
        "Patient/pat1",
        "Condition/cond1",
        "MedicationRequest/med1",
        "MedicationStatement/medst1",
        "AllergyIntolerance/alg1",
        "Observation/obs1",
        "DiagnosticReport/rep1",
        "Procedure/proc1",
        "Encounter/enc1",
        "DocumentReference/doc1",
    ]:
        assert f"[{reference}]" in doc.text
    for fact in [
        "Ada Lovelace",
        "MRN-55821",
        "Type 2 diabetes",
        "500 mg by mouth twice daily",
        "Penicillin",
        "Hives (moderate)",
        "HbA1c",
        "7.2 %",
        "LDL above target.",
        "Colonoscopy",
        "2024-02-01 to 2024-02-05",
        FHIR_NOTE,
    ]:
        assert fact in doc.text
    # The inline attachment belongs to the DocumentReference's section.
    assert doc.section_at(doc.text.index(FHIR_NOTE)) == ("Document [DocumentReference/doc1]")
    assert doc.section_at(doc.text.index("7.2 %")) == "Observation [Observation/obs1]"


def test_fhir_single_resource_and_narrative_fallback() -> None:
    resource = {
        "resourceType": "CarePlan",
        "id": "cp1",
        "text": {"div": "<div xmlns='http://www.w3.org/1999/xhtml'>Walk <b>daily</b>.</div>"},
    }
    doc = extract("plan.json", json.dumps(resource).encode())
    assert doc.text == "CarePlan [CarePlan/cp1]\nNarrative: Walk daily."


def test_fhir_inline_pdf_attachment() -> None:
    pdf = base64.b64encode(make_pdf(["Echo: normal ejection fraction."])).decode()
    report = {
        "resourceType": "DiagnosticReport",
        "id": "echo",
        "code": {"text": "Echocardiogram"},
        "presentedForm": [{"contentType": "application/pdf", "title": "echo.pdf", "data": pdf}],
    }
    doc = extract("echo.json", json.dumps(report).encode())
    assert "Echo: normal ejection fraction." in doc.text
    assert "[DiagnosticReport/echo]" in doc.text


def test_fhir_reference_falls_back_to_full_url_and_empty_bundle_is_refused() -> None:
    bundle = {
        "resourceType": "Bundle",
        "entry": [
            {
                "fullUrl": "urn:uuid:1234",
                "resource": {"resourceType": "Condition", "code": {"text": "Asthma"}},
            },
            {"resource": {"resourceType": "Procedure", "code": {"text": "Spirometry"}}},
            {"resource": "not a resource"},
        ],
    }
    doc = extract("bundle.json", json.dumps(bundle).encode())
    assert "Condition [urn:uuid:1234]\nCondition: Asthma" in doc.text
    assert "Procedure [Procedure/#2]\nProcedure: Spirometry" in doc.text
    with pytest.raises(errors.NoTextError):
        extract("empty.json", b'{"resourceType": "Bundle", "entry": []}')


def test_pdf_blank_page_in_the_middle_keeps_page_numbers() -> None:
    doc = extract("gap.pdf", make_pdf(["First page text.", "", "Third page text."]))
    assert doc.page_at(doc.text.index("Third")) == 3
    assert doc.page_at(0) == 1
    assert [p.number for p in doc.pages] == [1, 2, 3]


def _docx_with_hidden_places() -> bytes:
    """A referral form as Word templates make them: a nested table, a content-control block,
    an inline content control, a tracked insertion and a hyperlink (python-docx's own text and
    cell.text skip all of these)."""
    import io

    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    document.add_paragraph("Referral form")
    outer = document.add_table(rows=1, cols=2)
    outer.cell(0, 0).add_table(rows=1, cols=1).cell(0, 0).text = "Warfarin 3 mg nightly"
    outer.cell(0, 1).text = "INR 2.6"
    body = document.element.body
    sect = body[-1]  # keep w:sectPr last
    sect.addprevious(
        parse_xml(
            f"<w:sdt {nsdecls('w')}><w:sdtContent><w:p><w:r><w:t>Allergy: penicillin rash"
            "</w:t></w:r></w:p></w:sdtContent></w:sdt>"
        )
    )
    sect.addprevious(
        parse_xml(
            f"<w:p {nsdecls('w', 'r')}><w:r><w:t xml:space='preserve'>Patient: </w:t></w:r>"
            "<w:sdt><w:sdtContent><w:r><w:t>Ada Example</w:t></w:r></w:sdtContent></w:sdt>"
            "<w:ins w:id='1' w:author='GP'><w:r><w:t xml:space='preserve'> seen 3 May</w:t></w:r>"
            "</w:ins><w:del w:id='2' w:author='GP'><w:r><w:delText> DELETED</w:delText></w:r>"
            "</w:del><w:r><w:tab/><w:t>see </w:t></w:r><w:hyperlink r:id='x'><w:r><w:t>leaflet"
            "</w:t></w:r></w:hyperlink><w:r><w:t>. Co</w:t><w:noBreakHyphen/><w:t>amoxiclav"
            "</w:t><w:br w:type='page'/><w:t>.</w:t></w:r></w:p>"
        )
    )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_text_in_nested_tables_content_controls_and_tracked_insertions_is_kept() -> None:
    # QA: a nested table's "Warfarin 3 mg nightly" and text in content controls or tracked
    # insertions were silently left out of the imported document.
    doc = extract("form.docx", _docx_with_hidden_places())
    assert "Warfarin 3 mg nightly | INR 2.6" in doc.text
    assert "Allergy: penicillin rash" in doc.text
    assert "Patient: Ada Example seen 3 May\tsee leaflet. Co-amoxiclav." in doc.text
    assert "DELETED" not in doc.text


def _save(document: object) -> bytes:
    import io

    buffer = io.BytesIO()
    document.save(buffer)  # type: ignore[attr-defined]
    return buffer.getvalue()


def _page_field(instruction: str, shown: str) -> str:
    """A field (PAGE, NUMPAGES) as Word saves it: its code, then the number it last showed."""
    return (
        "<w:r><w:fldChar w:fldCharType='begin'/></w:r>"
        f"<w:r><w:instrText xml:space='preserve'> {instruction} </w:instrText></w:r>"
        "<w:r><w:fldChar w:fldCharType='separate'/></w:r>"
        f"<w:r><w:t>{shown}</w:t></w:r><w:r><w:fldChar w:fldCharType='end'/></w:r>"
    )


def test_docx_page_header_and_footer_are_imported_around_the_body() -> None:
    # QA: a clinic letter's letterhead, MRN line and reference/page footer were left out, so a
    # question about the letterhead or the reference found nothing.
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Riverside Cardiology Clinic"
    section.header.add_paragraph("Patient: Ada Example  MRN 123456")
    section.footer.paragraphs[0].text = "Ref: RC/2024/0178"
    section.footer._element.append(
        parse_xml(
            f"<w:p {nsdecls('w')}><w:r><w:t xml:space='preserve'>Page </w:t></w:r>"
            f"{_page_field('PAGE', '1')}<w:r><w:t xml:space='preserve'> of </w:t></w:r>"
            f"{_page_field('NUMPAGES', '3')}</w:p>"
        )
    )
    document.add_paragraph("Dear colleague,")
    document.add_paragraph("Thank you for referring Ms Example.")
    doc = extract("letter.docx", _save(document))
    assert doc.text == (
        "Riverside Cardiology Clinic\n\nPatient: Ada Example  MRN 123456"
        "\n\nDear colleague,\n\nThank you for referring Ms Example."
        "\n\nRef: RC/2024/0178\n\nPage 1 of 3"  # a page line is kept as Word last showed it
    )
    assert doc.section_at(doc.text.index("Riverside")) == "Page header"
    assert doc.section_at(doc.text.index("MRN")) == "Page header"
    assert doc.section_at(doc.text.index("Dear")) == "Document text"
    assert doc.section_at(doc.text.index("Ref:")) == "Page footer"
    assert doc.section_at(doc.text.index("Page 1")) == "Page footer"


def test_docx_header_linked_across_sections_is_imported_once() -> None:
    import docx
    from docx.enum.section import WD_SECTION

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Riverside Cardiology Clinic"
    document.sections[0].footer.paragraphs[0].text = "Confidential"
    document.add_heading("Clinic letter", level=1)
    document.add_section(WD_SECTION.NEW_PAGE)
    document.add_paragraph("Appendix: ECG report.")
    # A third section with its own header that repeats the first one's text: kept once too.
    document.add_section(WD_SECTION.NEW_PAGE)
    document.sections[2].header.is_linked_to_previous = False
    document.sections[2].header.paragraphs[0].text = "Riverside Cardiology Clinic"
    document.add_paragraph("Leaflet.")
    assert document.sections[1].header.is_linked_to_previous
    doc = extract("letter.docx", _save(document))
    assert doc.text == (
        "Riverside Cardiology Clinic\n\nClinic letter\n\nAppendix: ECG report.\n\nLeaflet."
        "\n\nConfidential"
    )
    # The body opens with a heading, which starts its own section.
    assert [s.title for s in doc.sections] == ["Page header", "Clinic letter", "Page footer"]
    assert doc.section_at(doc.text.index("ECG")) == "Clinic letter"


def test_docx_different_first_page_and_even_page_headers() -> None:
    import docx

    document = docx.Document()
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "Riverside Cardiology Clinic, 1 High St"
    section.header.paragraphs[0].text = "Ada Example, MRN 123456 (continued)"
    section.even_page_header.paragraphs[0].text = "Clinic letter of 3 May"
    section.first_page_footer.paragraphs[0].text = "Ref: RC/2024/0178"
    document.add_paragraph("Dear colleague,")
    doc = extract("letter.docx", _save(document))
    assert doc.text == (
        "Riverside Cardiology Clinic, 1 High St\n\nAda Example, MRN 123456 (continued)"
        "\n\nClinic letter of 3 May\n\nDear colleague,\n\nRef: RC/2024/0178"
    )


def test_docx_first_and_even_page_headers_count_only_when_turned_on() -> None:
    import docx

    document = docx.Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = "Riverside Cardiology Clinic"
    section.first_page_header.paragraphs[0].text = "Unused first-page header"
    section.even_page_header.paragraphs[0].text = "Unused even-page header"
    section.different_first_page_header_footer = False
    document.add_paragraph("Dear colleague,")
    doc = extract("letter.docx", _save(document))
    assert doc.text == "Riverside Cardiology Clinic\n\nDear colleague,"


def test_docx_header_table_and_text_box_are_read_like_the_body() -> None:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    header = document.sections[0].header
    header.paragraphs[0].text = "Riverside Cardiology Clinic"
    table = header.add_table(rows=2, cols=2, width=document.sections[0].page_width)
    table.cell(0, 0).text = "Patient"
    table.cell(0, 1).text = "Ada Example"
    table.cell(1, 0).text = "MRN"
    table.cell(1, 1).add_table(rows=1, cols=2).cell(0, 1).text = "123456"
    header._element.append(
        parse_xml(
            f"<w:p {nsdecls('w')} xmlns:v='urn:schemas-microsoft-com:vml'><w:r><w:pict>"
            "<v:shape><v:textbox><w:txbxContent>"
            "<w:p><w:r><w:t>Urgent</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape>"
            "</w:pict></w:r></w:p>"
        )
    )
    document.add_paragraph("Dear colleague,")
    doc = extract("letter.docx", _save(document))
    assert doc.text == (
        "Riverside Cardiology Clinic\n\nPatient | Ada Example\nMRN | 123456\n\nUrgent"
        "\n\nDear colleague,"
    )


def test_docx_without_headers_or_footers_is_unchanged() -> None:
    # The output before page headers and footers were read, for documents without any: a
    # document with empty (but defined) ones, and the referral form above.
    import docx

    document = docx.Document()
    document.sections[0].header.is_linked_to_previous = False  # an empty header part
    document.sections[0].footer.paragraphs[0].text = "   "
    document.add_paragraph("Dear colleague.")
    document.add_heading("Plan", level=1)
    document.add_paragraph("Review in 6 weeks.")
    grid = document.add_table(rows=2, cols=2)
    for r, row in enumerate([["Drug", "Dose"], ["Aspirin", "75 mg"]]):
        for c, value in enumerate(row):
            grid.cell(r, c).text = value
    for data in (
        _save(document),
        make_docx(
            [("p", "Dear colleague."), ("h1", "Plan"), ("p", "Review in 6 weeks.")],
            table=[["Drug", "Dose"], ["Aspirin", "75 mg"]],
        ),
    ):
        doc = extract("letter.docx", data)
        assert doc.text == (
            "Dear colleague.\n\nPlan\n\nReview in 6 weeks.\n\nDrug | Dose\nAspirin | 75 mg"
        )
        assert [(s.title, s.start) for s in doc.sections] == [("Plan", 17)]
        assert doc.pages == ()
    form = extract("form.docx", _docx_with_hidden_places())
    assert form.text == (
        "Referral form\n\nWarfarin 3 mg nightly | INR 2.6\n\nAllergy: penicillin rash"
        "\n\nPatient: Ada Example seen 3 May\tsee leaflet. Co-amoxiclav."
    )
    assert form.sections == ()


@pytest.mark.parametrize("name", ["labs.csv", "labs.tsv"])
def test_a_lab_table_imports_as_written(name: str) -> None:
    """Walk 20: a CSV lab export was refused ("unsupported file type"), so a clinician renamed it
    to .txt. It imports as its own type, each row kept as written."""
    sep = "\t" if name.endswith(".tsv") else ","
    rows = ["Test", "Value", "Unit"], ["HbA1c", "8.1", "%"], ["Urine ACR", "4.2", "mg/mmol"]
    text = "\n".join(sep.join(row) for row in rows) + "\n"
    doc = extract(name, text.encode("utf-8"))
    assert doc.file_type == "csv" and doc.text == text
