"""Walk 54a D3: dated dates of other languages ("Le 5 novembre 2025", "12 de noviembre de
2025") became "[DATE]" in a redacted export while every English date was shifted: they are
shifted by the same offset and written in their own language, a birth date still "[DOB]"."""

from __future__ import annotations

from datetime import date

import pytest

from medlocal.privacy.deid_foreign_dates import foreign_date, shifted_foreign_date
from medlocal.privacy.redact import PatientIdentity, Redactor

SHIFT = -30


def _redact(text: str, **kwargs: object) -> str:
    return Redactor(shift_days=SHIFT, word_scan=False, **kwargs).redact(text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le 5 novembre 2025. Patiente de 80 ans.", "Le 6 octobre 2025. Patiente de 80 ans."),
        (
            "Informe de enfermería - 12 de noviembre de 2025",
            "Informe de enfermería - 13 de octubre de 2025",
        ),
        (
            "Visto el 12 de noviembre de 2025 en consulta.",
            "Visto el 13 de octubre de 2025 en consulta.",
        ),
        ("Consultation du 1er juillet 2025.", "Consultation du 1er juin 2025."),
        ("Visite du 1er février 2025.", "Visite du 2 janvier 2025."),
        ("Vu le lundi 3 mars 2025.", "Vu le samedi 1 février 2025."),
        ("lunes 3 de marzo de 2025", "sábado 1 de febrero de 2025"),
        ("Untersuchung am 8. September 2025.", "Untersuchung am 9. August 2025."),
        ("Am 8. Oktober 2025 gesehen.", "Am 8. September 2025 gesehen."),
        ("Il 3 marzo 2025 la paziente.", "Il 1 febbraio 2025 la paziente."),
        ("il 5 novembre 2025", "il 6 ottobre 2025"),  # "il" says Italian, not French
        ("Consulta em 12 de novembro de 2025.", "Consulta em 13 de outubro de 2025."),
        ("Op 5 maart 2025 gezien.", "Op 3 februari 2025 gezien."),
        ("Le 2 janvier 2025", "Le 3 décembre 2024"),  # across the year
        ("LE 5 NOVEMBRE 2025", "LE 6 OCTOBRE 2025"),
        ("le 5 fevrier 2025", "le 6 janvier 2025"),  # written without accents, kept so
    ],
)
def test_a_dated_date_of_another_language_is_shifted_in_it(text: str, expected: str) -> None:
    assert _redact(text) == expected


def test_one_offset_for_english_and_other_languages() -> None:
    english = _redact("Seen 5 November 2025.")
    french = _redact("Vue le 5 novembre 2025.")
    assert english == "Seen 6 October 2025." and french == "Vue le 6 octobre 2025."


def test_the_year_only_mode_keeps_the_year() -> None:
    assert _redact("Le 5 novembre 2025. Vue.", date_mode="year") == "Le 2025. Vue."
    assert _redact("Informe - 12 de noviembre de 2025", date_mode="year") == "Informe - 2025"


@pytest.mark.parametrize(
    "text",
    [
        "Née le 2 avril 1983 à Lyon.",
        "Fecha de nacimiento: 2 de abril de 1983",
        "geboren am 2. April 1983",
        "nata il 2 aprile 1983",
        "DDN 2 avril 1983",
        "DOB: 2 avril 1983",
    ],
)
def test_a_birth_date_is_dob_not_shifted(text: str) -> None:
    out = _redact(text)
    assert "[DOB]" in out and "1983" not in out, out


def test_the_patients_own_birth_date_is_dob_without_a_cue() -> None:
    redactor = Redactor(PatientIdentity(dob=date(1984, 3, 14)), shift_days=SHIFT, word_scan=False)
    assert redactor.redact("Vue le 14 mars 1984.") == "Vue [DOB]."


def test_no_such_day_or_an_english_month_is_left_to_the_other_readings() -> None:
    assert foreign_date("31 avril 2025") is None
    assert foreign_date("5 November 2025") is None  # English (or Dutch): the English reading
    assert foreign_date("am 8. November 2025") == (date(2025, 11, 8), "de")
    assert shifted_foreign_date("3 de mayo", SHIFT) is None  # no year: no reading here
