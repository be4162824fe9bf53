"""review61b: precision and scale mends of deid61b's rules (deid_world_age_forms,
deid_world_file_numbers, deid_world_vehicle_words, deid_code_columns, deid_code_repeats).

Each kept probe is a clinical value, duration, dose, range or score that the merged rules
replaced by "90+" or "[ID]"; each must-remove probe is an identifier of the same shape that the
mended rules still remove."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept

_KEPT = [
    # A value over 89, then a duration: no list of ages.
    ("HR 110, 2 years post CABG.\n", ("110",)),
    ("SpO2 91, 3 yrs on home oxygen.\n", ("91",)),
    ("Glucose 105, 10 years of diabetes.\n", ("105",)),
    ("HR 92 at 2 years follow-up.\n", ("92",)),
    ("Bloeddruk 140/90, pols 96, 2 jaar klachten.\n", ("96",)),
    # The Czech and Polish "j." of insulin's and heparin's units.
    ("Insulina ludzka 100 j./ml, 3 razy dziennie.\n", ("100",)),
    ("Heparin 100 j./kg i.v., potom 18 j./kg/h.\n", ("100",)),
    ("Actrapid 10 j. s.c., Lantus 96 j. večer.\n", ("96",)),
    # Ninety's and a hundred's words before days, sessions, tablets, yards.
    ("Behandling i nittifem dager.\n", ("nittifem",)),
    ("Kurs devedeset tableta.\n", ("devedeset",)),
    ("El tratamiento cumple cien días mañana.\n", ("cien",)),
    ("Ha compiuto cento giorni di terapia.\n", ("cento",)),
    ("Leczenie ukończyło sto dni.\n", ("sto",)),
    ("He turned a hundred yards from home.\n", ("hundred",)),
    # Reference ranges, serial measures, drugs, counts under headers that are no code's.
    ("| Test | Result | Ref |\n| Hb | 135 | 120-160 |\n| Plt | 250 | 150-400 |\n", ("120-160",)),
    ("| Test | Result | Ref. |\n| Ferritin | 1450 | 30-400 |\n", ("30-400",)),
    ("Test        Result    Reference\nCK          1200      40-320\n", ("40-320",)),
    ("| Time | Serial trop |\n| 0h | 1450 |\n| 3h | 2100 |\n", ("1450", "2100")),
    ("| Rx | Sig |\n| Metformin 500 mg | bd |\n", ("Metformin", "500")),
    ("| Order | Status |\n| Amoxicillin 500 mg | given |\n", ("Amoxicillin", "500")),
    ("| Prescription | Qty |\n| Paracetamol 1000 mg | 100 |\n", ("Paracetamol", "1000")),
    ("| Test | Number |\n| WBC | 4500 |\n", ("4500",)),
    ("| Sample | Lactate | pH |\n| 0800 | 4.1 | 7.21 |\n", ("0800",)),
    ("| Drug | Ref |\n| Insulin glargine | 100 U/mL |\n", ("100",)),
    ("| Visit | Weight |\n| Week 104 | 72 kg |\n", ("104",)),
    # A value, a unit and a ratio: no court's file signature.
    ("Temp 38 C 10/20 min\n", ("38", "10/20")),
    ("Status: 2 T 14/20 sedated\n", ("14/20",)),
    # A pack's count and a ward's room after the "№" alone; a count per microlitre.
    ("Tab. Metformini 500 mg № 120 (2 р/д)\n", ("120",)),
    ("Палата № 412, койка 3.\n", ("412",)),
    ("Leukozyten Zahl 1200 /µl\n", ("1200",)),
    # No state's nationality mark: no aircraft.
    ("HEMS crew: pupils PE-RRL, FAST neg.\n", ("PE-RRL",)),
    # A measure that shares a found code's digits.
    ("Lot no. 50000 recorded.\nHeparin 50000 units given.\n", ("50000",)),
]


@pytest.mark.parametrize(("text", "words"), _KEPT)
def test_clinical_values_in_the_new_rules_slots_stay(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


_GONE = [
    ("Hermanas de 98, 95 y 92 años.\n", ("98", "95", "92")),
    ("Dhr. Peeters, 96 j., woont alleen.\n", ("96",)),
    ("Mevr. Claes (94 j.) valt vaak.\n", ("94",)),
    ("Hij werd honderd in maart.\n", ("honderd",)),
    ("La abuela cumple cien años.\n", ("cien",)),
    ("Ima devedeset i dvije godine.\n", ("devedeset",)),
    ("| Ref | Plate |\n| 447190 | KT 4419 |\n", ("447190", "4419")),
    ("| Sample no. | Result |\n| SX-44192 | pos |\n", ("SX-44192",)),
    ("| Member ID | Plan |\n| 88419203 | Gold |\n", ("88419203",)),
    ("| Claim | Status |\n| 77315-2 | paid |\n", ("77315-2",)),
    ("Az. 3 C 552/2026 beim Amtsgericht.\n", ("552/2026",)),
    ("sygn. akt II K 318/25.\n", ("318/25",)),
    ("Akte 1 Js 5512/26 der Staatsanwaltschaft.\n", ("5512/26",)),
    ("Анализ № 55192 от 12.03.2024.\n", ("55192",)),
    ("Вх. № 412 от 03.12.2026.\n", ("412",)),
    ("RTH Christoph 9 (D-HKTR) landete.\n", ("D-HKTR",)),
    ("HEMS G-KSSH landed at 14:02.\n", ("G-KSSH",)),
    ("Claim no. 55219-4 opened.\nPaid in full: 55219-4.\n", ("55219-4",)),
]


@pytest.mark.parametrize(("text", "words"), _GONE)
def test_identifiers_in_the_same_shapes_still_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


def test_a_value_a_letter_and_a_ratio_is_no_file_signature() -> None:
    # The whole redactor reads "10/10" and "12/21" as dates by an older rule; this module must
    # not take them with the number before them as a court's file.
    from medlocal.privacy.deid_world_file_numbers import world_file_number_candidates

    for text in ("Pain 7 S 10/10 overnight", "Cycle 2 C 12/21 given.", "Visus 1 K 6/12 bds"):
        assert not list(world_file_number_candidates(text)), text
    for text, code in (("Az. 3 C 552/2026", "3 C 552/2026"), ("akt II K 318/25", "II K 318/25")):
        assert [r.original for r in world_file_number_candidates(text)] == [code]


def test_repeated_codes_are_sought_in_one_pass() -> None:
    # A text.find() for each found code was quadratic in a register of thousands of codes.
    from fixtures.timing import assert_linear

    from medlocal.privacy.deid_code_repeats import repeated_code_spans
    from medlocal.privacy.deid_spans import Redaction

    def run(n: int) -> None:
        lines = [f"Claim no. {100000 + i}-X.\n" for i in range(n)]
        text = "".join(lines)
        found, at = [], 0
        for i, line in enumerate(lines):
            code = f"{100000 + i}-X"
            start = at + line.index(code)
            found.append(Redaction("id_number", start, start + len(code), code, "[ID]"))
            at += len(line)
        assert list(repeated_code_spans(text + f"Again {100000 + n - 1}-X.\n", found))

    assert_linear(run, 2_000)
