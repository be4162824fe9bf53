"""The judge of a PDF text layer (walk 53b, H3): a poor OCR's words with digits for letters make
a page damaged; a good page's codes, values, identifiers and times do not."""

from __future__ import annotations

from medlocal.ingest.extractors.pdf_text_damage import judge_text_layer

GARBAGE = """Kestr3l Va1e NH5 Tru5t  Rena1 C1inic
Pat1ent: Harr1et 0konkwo-8ell
Pota55ium  S.9 mmo1/L (3.S-S.3)
5odium 13l mmo1/L
P1an: 5top 5pirono1actone 2S mg; recheck pota55ium in 4B hour5."""

GOOD = """HbA1c 58 mmol/mol (T2DM), SpO2 98%, FEV1 2.1 L, B12 320 ng/L, CA125 35, BRCA1 negative
MRN KTW-530771 NHS 485 777 3456, eGFR 38 mL/min/1.73m2, CYP2D6 poor metaboliser, G6PD normal
10am 500mg 1000units 25mg 2x daily, L5-S1 disc, CD4 count 350, PO4 1.2, Ward 4B room 7B
Vitamin D3 1000IU; Q4H; 12Jan2024; 3rd dose; 21st Nov; H2O2; PaCO2 4.5 kPa; Hb 120g/L
Plt 250x10^9/L; 80kg 175cm; BP 120/80mmHg; COVID19 PCR negative; Covid-19 vaccine x3"""


def test_a_poor_ocr_layer_is_damaged() -> None:
    judged = judge_text_layer(GARBAGE)
    assert judged.damaged
    assert "Pota55ium" in judged.examples or "Rena1" in judged.examples


def test_a_good_page_of_codes_and_numbers_is_not() -> None:
    assert not judge_text_layer(GOOD).damaged
    assert judge_text_layer(GOOD).examples == ()


def test_one_slip_on_a_long_page_is_not_damage() -> None:
    page = ("Potassium 5.9 mmol/L, sodium 131 mmol/L, plan reviewed with the patient. " * 20) + (
        "One hospita1 word."
    )
    assert not judge_text_layer(page).damaged
