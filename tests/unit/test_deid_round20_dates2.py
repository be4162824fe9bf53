"""Round 20, dates in shapes the earlier rules missed (deid_date_shapes), found by invented
probes: foreign month abbreviations with a year, a year before its month and day, a range of
days before a numeric month, a named day with its year, a day and month after a "date" label or
a charting abbreviation, a day glued to its month, spaced slashes, a week of a month and Nepali
dates. Every example is invented."""

from __future__ import annotations

import pytest

from medlocal.privacy.redact import Redactor


def _covered(text: str, part: str) -> bool:
    """Whether every letter and digit of ``part`` lies inside a date or DOB redaction."""
    start = text.index(part)
    spans = [(r.start, r.end) for r in Redactor().preview(text)]
    return all(
        any(a <= i < b for a, b in spans)
        for i in range(start, start + len(part))
        if text[i].isalnum()
    )


def _touched(text: str, part: str) -> bool:
    start = text.index(part)
    end = start + len(part)
    return any(r.start < end and r.end > start for r in Redactor().preview(text))


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # Foreign month abbreviations with a year, with or without a day.
        ("Pacemaker impiantato ott 2019 presso altro centro.", "ott 2019"),
        ("Controllo eseguito il 3 ott 2023.", "3 ott 2023"),
        ("Colecistectomía en dic. 2018, sin incidencias.", "dic. 2018"),
        ("Consulta anterior fev 2022.", "fev 2022"),
        ("Erstdiagnose 15. Okt. 2021 im Klinikum.", "15. Okt. 2021"),
        ("Letzte Kontrolle Mrz 2024.", "Mrz 2024"),
        ("Operatie 3 mrt 2020 zonder complicaties.", "3 mrt 2020"),
        ("Besök på mottagningen 9 okt 2022.", "9 okt 2022"),
        ("Zabieg wykonano 15 paź 2021.", "15 paź 2021"),
        ("Hospitalizacja lut 2023.", "lut 2023"),
        ("Kontrol terakhir 4 Agu 2022.", "4 Agu 2022"),
        ("Huling check-up Peb 2023.", "Peb 2023"),
        ("Visita de seguimiento 7 set 2021.", "7 set 2021"),
        # A year, then a month and a day.
        ("Specimen received 2025 Mar 3 at the reference laboratory.", "2025 Mar 3"),
        ("Report issued 2024, October 21st.", "2024, October 21st"),
        # A range of days before a numeric month and year.
        ("Inpatient stay 3-7/4/2025 for cellulitis.", "3-7/4/2025"),
        ("Urlaub 12–19.8.2024, danach Wiedervorstellung.", "12–19.8.2024"),
        # A named day with its year.
        ("Fell from a ladder on Thanksgiving 2023.", "Thanksgiving 2023"),
        ("Travelled home for Chinese New Year 2024.", "Chinese New Year 2024"),
        ("Fasting since Eid 2022 without hypoglycaemia.", "Eid 2022"),
        # A day and month after a date label or a charting abbreviation.
        ("Op date: 17/2 (right hemicolectomy).", "17/2"),
        ("Surgery date 6/11 confirmed with theatre.", "6/11"),
        ("D/C 9/3 with community nursing.", "9/3"),
        ("Amoxicillin d/c'd 12/4 after rash.", "12/4"),
        ("Doxycycline Rx'd 4/6 by the GP.", "4/6"),
        ("Symptom onset ~2/9, worse since.", "2/9"),
        # A day glued to its month, spaced slashes.
        ("Swab collected 04Mar, result pending.", "04Mar"),
        ("CULTURE SENT 12JAN - NO GROWTH", "12JAN"),
        ("Date: 4 / 3 / 2025", "4 / 3 / 2025"),
        # A week or half of a month.
        ("Symptoms began the first week of April.", "April"),
        ("Admitted in the second half of March 2024.", "March 2024"),
        # A French article, "status post", a chemotherapy cycle's day before a day and month.
        ("Revu en consultation le 14/3 pour le pansement.", "14/3"),
        ("Arrêt de travail du 4/3 au 9/3.", "du 4/3 au 9/3"),
        ("Wound check, s/p 3/4 laparoscopic cholecystectomy.", "3/4"),
        ("C1D1 16/5 carboplatin and paclitaxel.", "16/5"),
        # Czech spacing, Japanese era letters.
        ("Kontrola 4. 3. 2025 na ambulanci.", "4. 3. 2025"),
        ("Seinengappi H30.3.4; allergy none.", "H30.3.4"),
        # A bracketed day and month at the end of a clause after a result.
        ("Repeat malaria smear negative (7/11), afebrile.", "7/11"),
        ("Fell in the bathroom at home (14/2).", "14/2"),
        # Nepali dates.
        ("Janma miti 12 Shrawan 2038 BS.", "12 Shrawan 2038 BS"),
        ("Previous admission 2079 Baisakh 14.", "2079 Baisakh 14"),
        ("Vaccinated Magh 2080.", "Magh 2080"),
    ],
)
def test_dates_in_new_shapes_go(text: str, date: str) -> None:
    assert _covered(text, date), Redactor().preview(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # English and foreign words that share an abbreviation's spelling, with a year.
        ("Results set 2021 as the baseline year.", "set"),
        ("Infection ruled out 2022 per the registry.", "out"),
        ("Lip 2020 cohort data were reviewed.", "Lip"),
        ("History: DIC 2019 during sepsis, APR 2020 coding.", "DIC"),
        # Grades, scores, doses, durations after the new cues.
        ("Op date: pending; power 4/5 in the left arm.", "4/5"),
        ("Pain onset ~7/10 on walking.", "7/10"),
        ("Given ~1/2 tab of lorazepam.", "1/2"),
        ("D/C metformin 1/2 tab for now.", "1/2"),
        ("Date: VA 6/9 right eye.", "6/9"),
        ("Symptoms 3/12, date of onset unknown.", "3/12"),
        # Nepali month words without a date shape.
        ("Push 10 mg IV over five minutes.", "Push 10"),
        ("Kartik 12 years old, accompanied by his mother.", "12"),
        # French doses and grades, a tumour stage, counts in brackets.
        ("Le 1/2 comprimé le soir, force 4/5.", "1/2"),
        ("Staging T2.3.1 per protocol.", "T2.3.1"),
        ("Lymph node cores involved (3/8).", "3/8"),
        ("Dose reduced (7/8).", "7/8"),
        ("Improved (2/3), vision (6/9).", "2/3"),
        # Days and a month in the same sentence that are no date.
        ("Rib fractures 4-7 on the left.", "4-7"),
        ("Second half of the dose given at noon.", "Second half"),
        ("BP 120/80, GCS 15/15, support 24/7.", "120/80"),
        ("Gestation 32/40 by dates.", "32/40"),
        ("Disc bulge at L4/5 and C5/6.", "L4/5"),
    ],
)
def test_clinical_numbers_and_words_stay(text: str, kept: str) -> None:
    assert not _touched(text, kept), Redactor().preview(text)


@pytest.mark.parametrize(
    ("text", "dates"),
    [
        ("| Test | 4/3 | 11/3 |\n| Hb | 120 | 118 |\n| CRP | 45 | 12 |", ["4/3", "11/3"]),
        ("Flow sheet\nParameter\t2/6\t9/6\nWeight\t71.2\t70.4", ["2/6", "9/6"]),
    ],
)
def test_a_header_row_of_days_and_months_goes(text: str, dates: list[str]) -> None:
    for date in dates:
        assert _covered(text, date), Redactor().preview(text)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("| Titre | 1/2 | 1/4 | 1/8 |\n| Sample A | + | + | - |", "1/4"),
        ("| Ratio | 2/3 | 3/4 |\n| Group | 12 | 20 |", "2/3"),
        ("| Power | 4/5 | 3/5 |\n| Left | 4 | 3 |", "4/5"),
        # A row of values under a header row is no header.
        ("| Drug | Dose | Freq |\n| Lorazepam | 4/3 | 9/3 |", "9/3"),
    ],
)
def test_a_header_row_of_fractions_or_a_lower_row_stays(text: str, kept: str) -> None:
    assert not _touched(text, kept), Redactor().preview(text)
