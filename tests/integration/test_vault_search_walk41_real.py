"""Walk 41 (item 5) with the real vault, search and all-MiniLM embedder: "What was her potassium
overnight on 8 November?" is answered by a nursing note that writes the value "K+ 5.9" and the
day "08/11/26" (its file name dates it 2026-11-08). The question shares no word with it, and the
eight passages given to the model were the lab report's and the GP export's (potassium named in
full, other days). Search now reads "potassium" in "K+" and the day in the note's date."""

from __future__ import annotations

from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from medlocal.engine.api import Embedder
from medlocal.ingest.pipeline import import_paths
from medlocal.models.embedders import packaged_model_zip
from medlocal.vault.store import Vault

pytestmark = pytest.mark.skipif(
    packaged_model_zip() is None, reason="the packaged all-MiniLM embedder is not available"
)

QUESTION = "What was her potassium overnight on 8 November?"
NOTE = "nursing_note_night_2026-11-08.txt"

# The walk's note, word for word.
NOTE_TEXT = """Ward 14 (Renal) - Nursing entry 08/11/26 02:40
Pt c/o SOB & palpitations o/n. Obs: T 37.1, HR 112 irreg, BP 98/55, RR 24, SpO2 91% RA -> 95% on 2L NC.
NEWS2 = 6, escalated to SHO (Dr R. Bhattacharya) @ 02:50. ECG done - AF w/ RVR, no peaked T waves.
K+ 5.9 on VBG. Fluid bal -420 ml last 12h. PU 30ml/hr. IVI NaCl 0.9% 1L over 8h running via L) ACF cannula (VIP 0).
Pt alert, GCS 15, mobilises w/ ZF, high falls risk. Waterlow 16. Skin intact, heels offloaded.
NBM from 00:00 for ?renal US in am. Pt anxious, reassured. Daughter (Carmen) updated by phone w/ pt consent.
Plan: repeat obs 1hrly, strict FBC, recheck K+ 06:00. SN A. Kowalczyk
"""  # noqa: E501

CSV_TEXT = """Sample date,Analyte,Value,Unit,Lower,Upper
21/11/2026,Creatinine,154,umol/L,45,84
21/11/2026,eGFR,29,mL/min/1.73m2,60,
21/11/2026,Haemoglobin,111,g/L,115,165
05/12/2026,Creatinine,147,umol/L,45,84
05/12/2026,eGFR,31,mL/min/1.73m2,60,
05/12/2026,Haemoglobin,112,g/L,115,165
05/12/2026,Potassium,5.0,mmol/L,3.5,5.3
05/12/2026,HbA1c,51,mmol/mol,20,41
05/12/2026,Magnesium,0.68,mmol/L,0.7,1.0
"""

LAB_DAYS = ["02/06/2026", "18/07/2026", "29/08/2026", "03/10/2026", "14/11/2026"]


def write_lab_pdf(path: Path) -> None:
    """The walk's cumulative biochemistry report: potassium named in full on every day, over
    two pages, with the printed date in the footer."""
    pdf = canvas.Canvas(str(path), pagesize=A4)
    rows = [("Date", "Test", "Result", "Units", "Reference")]
    values = {"Sodium": [139, 138, 137, 136, 134], "Potassium": [4.6, 4.9, 5.1, 5.4, 5.7]}
    values |= {"Urea": [8.1, 9.0, 10.2, 11.6, 13.4], "Creatinine": [112, 121, 134, 149, 168]}
    values |= {"eGFR (CKD-EPI)": [42, 38, 34, 30, 26], "Haemoglobin": [124, 121, 117, 113, 109]}
    units = {"Sodium": "mmol/L", "Potassium": "mmol/L", "Urea": "mmol/L", "Creatinine": "umol/L"}
    for i, day in enumerate(LAB_DAYS):
        rows += [(day, test, str(v[i]), units.get(test, ""), "") for test, v in values.items()]
    y = 780.0
    pdf.setFont("Helvetica-Bold", 11)
    pdf.drawString(40, y, "Cumulative renal and haematology results")
    y -= 24
    pdf.setFont("Helvetica", 9)
    for row in rows:
        if y < 60:
            pdf.drawString(40, 30, "Printed 15/11/2026 08:12")
            pdf.showPage()
            pdf.setFont("Helvetica", 9)
            y = 800.0
        for x, cell in zip((40, 120, 240, 300, 380), row, strict=True):
            pdf.drawString(x, y, cell)
        y -= 14
    pdf.drawString(40, y - 10, "Comment (14/11/2026): potassium above range; review ramipril.")
    pdf.drawString(40, 30, "Printed 15/11/2026 08:12")
    pdf.save()


def test_the_overnight_potassium_note_ranks_in_the_top_three(
    vault: Vault, tmp_path: Path, minilm: Embedder
) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / NOTE).write_text(NOTE_TEXT, encoding="utf-8")
    (folder / "gp_bloods_export.csv").write_text(CSV_TEXT, encoding="utf-8")
    write_lab_pdf(folder / "biochem_cumulative_report.pdf")
    patient = vault.add_patient("Rosalind Ortega-Whitfield", mrn="SAH-7730415")
    report = import_paths(vault, sorted(folder.iterdir()), patient, minilm)
    assert [f.status for f in report.files] == ["imported"] * 3, report.failed

    def ranked(question: str) -> list[str]:
        vector = minilm.embed([question])[0]
        hits = vault.search(
            question, vector, patient_id=patient, k=8, embed_model_id=minilm.model_id
        )
        return [h.file_name for h in hits]

    assert NOTE in ranked(QUESTION)[:3], ranked(QUESTION)
    # The day written as the record writes it, and the symbol asked for by itself.
    assert NOTE in ranked("What was the potassium on 08/11?")[:3]
    assert NOTE in ranked("What was her K+ on 8th Nov?")[:3]
    # A question about another day keeps the lab passages first: the symbol alone does not
    # pull the note up (the note is one passage among the eight either way).
    latest = ranked("What was her potassium on 14 November 2026?")
    assert latest[0] == "biochem_cumulative_report.pdf", latest
