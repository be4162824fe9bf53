"""Round 18: dates with their cue words and more forms (deid_date_cues, deid_date_cue_words)."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone, kept, redact

from medlocal.privacy.deid_date_cues import DATE_CUE_PATTERNS


def _found(text: str) -> list[str]:
    return [m.group() for _kind, pattern in DATE_CUE_PATTERNS for m in pattern.finditer(text)]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        # A cue word of another language is part of the date.
        ("Dolor desde la semana del 4 de mayo, peor.", "la semana del 4 de mayo"),
        ("Control en la semana del 21/5 en consulta.", "la semana del 21/5"),
        ("Przyjęta w tygodniu 11-15 V na oddział.", "w tygodniu 11-15 V"),
        ("Kraków, dnia 7 kwietnia 2025 r.", "dnia 7 kwietnia 2025 r."),
        ("Se citó el 14 de oct. para revisión.", "el 14 de oct."),
        ("Operado (ca. marzo 2019) sin incidencias.", "ca. marzo 2019"),
        ("Echo z 19.06 bez zmian.", "z 19.06"),
        # A weekday in full before a bare day; "el día" with its day.
        ("Acude el martes 17 a urgencias.", "el martes 17"),
        ("Fiebre desde el sábado 4.", "el sábado 4"),
        ("Analítica el día 22. Buen estado.", "el día 22"),
        ("Tái khám thứ Hai 6/4 tại khoa.", "thứ Hai 6/4"),
        # Two dates joined by another language's "to".
        ("Arrêt du 02/05/2025 au 09/05/2025 inclus.", "du 02/05/2025 au 09/05/2025"),
        ("Pobyt od 14.01.2025 do 20.01.2025 r.", "od 14.01.2025 do 20.01.2025"),
        ("Nghỉ từ 4/5 đến 11/5 theo giấy.", "từ 4/5 đến 11/5"),
        ("Hospitalizacja 12 IV - 19 IV 2025 bez powikłań.", "12 IV - 19 IV 2025"),
        # A Roman month, a degree sign, a half of a month.
        ("Kontrola 5.VI - poprawa.", "5.VI"),
        ("Visita el 3°/VII sin cambios.", "el 3°/VII"),
        ("Próxima cita 2°/jun/25 a las 9.", "2°/jun/25"),
        ("Tos desde la 1ª quincena de agosto.", "la 1ª quincena de agosto"),
        # A holiday's weekend, an Islamic month with its year, Gaelic and Nguni dates.
        ("Fell over Easter long weekend 2023 at home.", "Easter long weekend 2023"),
        ("Born in Shawwal 1438 at home.", "Shawwal 1438"),
        ("Visit: Di-Luain 6mh Giblean at 10.", "Di-Luain 6mh Giblean"),
        ("Ukuvakasha ngomhla we-4 kuMeyi 2025.", "ngomhla we-4 kuMeyi 2025"),
        ("Loose stools since Jun 4 pm.", "Jun 4 pm"),
    ],
)
def test_a_date_and_its_cue_are_found_together(text: str, date: str) -> None:
    assert any(date in found for found in _found(text)), _found(text)
    gone(text, date)


@pytest.mark.parametrize(
    "text",
    [
        # Doses, scores, counts, fractions, decimals and plans after the same words.
        "Tomar 1/2 a 3/4 comp cada noche.",
        "el 25% de los pacientes; el 2.5 mg; el 1/2 de la dosis",
        "lunes 1 comp, martes 2 comp, miércoles 1 comp",
        "el día 3 post trasplante y el día 5 de ingreso",
        "Hb spadło z 10.5 do 9.8 g/dl",
        "Cranial nerve 2.V intact; grade 3.X",
        "Monday 2 tablets then stop",
    ],
)
def test_clinical_numbers_after_the_cues_stay(text: str) -> None:
    assert _found(text) == []


def test_a_cued_day_is_shifted_with_its_cue_kept() -> None:
    # "semana del 16/3" and "el 9/3" keep their words before a shifted day (timelines survive).
    out = redact("Ingreso 02/03/2025. Revisión la semana del 16/3 y analítica el 20/3.")
    assert "la semana del 25/4" in out
    assert "el 29/4" in out


def test_a_part_of_the_day_is_kept_after_its_shifted_day() -> None:
    assert redact("Seen 02/03/2025. Diarrhoea since Mar 12 pm.") == (
        "Seen 11/04/2025. Diarrhoea since Apr 21 pm."
    )


def test_a_named_day_in_lower_case() -> None:
    gone("Ingreso 12/10/2025 (día del Carmen) por disnea.", "Carmen")
    kept("Dolor el día de la intervención.", "el día de la intervención")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A period found as one span keeps its words, and each of its dates is shifted.
        ("Arrêt du 22/05/2025 au 29/05/2025 inclus.", "Arrêt du 01/07/2025 au 08/07/2025 inclus."),
        ("Leave 14.01.2025 to 20.01.2025 only.", "Leave 23.02.2025 to 01.03.2025 only."),
        ("Off work 3 March 2025 - 10 March 2025.", "Off work 12 April 2025 - 19 April 2025."),
    ],
)
def test_a_period_is_shifted_date_by_date(text: str, expected: str) -> None:
    assert redact(text) == expected


def test_a_period_that_cannot_be_read_stays_one_label() -> None:
    assert "[DATE]" in redact("Hospitalizacja 12 IV - 19 IV 2025 bez powikłań.")
