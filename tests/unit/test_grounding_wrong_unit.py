"""Walk 39, defect 1 (first half): a number the cited passage gives, written with another unit
than the passage gives it ("5.4 mmol/mol" for the CSV row's "5.4 mmol/L"), is flagged with the
passage's unit; the same unit spelt another way is not."""

from __future__ import annotations

import pytest

from medlocal.rag.grounding import ground

# A lab system's CSV export as the importer keeps it (medlocal/ingest/extractors/plaintext.py:
# the file's text, row by row as written).
LABS_CSV = (
    "Date,Test,Result,Units,Reference range,Flag\n"
    "30/11/2026,HbA1c,58,mmol/mol,20-41,H\n"
    "30/11/2026,Potassium,5.4,mmol/L,3.5-5.3,HIGH\n"
    "30/11/2026,Sodium,139,mmol/L,135-145,\n"
    "30/11/2026,Haemoglobin,118,g/L,115-165,\n"
    "30/11/2026,Glucose (fasting),6.1,mmol/L,3.0-6.0,H\n"
)
REPORT = (
    "Biochemistry 30/11/2026: Potassium 5.4 mmol/L (3.5-5.3) H. Vitamin B12 180 ng/L.\n"
    "Medications: levothyroxine 75 micrograms once daily; bisoprolol 2.5 mg once daily."
)
LETTER = (
    "She was started on an insulin infusion at 6 units/h and noradrenaline at 0.1 mcg/kg/min."
    " Her haemoglobin was 11.8 g/dL."
)


def unit_flags(answer: str, passage: str) -> list[str]:
    return [f.message for f in ground(answer, {1: passage}).flags if f.kind == "unverified_number"]


@pytest.mark.parametrize(
    ("answer", "passage", "message"),
    [
        (
            "The patient's potassium was 5.4 mmol/mol, which is a normal range for her age"
            " and sex [1].",
            LABS_CSV,
            "'5.4 mmol/mol': the cited passage gives 5.4 in mmol/L (potassium",
        ),
        (
            "Her HbA1c was 58 mmol/L [1].",
            LABS_CSV,
            "'58 mmol/L': the cited passage gives 58 in mmol/mol (hba1c",
        ),
        (
            "Her fasting glucose was 6.1 mg/dL [1].",
            LABS_CSV,
            "'6.1 mg/dL': the cited passage gives 6.1 in mmol/L",
        ),
        (
            "Her haemoglobin was 118 g/dL [1].",
            LABS_CSV,
            "'118 g/dL': the cited passage gives 118 in g/L",
        ),
        (
            "Her haemoglobin was 11.8 g/L [1].",
            LETTER,
            "'11.8 g/L': the cited passage gives 11.8 in g/dL",
        ),
        (
            "She takes levothyroxine 75 mg once daily [1].",
            REPORT,
            "'75 mg': the cited passage gives 75 in micrograms",
        ),
        (
            "Her potassium was 5.4 mmol/mol [1].",
            REPORT,
            "'5.4 mmol/mol': the cited passage gives 5.4 in mmol/L (potassium",
        ),
        (
            "Noradrenaline was running at 0.1 mcg/kg/h [1].",
            LETTER,
            "'0.1 mcg/kg/h': the cited passage gives 0.1 in mcg/kg/min",
        ),
    ],
)
def test_a_number_written_with_another_unit_is_flagged_with_the_passage_s(
    answer: str, passage: str, message: str
) -> None:
    flags = unit_flags(answer, passage)
    assert any(m.startswith(message) for m in flags), flags


@pytest.mark.parametrize(
    ("answer", "passage"),
    [
        ("Her potassium was 5.4 mmol/L [1].", LABS_CSV),
        ("Her potassium was 5.4 mmol/l [1].", LABS_CSV),
        ("Her potassium was 5.4 mmol per litre [1].", LABS_CSV),
        ("Her potassium was 5.4 mM [1].", REPORT),
        ("Her HbA1c was 58 mmol/mol [1].", LABS_CSV),
        ("Her HbA1c was 58 mmol per mol [1].", LABS_CSV),
        ("Her haemoglobin was 118 g/L [1].", LABS_CSV),
        ("Her haemoglobin was 118 grams per litre [1].", LABS_CSV),
        ("She takes levothyroxine 75 mcg once daily [1].", REPORT),
        ("She takes levothyroxine 75 µg once daily [1].", REPORT),
        ("She takes levothyroxine 75 micrograms once daily [1].", REPORT),
        ("Her haemoglobin was 11.8 g/dL [1].", LETTER),
        ("The insulin infusion ran at 6 units an hour [1].", LETTER),
        ("The insulin infusion ran at 6 units per hour [1].", LETTER),
    ],
)
def test_the_same_unit_spelt_otherwise_is_not_flagged(answer: str, passage: str) -> None:
    assert unit_flags(answer, passage) == []
