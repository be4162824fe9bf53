"""Walk 43 D12(d): a PDF export of "emoji 🩺 note 💉.txt" drew each emoji as a black square (■,
reportlab's stand-in where none of the standard fonts has the character), which reads as a
character of the text; no font with emoji ships with MedLocal. Each run of such characters is
now a visible "[?]" and the PDF says so under its title. And in a redacted export the note's
first line "Emoji-named note" became "[NAME] note": "emoji" (a word the 1934 dictionary of the
English word list lacks) is listed among the modern words the name scan keeps.

Review 44 D8: the standard fonts' encodings lacked most Latin letters ("Łukasz" -> "[?]ukasz"),
subscripts ("SpO₂"), "⅓" and "℃", and the note said only other scripts were lost. The PDF now
embeds DejaVu Sans (resources/fonts), which draws them, and the note says what is still lost."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from medlocal.paths import resources_dir
from medlocal.privacy.redact import Redactor
from medlocal.rag.export import document_copy, patient_identity
from medlocal.rag.export_files import (
    PDF_UNDRAWN_MARK,
    PdfFonts,
    PdfText,
    pdf_undrawn_note,
    write_pdf,
)

NAME = "emoji 🩺 note 💉.txt"
TEXT = "Emoji-named note\nPotassium 5.6 mmol/L, eGFR ≥ 60, 5 µg; café €; α-blocker 👨‍⚕️ seen.\n"


def test_characters_no_pdf_font_draws_become_one_mark_a_run() -> None:
    shown = PdfText()
    assert shown(NAME) == "emoji [?] note [?].txt"
    # A man, a joiner, a staff of Aesculapius and a variation selector: one mark.
    assert shown("Dr \U0001f468\u200d\u2695\ufe0f seen") == "Dr [?] seen"
    assert shown("参见 مرحبا שלום") == "[?] [?] [?]"  # no CJK glyphs; right-to-left marked
    assert shown.runs == 6
    drawn = "eGFR ≥ 60, ≤ 5, 5 µg, café €, α-blocker, ✓ done, ± 2, ° C, Привет мир"
    assert shown(drawn) == drawn and shown.runs == 6
    layout = "a\tb\nc\r\n  d\u00a0e"  # tabs, line breaks and spaces pass through
    assert shown(layout) == layout and shown.runs == 6


LATIN = "Łukasz Nagy-Ősz, Doğan Şahin, Ćosić, Dvořák Ěva, Wąsik; SpO₂ 94%, ⅓ dose, 38.5 ℃, x²"


def test_latin_letters_subscripts_and_symbols_are_drawn() -> None:
    shown = PdfText()
    # "℃", which DejaVu Sans lacks, is drawn as its plain form "°C".
    assert shown(LATIN) == LATIN.replace("℃", "°C") and shown.runs == 0
    assert shown("L\u0301ukasz") == "Ĺukasz"  # composed: the font's one letter


def test_without_the_shipped_font_a_compatibility_form_is_drawn_plain() -> None:
    """The standard fonts alone (the font files missing): "SpO₂" is "SpO2", "⅓" "1⁄3"
    rather than marks; a letter with no plain form is still marked."""
    shown = PdfText(PdfFonts({}, None))
    assert shown("SpO₂ 38 ℃") == "SpO2 38 °C"
    assert shown("Łukasz") == "[?]ukasz" and shown.runs == 1


def test_the_fonts_and_their_licence_ship_in_resources() -> None:
    folder = resources_dir() / "fonts"
    assert (folder / "DejaVuSans.ttf").is_file() and (folder / "DejaVuSansMono.ttf").is_file()
    licence = (folder / "LICENSE-DejaVu.txt").read_text(encoding="utf-8")
    assert "Bitstream Vera Fonts Copyright" in licence and "Arev Fonts Copyright" in licence
    assert "DejaVu changes are in public domain" in licence
    notices = (resources_dir() / "THIRD_PARTY_NOTICES.txt").read_text(encoding="utf-8")
    assert "DejaVu" in notices and "fonts/LICENSE-DejaVu.txt" in notices


def test_a_pdf_export_draws_latin_letters_and_subscripts(tmp_path: Path) -> None:
    path = tmp_path / "latin.pdf"
    write_pdf(document_copy("Łukasz.txt", f"{LATIN}\n", "0.test"), path)
    raw = path.read_bytes()
    assert b"DejaVuSans" in raw  # embedded: the reader needs no font of its own
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    assert PDF_UNDRAWN_MARK not in text and "cannot draw" not in text
    for word in ("Łukasz", "Ősz", "Doğan", "Şahin", "Ćosić", "Dvořák", "Wąsik", "SpO₂", "⅓", "°C"):
        assert word in text, word


@pytest.mark.parametrize("bold", ["**Łukasz** seen", "_Łukasz_ seen"])
def test_bold_and_italic_use_the_embedded_faces(tmp_path: Path, bold: str) -> None:
    path = tmp_path / "styled.pdf"
    write_pdf(document_copy("n.txt", bold, "0.test"), path)
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    assert "Łukasz" in text


def test_a_pdf_export_marks_emoji_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "note.pdf"
    write_pdf(document_copy(NAME, TEXT, "0.test"), path)
    raw = path.read_bytes()
    # ZapfDingbats drew the ■ of each emoji; "≥" and "α" now come from the embedded font.
    assert b"ZapfDingbats" not in raw and b"DejaVuSans" in raw
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    flat = " ".join(text.split())
    assert f"emoji {PDF_UNDRAWN_MARK} note {PDF_UNDRAWN_MARK}.txt" in flat
    assert " ".join(pdf_undrawn_note(3).split()) in flat
    assert "■" not in text
    assert flat.index("places); the Markdown") < flat.index("Emoji-named note")


def test_a_pdf_of_drawable_text_has_no_note(tmp_path: Path) -> None:
    path = tmp_path / "plain.pdf"
    write_pdf(document_copy("plain note.txt", "Seen. eGFR ≥ 60, 5 µg.\n", "0.test"), path)
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    assert PDF_UNDRAWN_MARK not in text and "cannot draw" not in text


def test_a_redacted_emoji_named_note_keeps_the_word_emoji() -> None:
    redactor = Redactor(patient_identity("Winifred Oakhurst-Pemberley", "KTV-553201", None))
    redacted = redactor.redact("Emoji-named note\nPatient: Winifred Oakhurst-Pemberley\nSeen.")
    assert redacted.startswith("Emoji-named note\n")
    assert "Winifred" not in redacted and "[NAME]" in redacted


def test_without_readable_fonts_the_note_names_what_the_standard_fonts_lose(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Review 44b B8: with the DejaVu files unreadable (a damaged install) "Łukasz" and Cyrillic
    were marked, but the note still named only emoji and other scripts. It now names the
    letters beyond Western European ones and Cyrillic, and says how to get the fonts back;
    Greek, drawn from the standard Symbol font, is not marked. Failed before (the note was the
    same as with the fonts)."""
    from medlocal.rag import export_pdf_text

    broken = tmp_path / "resources"
    (broken / "fonts").mkdir(parents=True)
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf"):
        (broken / "fonts" / name).write_bytes(b"not a font")
    monkeypatch.setattr("medlocal.paths.resources_dir", lambda: broken)
    monkeypatch.setattr(export_pdf_text, "_pdf_fonts_cache", [])
    fonts = export_pdf_text.pdf_fonts()
    assert fonts.characters is None  # the standard fonts only
    path = tmp_path / "fallback.pdf"
    write_pdf(document_copy("n.txt", "Łukasz; Привет; α-blocker, ≥ 5 µg.\n", "0.test"), path)
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(str(path)).pages)
    flat = " ".join(text.split())
    assert "[?]ukasz; [?]; α-blocker, ≥ 5 µg." in flat
    note = pdf_undrawn_note(2, fonts)
    assert " ".join(note.split()) in flat
    assert "Polish, Czech, Hungarian, Turkish" in note and "Cyrillic" in note
    assert "reinstalling" in note and "Greek" not in note
    assert all(PdfText(fonts).drawable(c) for c in note)  # the note itself is drawn whole
    # With the shipped fonts the note names only what DejaVu lacks.
    shipped = pdf_undrawn_note(2, PdfFonts({"Helvetica": "x"}, frozenset()))
    assert "Cyrillic" not in shipped and "Polish" not in shipped
