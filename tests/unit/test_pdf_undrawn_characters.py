"""Walk 43 D12(d): a PDF export of "emoji 🩺 note 💉.txt" drew each emoji as a black square (■,
reportlab's stand-in where none of the standard fonts has the character), which reads as a
character of the text; no font with emoji ships with MedLocal. Each run of such characters is
now a visible "[?]" and the PDF says so under its title. And in a redacted export the note's
first line "Emoji-named note" became "[NAME] note": "emoji" (a word the 1934 dictionary of the
English word list lacks) is listed among the modern words the name scan keeps."""

from __future__ import annotations

from pathlib import Path

import pypdf

from medlocal.privacy.redact import Redactor
from medlocal.rag.export import document_copy, patient_identity
from medlocal.rag.export_files import PDF_UNDRAWN_MARK, PdfText, pdf_undrawn_note, write_pdf

NAME = "emoji 🩺 note 💉.txt"
TEXT = "Emoji-named note\nPotassium 5.6 mmol/L, eGFR ≥ 60, 5 µg; café €; α-blocker 👨‍⚕️ seen.\n"


def test_characters_no_pdf_font_draws_become_one_mark_a_run() -> None:
    shown = PdfText()
    assert shown(NAME) == "emoji [?] note [?].txt"
    # A man, a joiner, a staff of Aesculapius and a variation selector: one mark.
    assert shown("Dr \U0001f468\u200d\u2695\ufe0f seen") == "Dr [?] seen"
    assert shown("Привет мир") == "[?] [?]"  # Cyrillic: no standard PDF font has it
    assert shown.runs == 5
    drawn = "eGFR ≥ 60, ≤ 5, 5 µg, café €, α-blocker, ✓ done, ± 2, ° C"
    assert shown(drawn) == drawn and shown.runs == 5
    layout = "a\tb\nc\r\n  d\u00a0e"  # tabs, line breaks and spaces pass through
    assert shown(layout) == layout and shown.runs == 5


def test_a_pdf_export_marks_emoji_and_says_so(tmp_path: Path) -> None:
    path = tmp_path / "note.pdf"
    write_pdf(document_copy(NAME, TEXT, "0.test"), path)
    raw = path.read_bytes()
    # ZapfDingbats drew the ■ of each emoji; "≥" and "α" come from Symbol, as before.
    assert b"ZapfDingbats" not in raw and b"Symbol" in raw
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
