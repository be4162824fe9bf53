"""Words a scan's reading glued together split again, and numbers it split joined (walk 50b D1,
D5, D8): text-level tests of the spacing rules, and a line drawn with Pillow and read by the
layout from its pixels (the recogniser's character boxes placed from the font's advances)."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from medlocal.ingest.ocr.engine import Detection, Piece
from medlocal.ingest.ocr.layout import read_page
from medlocal.ingest.ocr.slips import mend_slips
from medlocal.ingest.ocr.spacing import one_number, typical_pitch, unglued
from medlocal.paths import resources_dir


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        # The phone photo of walk 50b (D5).
        ("Patient: QuenbyVandersloot", "Patient: Quenby Vandersloot"),
        ("1 would begrateful ifyou could", "1 would be grateful if you could"),
        ("twicedaily foratrial fibrillation", "twice daily for atrial fibrillation"),
        ("overthree months. Shetakes apixaban", "over three months. She takes apixaban"),
        ("HerSp02 was91% on air", "Her Sp02 was 91% on air"),
        ("Pleasecontact me", "Please contact me"),
        ("She Isallergic to penicillin", "She Is allergic to penicillin"),
        # The fax of walk 50b (D1): labels glued to their values, names to their neighbours.
        ("NHSNo9434765919 D.O.B14:031961", "NHS No 9434765919 D.O.B 14:031961"),
        ("NHSnumber: 943 476 5919", "NHS number: 943 476 5919"),
        ("I reviewed MrsVander-", "I reviewed Mrs Vander-"),
        (
            "Her son-in-fawBartholomewAchterberg drove",
            "Her son-in-faw Bartholomew Achterberg drove",
        ),
        ("Nextof kinImogen Vandersloot", "Next of kin Imogen Vandersloot"),
        ("DrHalvardPenhaligon,GeneralPractitioner", "Dr Halvard Penhaligon,General Practitioner"),
    ],
)
def test_glued_words_are_split_again(read: str, meant: str) -> None:
    assert unglued(read) == meant


@pytest.mark.parametrize(
    "typed",
    [
        # Clinical words with inner capitals or digits, and brands, stay as written.
        "HbA1c 53, mmHg, eGFR 45, pH 7.3, SpO2 91%, FEV1, PaCO2, IgG, T2DM, CD4",
        "McDonald criteria, MacArthur, DeLong, EpiPen, NovoRapid, OxyContin, iPhone",
        # A place or name made of words is no glued pair of words; nor is a misreading.
        "Eastwick, Overton, Heron Close, Irevlewed",
        # Numbers with units, ordinals and a time.
        "5mg, 2.5 mg, 3rd, 12:03, 1988",
        # A code misread by a look-alike is mended later, not split ("Hb Alc").
        "HbAlc 61 mmol/mol, Sp02 91%",
    ],
)
def test_what_is_not_glued_stays_as_written(typed: str) -> None:
    assert unglued(typed) == typed


def test_the_look_alike_mending_reads_the_split_word() -> None:
    assert mend_slips(unglued("HerSp02 was91%"))[0] == "Her SpO2 was 91%"


def test_a_narrow_glyph_of_a_number_is_no_space() -> None:
    # "1" beside a digit at the pitch of one digit: one number; half an advance more: a space.
    assert one_number("1", "4", 1.1)
    assert not one_number("1", "4", 1.55)
    assert one_number("-", "4", 0.85)  # "RCC- 4482"
    assert not one_number("-", "4", 1.45)  # "1 - 4"
    assert not one_number("6", "5", 1.1)  # no narrow glyph: the blank alone decides
    assert not one_number("1", "a", 1.0)
    assert typical_pitch([0, 10, 20, 40], [False, False, True]) == 10
    assert typical_pitch([0, 30], [True]) is None


def _read_drawn(text: str, size: int) -> str:
    """``text`` drawn small and slightly blurred (a 110-dpi letter), its characters' boxes
    placed from the font's advances as the recogniser places them, read by the layout."""
    font = ImageFont.truetype(str(resources_dir() / "fonts" / "DejaVuSans.ttf"), size)
    width = 80 + int(font.getlength(text))
    image = Image.new("L", (width, 60), 255)
    ImageDraw.Draw(image).text((40, 20), text, font=font, fill=0)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    _, top, _, bottom = font.getbbox("0")
    top, bottom = 20 + top - 2, 20 + bottom + 2
    pieces = []
    for i, char in enumerate(text):
        if char != " ":
            left, right = 40 + font.getlength(text[:i]), 40 + font.getlength(text[: i + 1])
            corners = ((left, top), (right, top), (right, bottom), (left, bottom))
            pieces.append(Piece(char, corners, 0.99))
    box = ((38, top), (width - 38, top), (width - 38, bottom), (38, bottom))
    detection = Detection(text.replace(" ", ""), box, 0.99, tuple(pieces))
    return read_page([detection], np.asarray(image, dtype=np.uint8))[0].text


@pytest.mark.parametrize("size", [14, 16])
def test_digits_beside_a_narrow_one_are_read_as_one_number(size: int) -> None:
    # Walk 50b D8 read "DOB: 1 4/03/1961 MRN: RCC- 4482 1 3" and "1 7 Larkspur Lane".
    assert _read_drawn("DOB: 14/03/1961 MRN: RCC-448213", size) == (
        "DOB: 14/03/1961 MRN: RCC-448213"
    )
    assert _read_drawn("Tel 01632 960 551", size) == "Tel 01632 960 551"


@pytest.mark.parametrize("size", [14, 16])
def test_real_spaces_between_numbers_are_kept(size: int) -> None:
    # Joining these would change what the page says ("Days 12 3", "taken 111 21").
    assert _read_drawn("Days 1 2 3 4 5", size) == "Days 1 2 3 4 5"
    assert _read_drawn("taken 1 11 21 days", size) == "taken 1 11 21 days"
