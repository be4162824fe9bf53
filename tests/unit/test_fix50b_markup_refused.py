"""fix50b (review 50a R7): a file named on purpose is read by its content only where its extension
is unknown and its bytes are a supported binary format or prose. SVG, PostScript, web archives,
XML (a CDA record) and HL7 messages are refused by their extension with what to do, and markup or
data under an unknown extension is refused too (real SQLCipher vault, fast fake embedder)."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.vault_file import new_workspace

from medlocal.app import Workspace
from medlocal.ingest.sniff import markup_kind

CDA = (
    b'<?xml version="1.0"?>\n<ClinicalDocument xmlns="urn:hl7-org:v3"><title>Discharge</title>'
    b"<text>Potassium 5.9 mmol/L</text></ClinicalDocument>\n"
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><path d="M10 10 L90 90 Z"/></svg>\n'
PS = b"%!PS-Adobe-3.0\n/Times-Roman findfont 12 scalefont setfont\n(Potassium 5.9) show\n"
MHT = b"MIME-Version: 1.0\nContent-Type: multipart/related; boundary=b\n\n--b\n\nPGh0bWw+\n--b--\n"
HL7 = b"MSH|^~\\&|LAB|HOSP|||202603121010||ORU^R01|1|P|2.3\rOBX|1|NM|K^Potassium||5.9|mmol/L\r"
PROSE = b"Potassium 5.9 mmol/L (high)\nSodium 138 mmol/L\n"


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    ws = new_workspace(tmp_path, chat=None)
    yield ws  # type: ignore[misc]
    ws.close()


def test_markup_and_data_files_are_refused_with_what_to_do(
    workspace: Workspace, tmp_path: Path
) -> None:
    vault = workspace.require_vault()
    patient = vault.add_patient("Arthur Quornwaithe")
    named = {
        "cda.xml": CDA,
        "figure.svg": SVG,
        "print.ps": PS,
        "page.mht": MHT,
        "page.mhtml": MHT,
        "lab.hl7": HL7,
        "cda.v3": CDA,  # an unknown extension: read by content, and the content is markup
        "lab.msg": HL7,
        "print.prn": PS,
        "notes.log": PROSE,  # prose under an unknown extension is still read
    }
    files = []
    for name, data in named.items():
        (tmp_path / name).write_bytes(data)
        files.append(tmp_path / name)
    report = workspace.import_documents(files, patient)
    outcomes = {o.file_name: o for o in report.files}
    assert {name: o.status for name, o in outcomes.items()} == {
        **{name: "failed" for name in named if name != "notes.log"},
        "notes.log": "imported",
    }
    reasons = {name: o.reason or "" for name, o in outcomes.items()}
    assert "save or export it as JPEG or PNG" in reasons["figure.svg"]
    assert "print or save it to PDF" in reasons["print.ps"]
    assert "web browser, print it to PDF" in reasons["page.mht"]
    assert "ask the sender for a PDF" in reasons["cda.xml"]
    assert "HL7 message" in reasons["lab.hl7"]
    assert "its text is XML data, not a document" in reasons["cda.v3"]
    assert "its text is an HL7 message" in reasons["lab.msg"]
    assert "its text is PostScript" in reasons["print.prn"]
    assert len(vault.list_documents(patient)) == 1  # only the prose


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\xef\xbb\xbf  <?xml version='1.0'?><a/>", "XML data"),
        ("<html><body>x</body></html>".encode("utf-16"), "a web page (HTML)"),
        (b"\n\n<!DOCTYPE html>", "a web page (HTML)"),
        (b'{"resourceType": "Bundle"}', "JSON data"),
        (b"mime-version: 1.0\n", "a saved e-mail or web archive"),
        (b"Clinic letter: <5 mmol/L is normal", None),
        (b"Potassium 5.9", None),
    ],
)
def test_markup_kind(data: bytes, kind: str | None) -> None:
    assert markup_kind(data) == kind
