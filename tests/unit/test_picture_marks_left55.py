"""left55 (left54 F5): a picture not read (OCR off, a format not decoded) was said once, in the
import report; an answer or summary citing a passage of that page said nothing, though the page
holds more than the passage. The import now keeps, with the document (vault schema 9, table
document_pictures), which pages show a picture not read and where text was read from pictures;
every passage of such a page says so beside its source, in a search hit, an answer's citation
and a summary's, and in a saved output. A vault made before schema 9 opens, its documents
unmarked."""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Inches
from fixtures.ingest_files import FakeEmbedder
from fixtures.vault_file import FAST, PASS, new_vault
from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.rag.passages import SourceRef
from medlocal.rag.record import record_passages
from medlocal.settings import Settings
from medlocal.vault import db
from medlocal.vault.records import ChunkRecord, PictureMarks, SearchHit
from medlocal.vault.schema import MIGRATIONS
from medlocal.vault.store import Vault


def _picture() -> Image.Image:
    picture = Image.new("RGB", (600, 160), "white")
    ImageDraw.Draw(picture).text((40, 60), "Potassium 6.4 mmol/L HIGH", fill="black")
    return picture


def _letter_pdf(path: Path) -> None:
    """Page 1: typed text and a pasted lab picture; page 2: typed text only."""
    c = canvas.Canvas(str(path), pagesize=A4)
    c.drawString(72, 800, "Dear GP, the portal result for the apixaban review is pasted below.")
    _filler(c, "Seen today")
    c.drawImage(ImageReader(_picture()), 40, 100, width=515, height=137)
    c.showPage()
    c.drawString(72, 800, "Plan: metformin continued, review in clinic in six weeks.")
    _filler(c, "Discussed")
    c.showPage()
    c.save()


def _filler(c: canvas.Canvas, opening: str) -> None:
    """Enough lines that each page is a passage of its own."""
    for n in range(30):
        c.drawString(72, 780 - 18 * n, f"{opening}: item {n} of the history was gone over again.")


def _letter_docx(path: Path) -> None:
    document = Document()
    document.add_paragraph("Ward letter: warfarin stopped, INR to be checked on Friday.")
    buf = io.BytesIO()
    _picture().save(buf, "PNG")
    buf.seek(0)
    document.add_picture(buf, width=Inches(4))
    document.save(str(path))


def _imported(tmp_path: Path, *files: Path) -> tuple[Workspace, int]:
    settings = dataclasses.replace(Settings(), ocr="off")
    ws = Workspace(
        tmp_path / "vault",
        kdf_params=FAST,
        embedder_loader=lambda model: FakeEmbedder(),
        settings=settings,
    )
    ws.create_vault(PASS)
    patient = ws.require_vault().add_patient("Imelda Votrubova-Keane")
    report = ws.import_documents(list(files), patient)
    assert [o.status for o in report.files] == ["imported"] * len(files), report.files
    return ws, patient


def _place(ws: Workspace, patient: int, words: str) -> str:
    vault = ws.require_vault()
    hits = vault.search(words, FakeEmbedder().embed([words])[0], patient_id=patient, k=1)
    assert hits and words.split()[0] in hits[0].text, hits
    return SourceRef.from_hit(1, hits[0]).place


def test_a_passage_of_a_page_whose_picture_was_not_read_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    pdf, docx_file = tmp_path / "letter.pdf", tmp_path / "ward.docx"
    _letter_pdf(pdf)
    _letter_docx(docx_file)
    ws, patient = _imported(tmp_path, pdf, docx_file)
    try:
        assert _place(ws, patient, "portal result apixaban") == (
            "letter.pdf, p. 1 (p. 1 shows a picture not read)"
        )
        assert _place(ws, patient, "warfarin stopped") == (
            "ward.docx (its document has a picture not read)"
        )
        # A summary's passages (every passage of the chosen documents): each that runs over
        # page 1 says it, none of page 2 alone.
        vault = ws.require_vault()
        pdf_hits = [h for h in record_passages(vault, patient, None) if h.file_name == pdf.name]
        for hit in pdf_hits:
            said = SourceRef.from_hit(1, hit).place.endswith("(p. 1 shows a picture not read)")
            assert said == (hit.page == 1), (hit.page, hit.last_page)
        assert {hit.page for hit in pdf_hits} == {1, 2}
        # A saved answer keeps it.
        hit = vault.search("apixaban", None, patient_id=patient, k=1)[0]
        saved = SourceRef.from_hit(3, hit).as_dict()
        assert SourceRef.from_dict(saved).place.endswith("(p. 1 shows a picture not read)")
    finally:
        ws.close()
    # `medlocal vault search` says it beside each hit too.
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    argv = ["search", "warfarin stopped", "--patient", str(patient), "--k", "1"]
    argv += ["--vault", str(tmp_path / "vault"), "--passphrase-file", str(secret)]
    again = Workspace(tmp_path / "vault", kdf_params=FAST, embedder_loader=lambda m: FakeEmbedder())
    try:
        assert main(argv, workspace=again) == 0
    finally:
        again.close()
    out = capsys.readouterr().out
    assert "ward.docx (its document has a picture not read)" in out, out


def test_picture_marks_are_told_per_passage() -> None:
    marks = PictureMarks(read=((100, 400),), unread_pages=(2, 5))
    assert marks.read_within(350, 600) and not marks.read_within(400, 500)
    assert marks.unread_on(1, 1) == () and marks.unread_on(2, 2) == (2,)
    assert marks.unread_on(1, 6) == (2, 5)
    assert PictureMarks(unread_pages=(0,)).unread_on(3, 3) == (0,)
    ref = SourceRef(1, 1, 1, "a.pdf", 1, 0, 9, "", last_page=6, unread_picture_pages=(2, 5))
    assert ref.place == "a.pdf, pp. 1\u20136 (pp. 2, 5 show pictures not read)"
    old = {k: v for k, v in ref.as_dict().items() if "picture" not in k}  # saved before left55
    assert SourceRef.from_dict(old).place == "a.pdf, pp. 1\u20136"


def test_a_vault_made_before_schema_9_opens_and_marks_documents_from_then_on(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "vault"
    chunk = ChunkRecord("Apixaban 5 mg twice daily.", 1, 0, 26)
    vector = FakeEmbedder().embed([chunk.text])
    with new_vault(folder) as vault:
        patient = vault.add_patient("Arthur Quornwaithe")
        old = vault.add_document(patient, "old.pdf", "pdf", b"old", [chunk], vector, "m")
        with vault._tx() as s:  # as schema 8 left it: no table of picture marks
            s.conn.execute("DROP TABLE document_pictures")
            s.conn.execute("PRAGMA user_version = 8")

    with Vault.open(folder, PASS) as vault:
        with vault._read() as s:
            assert db.schema_version(s.conn) == len(MIGRATIONS) >= 9
        hits: list[SearchHit] = vault.search("apixaban", None, patient_id=patient)
        assert [(h.document_id, h.from_picture, h.unread_picture_pages) for h in hits] == [
            (old, False, ())
        ]
        marks = PictureMarks(read=((0, 10),), unread_pages=(1,))
        later = ChunkRecord("Ramipril 10 mg once daily.", 1, 0, 26)
        new = vault.add_document(
            patient,
            "new.pdf",
            "pdf",
            b"new",
            [later],
            FakeEmbedder().embed([later.text]),
            "m",
            pictures=marks,
        )
        assert vault.get_document(new).pictures == marks
        (hit,) = vault.search("ramipril", None, patient_id=patient)
        assert hit.from_picture and hit.unread_picture_pages == (1,)
        vault.delete_document(new)  # its marks go with it
        with vault._read() as s:
            assert s.conn.execute("SELECT count(*) FROM document_pictures").fetchone() == (0,)


def test_a_letterheads_logo_in_the_page_header_marks_no_passage(tmp_path: Path) -> None:
    """A picture in a page header or footer (a letterhead's logo, as a rule) is named in the
    import report, not beside every passage of the letter."""
    from medlocal.ingest.extractors.docx import extract_docx

    document = Document()
    buf = io.BytesIO()
    _picture().save(buf, "PNG")
    buf.seek(0)
    document.sections[0].header.paragraphs[0].add_run().add_picture(buf, width=Inches(2))
    document.add_paragraph("Clinic letter: ramipril increased to 10 mg.")
    data = io.BytesIO()
    document.save(data)
    extracted = extract_docx(data.getvalue(), "clinic.docx")
    assert any("page header or footer" in note for note in extracted.notes), extracted.notes
    assert extracted.unread_picture_pages == ()


def test_an_icon_in_a_word_letter_is_no_picture_not_read() -> None:
    """With OCR off, a Word letter's small icon (under 120 x 24 pixels: no line of writing) was
    counted as a picture not read, and so would have marked every passage of the letter."""
    from medlocal.ingest.extractors.docx import extract_docx

    document = Document()
    buf = io.BytesIO()
    Image.new("RGB", (32, 32), "red").save(buf, "PNG")
    buf.seek(0)
    document.add_paragraph("Allergy: penicillin (rash).")
    document.add_picture(buf, width=Inches(0.3))
    data = io.BytesIO()
    document.save(data)
    extracted = extract_docx(data.getvalue(), "allergy.docx")
    assert not any("not read" in note for note in extracted.notes), extracted.notes
    assert extracted.unread_picture_pages == ()
