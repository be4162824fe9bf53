"""Walk 47b's de-identification defects of letters from abroad (docs/deid_rounds.md, session 47:
letters from abroad, deidw47): D5 (common words of other languages removed as possible names)
and D8 (a wrapped phone number's last group, a postcode read as an age, a hospital named by its
country, a street's house number)."""

from __future__ import annotations

import pytest

from medlocal.privacy.deid_letter_words import common_noun_ending
from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.redact import Redactor


def _redact(text: str) -> str:
    return Redactor(shift_days=230).redact(text)


# The walk's German lab report (a two-column PDF read column by column).
_GERMAN_LAB = """Charité – Universitätsmedizin Berlin,
Zentrallabor
Charitéplatz 1, 10117 Berlin, Tel. +49 30 450
50
Patientin: Zoë Müller-Łukasiewicz, geb.
22.07.1961
Wohnort: Kastanienallee 17, 10435 Berlin
Einsender: Dr. med. Friedrich Schönberger,
Nephrologie
Klinische Angaben: arterielle Hypertonie,
Verdacht auf chronische Nierenerkrankung
Stadium 3a. Die Patientin nimmt Ramipril 2,5
mg einmal täglich und Amlodipin 5 mg.
Ergebnisse (Blut, nüchtern):
Kreatinin 1,2 mg/dl (Referenz 0,5–0,9)
Beurteilung: Kreatinin leicht erhöht, Kalium im
Normbereich. Kontrolle in drei Monaten (am
03.07.2025) empfohlen.
Befund freigegeben: 04.04.2025, Dr. rer. nat.
Ingrid Wałęsa"""

_SPANISH_DISCHARGE = """INFORME DE ALTA
Paciente: José Ángel García Núñez
Fecha de nacimiento: 10/02/1955
Domicilio: Calle de Alcalá 123, 3º B, 28009 Madrid
Teléfono: +34 612 345 678
Fecha de ingreso: 08.02.2025
Fecha de alta: 14.02.2025
Motivo de ingreso: insuficiencia cardíaca descompensada.
Evolución: buena respuesta a furosemida intravenosa. Fracción de eyección del 35 %.
Tratamiento al alta: furosemida 40 mg.
Firmado: Dr. Álvaro Martínez Ibáñez"""

_ICELANDIC_LETTER = (
    "Landspítali – University Hospital of Iceland, Hringbraut, 101 Reykjavík. Sími +354 543 1000"
    """
Clinic letter, 12.03.2025
Patient: Ólafur Þórsson, kennitala 300949-2189, Laugavegur 58, 101 Reykjavík, +354 861 2345
Mr Þórsson attended the anticoagulation clinic. INR today 2,8 (target 2,0–3,0)."""
)

_DUTCH_LETTER = """Ontslagbrief
Patiënte: mevrouw Anneke de Vries, geboortedatum 14-03-1958
Conclusie: Decompensatio cordis bij bekende Hypertensie.
Uitslagen: Bloed, nuchter: kreatinine 98 umol/l.
Beleid: Controle over drie Maanden bij de Huisarts.
Met vriendelijke groet, dr. Pieter Jansen, internist"""

_PORTUGUESE_LETTER = """Relatório de alta
Utente: Maria João Ferreira, nascimento 12/05/1949
Internamento por Pneumonia adquirida na comunidade. Exames: Radiografia do tórax com Consolidação.
Resultados: Hemoglobina 11,2 g/dl. Recomendações: Reavaliação em duas Semanas.
Assinado: Dr. Rui Carvalho"""

_ITALIAN_LETTER = """Lettera di dimissione
Paziente: Giuseppe Russo, nato il 03/07/1950
Ricovero per Insufficienza respiratoria. Esami: Emogasanalisi con Ipossiemia.
Controllo fra tre Settimane. Firma: Dott.ssa Chiara Bianchi"""

_POLISH_LETTER = """Karta informacyjna leczenia szpitalnego
Pacjentka: Agnieszka Kowalska, data urodzenia 21.09.1962
Rozpoznanie: Nadciśnienie tętnicze. Wyniki: Kreatynina 1,1 mg/dl.
Zalecenia: Kontrola za trzy Miesiące. Lekarz: dr Tomasz Nowak"""

_GERMAN_LETTER = """Arztbrief
Sehr geehrte Frau Kollegin Hartmann,
wir berichten über Ihre Patientin Frau Sabine Fischer, geb. 04.05.1960.
Diagnosen: Arterielle Hypertonie, Herzinsuffizienz.
Befund: Echokardiographie mit eingeschränkter Pumpfunktion. Laborwerte im Normbereich.
Empfehlung: Kontrolle der Nierenwerte in vier Wochen.
Dr. Jürgen Hartung"""


# D5: the common and clinical words of each letter stay.
@pytest.mark.parametrize(
    ("letter", "kept"),
    [
        (
            _GERMAN_LAB,
            [
                "Einsender:", "Klinische Angaben: arterielle Hypertonie,", "Die Patientin nimmt",
                "Ergebnisse (Blut, nüchtern):", "Normbereich. Kontrolle in drei Monaten",
            ],
        ),
        (
            _SPANISH_DISCHARGE,
            [
                "INFORME DE ALTA", "Fecha de alta:", "Motivo de ingreso:", "Teléfono:",
                "Fracción de eyección", "Tratamiento al alta:", "Firmado: Dr.",
            ],
        ),
        (
            _DUTCH_LETTER,
            [
                "Ontslagbrief", "Patiënte: mevrouw", "bekende Hypertensie.\nUitslagen: Bloed",
                "Controle over drie Maanden bij",
            ],
        ),
        (
            _PORTUGUESE_LETTER,
            [
                "com Consolidação.", "Recomendações: Reavaliação em duas Semanas.", "Assinado:",
            ],
        ),
        (
            _ITALIAN_LETTER,
            ["Lettera di dimissione", "Esami: Emogasanalisi", "tre Settimane. Firma:"],
        ),
        (
            _POLISH_LETTER,
            ["Pacjentka:", "Wyniki: Kreatynina", "Kontrola za trzy Miesiące."],
        ),
        (
            _GERMAN_LETTER,
            [
                "Arterielle Hypertonie", "eingeschränkter Pumpfunktion", "im Normbereich.",
                "der Nierenwerte in vier Wochen.",
            ],
        ),
    ],
    ids=["de-lab", "es", "nl", "pt", "it", "pl", "de-letter"],
)  # fmt: skip
def test_the_common_words_of_a_letter_from_abroad_stay(letter: str, kept: list[str]) -> None:
    redacted = _redact(letter)
    for words in kept:
        assert words in redacted, (words, redacted)


# What must go still goes: every person, the listed names that end as common nouns do
# ("Concepción", "Sarmiento", "Valiente", "Fischer", "Hartung", "Purificación").
@pytest.mark.parametrize(
    ("letter", "names"),
    [
        (_GERMAN_LAB, ["Zoë", "Łukasiewicz", "Schönberger", "Wałęsa", "Kastanienallee"]),
        (_SPANISH_DISCHARGE, ["José", "García", "Núñez", "Alcalá", "Álvaro", "Ibáñez"]),
        (_DUTCH_LETTER, ["Anneke", "Vries", "Pieter", "Jansen"]),
        (_PORTUGUESE_LETTER, ["Maria", "Ferreira", "Carvalho"]),
        (_ITALIAN_LETTER, ["Giuseppe", "Russo", "Chiara", "Bianchi"]),
        (_POLISH_LETTER, ["Agnieszka", "Kowalska", "Tomasz", "Nowak"]),
        (_GERMAN_LETTER, ["Hartmann", "Sabine", "Fischer", "Jürgen", "Hartung"]),
        (
            "Paciente: Concepción Sarmiento Valiente.\nFirmado: Dra. Purificación Gómez",
            ["Concepción", "Sarmiento", "Valiente", "Purificación", "Gómez"],
        ),
    ],
    ids=["de-lab", "es", "nl", "pt", "it", "pl", "de-letter", "es-names"],
)
def test_the_people_of_a_letter_from_abroad_still_go(letter: str, names: list[str]) -> None:
    redacted = _redact(letter)
    for name in names:
        assert name not in redacted, (name, redacted)


@pytest.mark.parametrize(
    "name",
    [
        "sarmiento", "valiente", "buchheit", "concepcion", "purificacion", "visitacion",
        "asuncion", "conceicao", "remscheid", "kaohsiung", "taichung", "laramie",
    ],
)  # fmt: skip
def test_a_name_or_place_that_ends_as_a_common_noun_is_never_a_known_word(name: str) -> None:
    # The ending reading (or its exclusions) never makes a listed name or place, nor a Spanish
    # or Portuguese devotional given name, a known word.
    assert not lexicon().known(name)


@pytest.mark.parametrize(
    "word",
    ["normbereich", "ergebnisse", "hypertonie", "fraccion", "untersuchungen", "consolidacao"],
)
def test_common_noun_endings_read_the_walks_words(word: str) -> None:
    assert common_noun_ending(word)
    assert lexicon().known(word)


def test_an_ending_alone_is_no_reason_for_a_short_word() -> None:
    # Short words ("Jung", "Cheung", "Leung") are names more often than nouns.
    assert not common_noun_ending("cheung")
    assert not common_noun_ending("hartung")


# D8: a wrapped phone number, a postcode before its town, a hospital named by its country, a
# street without an English street word.
def test_a_phone_numbers_last_group_wrapped_onto_the_next_line_goes() -> None:
    redacted = _redact(_GERMAN_LAB)
    assert "\n50\n" not in redacted
    assert "Tel. [PHONE]\n[PHONE]\n" in redacted


def test_a_number_alone_on_the_line_after_a_phone_stays_when_too_long_a_number() -> None:
    # Sixteen digits are no telephone number (E.164: at most 15).
    text = "Tel. +49 30 4505 6789 1234\n5678\nSeen today."
    assert "5678" in _redact(text)


def test_the_icelandic_letters_address_and_hospital_go() -> None:
    redacted = _redact(_ICELANDIC_LETTER)
    assert "90+" not in redacted
    assert "101" not in redacted
    assert "University Hospital of Iceland" not in redacted
    assert "Laugavegur" not in redacted and " 58" not in redacted
    assert "[FACILITY], [NAME], [ZIP] [LOCATION]." in redacted
    assert "kennitala [SSN], [ADDRESS], [ZIP] [LOCATION]," in redacted
    assert "INR today 2,8 (target 2,0–3,0)." in redacted


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Session 62's labelled streets take "Laugavegur 58" after "Adresse", and the address
        # line's gap reading the postcode alone (it took "58, 101" with it before).
        ("Adresse : Laugavegur 58, 101 Reykjavík", "Adresse : [ADDRESS], [ADDRESS] [LOCATION]"),
        ("Address: Laugavegur 58", "Address: [ADDRESS]"),
        ("Seen at University Hospital of Iceland last week.", "Seen at [FACILITY] last week."),
    ],
)
def test_d8_shapes_alone(text: str, expected: str) -> None:
    assert _redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # A country alone names no one (deid_countries) and stays.
        "Moved to Iceland in 2019.",
        # A dose and a count before a word are no postcode.
        "Paracetamol 500 mg, 100 tablets.",
        "Cholesterol 5.2, 150 Lipids clinic review.",
    ],
)
def test_what_d8_leaves(text: str) -> None:
    assert _redact(text) == text


# Walk 47b (D5's last line): the article read with a date ("el", "il") vanished in the export.
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Revisión en consultas externas de Cardiología el 21.03.2025.",
            "Revisión en consultas externas de Cardiología el 06.11.2025.",
        ),
        ("Paziente nato il 13.07.1950.", "Paziente nato il 28.02.1951."),
        # A weekday moves with its date and is written anew, as before.
        ("Seen Sat. Feb. 1, 2025 at home.", "Seen Fri. Sep. 19, 2025 at home."),
    ],
)
def test_the_article_before_a_shifted_date_stays(text: str, expected: str) -> None:
    assert _redact(text) == expected


def test_a_guidelines_year_after_its_name_is_no_house_number() -> None:
    # Development half dev23: "Beers 2023, fall risk" (the Beers criteria of 2023).
    text = "Ambien 5 mg qHS PRN - recommend STOP (Beers 2023, fall risk)."
    assert _redact(text) == text


def test_an_icelandic_letters_telephone_label_stays() -> None:
    assert "Sími [PHONE]" in _redact(_ICELANDIC_LETTER)
