"""A text file that is not UTF-8 is read in Windows-1252 unless that reading is clearly worse:
short Western notes never come out in a Mac or Central European code page, while Polish, Czech
and Romanian text still keep their own letters, and binary junk is refused by name."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from fixtures.ingest_files import make_binary_junk

from medlocal.ingest import errors
from medlocal.ingest.extractors.eightbit import misread_marks, words_outside_one_alphabet
from medlocal.ingest.formats import extract_file

# Walk 25: this note in Windows-1252 was read as Mac Central European ("Sinťad", "cafť", "Ė").
WALK_NOTE = (
    "Clinic note 05/03/2025 - Eamon Quillfeather, DOB 02/11/1961, MRN RC-519034\n"
    "Farmer at Kelso Downs Pastoral Co. Smoker 40 pack-years. Wife Sinéad Quillfeather.\n"
    "COPD: FEV1 1.42 L (48% predicted), FEV1/FVC 0.58. mMRC grade 2.\n"
    "Medications: tiotropium 18 mcg inhaled once daily; salbutamol 100 mcg 2 puffs PRN;"
    " perindopril 4 mg mane.\n"
    "K+ 5.6 mmol/L on 01/03/2025 – repeat and review perindopril.\n"
    "Exacerbation in café at Coonabarabran last month treated with prednisolone 40 mg daily"
    " x5 days.\n"
    "Email: eamon.q@kelsodowns.com.au  Mobile 0427 661 038\n"
)


def read(data: bytes, name: str = "note.txt") -> str:
    return extract_file(Path("/private/folder") / name, data, 10 * 1024 * 1024).text


@pytest.mark.parametrize(
    "text",
    [
        WALK_NOTE,
        "Wife Sinéad’s café visit – “repeat” fee €20.",
        "Clinic note: Sinéad O’Brien, café owner – K+ 5.6 “repeat” fee €20, naïve.",
        "Dr Ó Súilleabháin saw Mrs Ní Bhriain. Fee €30 – paid.",
        "Sinéad",
        # Names from several Western languages in one note stay as written.
        "Patient Søren Bjørn Müller; wife Núria, son Íñigo, daughter Zoë – reviewed.",
    ],
)
def test_short_western_text_in_windows_1252_is_read_as_written(text: str) -> None:
    assert read(text.encode("cp1252")) == text


def test_latin_1_text_with_unit_signs_is_read_as_written() -> None:
    text = "Temp 38°C, Na 135 mmol/L, ½ tablet, B12 5 µg, ±2 kg; Mme Zoë Lefèvre, née 1929."
    assert read(text.encode("latin-1")) == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Pacjentka Zofia Łukasiewicz, lat 84, przyjęta z powodu niewydolności serca.", "cp1250"),
        # Every Czech letter here is also a Windows-1252 letter ("Dvoøáková"): only the
        # mixture of alphabets in its words gives that reading away.
        ("Paní Dvořáková, přijata pro zhoršení.", "cp1250"),
        ("Příliš žluťoučký kůň úpěl ďábelské ódy.", "cp1250"),  # ť: undefined in Windows-1252
        ("Beteg: Kovács Éva, 84 éves, szívelégtelenség miatt felvéve.", "cp1250"),
        ("Pacienta Ștefania Țăranu, internată pentru insuficiență cardiacă.", "iso8859_16"),
        ("Café, crème brûlée, naïve.", "mac_roman"),
        ("Müller, Größe, Überweisung, Käse.", "cp850"),
    ],
)
def test_text_in_another_code_page_keeps_its_letters(text: str, encoding: str) -> None:
    assert read(text.encode(encoding)) == text


@pytest.mark.parametrize(
    "data",
    [
        WALK_NOTE.encode("utf-8"),
        codecs.BOM_UTF8 + WALK_NOTE.encode("utf-8"),
        codecs.BOM_UTF16_LE + WALK_NOTE.encode("utf-16-le"),
        codecs.BOM_UTF16_BE + WALK_NOTE.encode("utf-16-be"),
    ],
)
def test_unicode_text_is_read_as_written(data: bytes) -> None:
    assert read(data) == WALK_NOTE


@pytest.mark.parametrize("size", [64, 539, 4096])
def test_binary_junk_is_refused_with_a_clear_reason(size: int) -> None:
    with pytest.raises(errors.BinaryContentError, match=r"^junk\.txt: binary content, not text"):
        read(make_binary_junk(size), "junk.txt")


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("Wife Sinéad O’Brien – café, 38°c, 5 µg, “repeat”.", 0),
        ("Pani B¹czkiewicz", 1),  # a sign inside a word
        ("£ukasiewicz and ¯ona", 2),  # a symbol before a small letter
        ("cafŽ", 1),  # a capital after a small letter
        ("患者は84歳の女性で、心不全。", 0),  # no spaces between words: not Latin words
    ],
)
def test_misread_marks(text: str, marks: int) -> None:
    assert misread_marks(text) == marks


@pytest.mark.parametrize(
    ("text", "misfits"),
    [
        ("Søren Núria", 1),
        ("Dvoøáková pøijata zhoršení", 2),  # ø with á or š: no one language
        ("Dvořáková přijata zhoršení", 0),
        ("Sinťad Ė", 1),
        ("ªtefania", 1),  # an ordinal indicator inside a word
        ("Пациентка Иванова", 0),
    ],
)
def test_words_outside_one_alphabet(text: str, misfits: int) -> None:
    assert words_outside_one_alphabet(text) == misfits
