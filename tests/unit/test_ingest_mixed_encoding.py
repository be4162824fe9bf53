"""A text file that is UTF-8 with a few lines pasted from a Windows tool is read line by line:
the UTF-8 lines as UTF-8, the others in their 8-bit code page (walk 27: the whole file was read
as Arabic Windows-1256, "1000 µg" became "1000 آµg" and the report said nothing). Whenever the
encoding had to be guessed, the import report says so."""

from __future__ import annotations

from pathlib import Path

from fixtures.ingest_files import FakeEmbedder, FakeVault

from medlocal.ingest.extractors.textcodec import read_text
from medlocal.ingest.formats import extract_file
from medlocal.ingest.pipeline import import_paths

UTF8_LINES = (
    "Clinic note for the patient\n",
    "Vitamin B12 1000 µg monthly injection; temperature 37.8 °C\n",
    "Résumé of care: Māori health navigator involved.\n",
)
CP1252_LINES = (
    "Daughter reports she feels naïve about insulin; café visits reduced.\n",
    "Weight 64 kg – stable ‘good’\n",
)


def _mixed() -> tuple[bytes, str]:
    """The walk's layout: UTF-8 and Windows-1252 lines interleaved, as many of each kind."""
    order = (UTF8_LINES[0], CP1252_LINES[0], UTF8_LINES[1], UTF8_LINES[2], CP1252_LINES[1])
    data = b"".join(line.encode("cp1252" if line in CP1252_LINES else "utf-8") for line in order)
    return data, "".join(order)


def test_each_line_is_read_in_its_own_encoding_and_the_mix_is_noted() -> None:
    data, text = _mixed()
    decoded = read_text(data, "note.txt")
    assert decoded.text == text
    assert decoded.note is not None
    assert decoded.note.startswith("encoding mixed: UTF-8 with 2 lines in Windows-1252")
    assert "(first at line 2)" in decoded.note


def test_a_mostly_8_bit_file_with_one_pasted_utf8_line_keeps_both() -> None:
    polish = "Pacjentka Zofia Łukasiewicz, przyjęta z powodu niewydolności serca.\n" * 5
    data = polish.encode("cp1250") + UTF8_LINES[1].encode("utf-8")
    decoded = read_text(data, "note.txt")
    assert decoded.text == polish + UTF8_LINES[1]
    assert decoded.note is not None and "5 lines in Windows-1250" in decoded.note


def test_8_bit_capitals_that_happen_to_be_valid_utf8_do_not_make_a_mix() -> None:
    # "ÓŁ" in Windows-1250 is the byte pair D3 A3, valid UTF-8 for the Cyrillic "ӣ".
    text = "WSPÓŁPRACA\nZażółć gęślą jaźń, przyjęta.\n"
    decoded = read_text(text.encode("cp1250"), "note.txt")
    assert decoded.text == text
    assert decoded.note == (
        "encoding guessed: not UTF-8, read as Windows-1250; "
        "check accented letters and symbols such as µ and °"
    )


def test_utf8_and_marked_text_carry_no_note() -> None:
    text = "".join(UTF8_LINES)
    assert read_text(text.encode("utf-8"), "a.txt").note is None
    assert read_text(text.encode("utf-16"), "a.txt").note is None


def test_markdown_and_tables_carry_the_note_too() -> None:
    data, _ = _mixed()
    for name in ("note.md", "labs.csv"):
        table = data.replace(b" ", b",") if name.endswith(".csv") else data
        document = extract_file(Path("/folder") / name, table, 1024 * 1024)
        assert len(document.notes) == 1 and document.notes[0].startswith("encoding mixed")


def test_the_import_report_names_a_mixed_encoding(tmp_path: Path) -> None:
    data, _ = _mixed()
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    vault = FakeVault()
    report = import_paths(vault, [path], 1, FakeEmbedder())
    (outcome,) = report.files
    assert outcome.status == "imported"
    assert len(outcome.notes) == 1 and outcome.notes[0].startswith("encoding mixed: UTF-8")
    (stored,) = vault.documents.values()
    assert "1000 µg" in stored["text"] and "37.8 °C" in stored["text"]
