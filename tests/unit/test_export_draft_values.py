"""Walk 48b D2: `outputs export 2 --out letter.pdf --redact --date-mode year` of a saved answer
turned the model's draft "CBC 20-41" into "CBC [DATE]-41", "Fibrin 1.7-2.5" into "1.7-[ID]",
"NMC 2.5-3.5" into "NMC [ID]" and "dapagliflozin 10 mg" into "[DATE] mg". The draft is kept in
its flag's quote, and a flag's quote loses every word of every removed span wherever it stands
(privacy/deid_echoes.py): the "20" of a removed "20/12/2025", the "10" of "14/10/2025", the
"2.5" of "NMC 2.5-3.5" read as a licence number. A number written as a measurement (a range's
end, a value before its unit) is no echo of a day or a month, and a range of two decimal
results is no registration number."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from medlocal.privacy.deid_echoes import RemovedWords
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.redact import PatientIdentity, Redactor
from medlocal.rag.export import document_from_output, export_document
from medlocal.rag.flags import UNSUPPORTED_DRAFT, Flag

# The walk's saved answer (output 2), as its draft and its references stood.
DRAFT = (
    "Cardiology clinic note 20/12/2025 [3]\n\n"
    "Margaret Hartley HRT-440912 [1]\n\n"
    "Add dapagliflozin 10 mg once daily to her medication regimen [3].\n\n"
    "Hematocrit  138-165 [4]\n"
    "CBC   20-41 [4]\n"
    "Dysrhythmias  2.5-4.5\n"
    "NMC    2.5-3.5\n"
    "Fibrin      1.7-2.5\n"
)
BODY = "No supported answer: the model's answer broke down."
SOURCES = [
    {"number": 1, "document_id": 1, "chunk_id": 1, "file_name": "gp_letter_2025-10-14.txt",
     "page": None, "start": 0, "end": 90,
     "snippet": "Riverside Medical Practice 14/10/2025 Dear Dr Okafor, Re: Margaret Ellen "
                "Hartley, DOB 14 Mar 1948, MRN HRT-440912"},
    {"number": 3, "document_id": 4, "chunk_id": 4, "file_name": "cardiology_scan.png",
     "page": 1, "start": 0, "end": 90,
     "snippet": "Cardiology clinic note 20/12/2025 Margaret Hartley HRT-440912 Echo: LVEF 45%"},
]  # fmt: skip
IDENTITY = PatientIdentity(name="Margaret Ellen Hartley", mrn="HRT-440912", dob=date(1948, 3, 14))
KEPT = ("CBC 20-41", "Fibrin 1.7-2.5", "NMC 2.5-3.5", "dapagliflozin 10 mg", "Dysrhythmias 2.5-4.5")


def _doc():  # type: ignore[no-untyped-def]
    flag = Flag(-1, UNSUPPORTED_DRAFT, "", "the model's answer broke down", quote=DRAFT)
    return document_from_output(
        "What dose of apixaban is she taking?", "answer", BODY, {"sources": SOURCES},
        [flag.as_dict()],
    )  # fmt: skip


def test_a_redacted_drafts_values_survive_and_its_identifiers_go(tmp_path: Path) -> None:
    path = tmp_path / "letter.md"
    export_document(_doc(), path, redactor=Redactor(IDENTITY, date_mode="year", shift_days=0))
    text = " ".join(path.read_text(encoding="utf-8").split())
    for value in KEPT:
        assert value in text, (value, text)
    assert "[DATE]-41" not in text and "[ID]" not in text.split("Hartley")[0]
    for identifier in ("Margaret", "Hartley", "440912", "20/12/2025", "14/10/2025"):
        assert identifier not in text, identifier


def test_a_measured_number_is_no_echo_but_a_bare_one_still_is() -> None:
    removed = RemovedWords.collect(
        [Redaction("date", 0, 10, "20/12/2025", "[DATE]"),
         Redaction("date", 0, 10, "14/10/2025", "[DATE]"),
         Redaction("age_over_89", 0, 2, "94", "90+")]
    )  # fmt: skip
    for kept in ("CBC 20-41", "dapagliflozin 10 mg", "LVEF 20%", "1.7-20"):
        assert removed.spans(kept) == [], kept
    # A day still goes where it stands as a day, or alone, and an age with its years.
    for gone, word in (("seen 20-12-2025", "20"), ("number '10' does not", "10"),
                       ("on 20/12", "20"), ("aged 94 years", "94"), ("94-96", "94")):  # fmt: skip
        assert word in [r.original for r in removed.spans(gone)], gone


def test_a_range_of_decimal_results_is_no_registration_number() -> None:
    redactor = Redactor(shift_days=0)
    assert redactor.preview("NMC    2.5-3.5") == []
    assert [r.original for r in redactor.preview("NMC 12A3456E")] == ["12A3456E"]
