"""A redacted export's grounding flags quote nothing the redaction removed from the body or the
cited passages (walk: "QLD [ZIP]" in the body but "number '4870' does not appear in the cited
passages" in a flag; "15 January 2026" became a date but a flag quoted '15'; "90+-year-old" in
the body and '94' in a flag; a flag's key words listed 'harrow', the second half of the patient's
hyphenated surname)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import docx
import pypdf
import pytest

from medlocal.app import Workspace
from medlocal.cli import main
from medlocal.privacy.deid_echoes import RemovedWords
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.redact import PatientIdentity, Redactor
from medlocal.rag.export import document_from_output, export_document, plan_export, redact_document
from medlocal.rag.flags import Flag
from medlocal.vault.keys import KdfParams

PASS = "correct horse battery staple"
NAME = "Eleanor Whitcombe-Harrow"
BODY = (
    "# Referral letter\n\n"
    f"{NAME}, a 94-year-old woman of Gympie QLD 4870, was seen on 15 January 2026 [1]. "
    "She takes apixaban 2.5 mg twice daily [1].\n"
)
SOURCE = {
    "number": 1,
    "document_id": 3,
    "chunk_id": 9,
    "file_name": "discharge.pdf",
    "page": 1,
    "start": 0,
    "end": 90,
    "snippet": f"{NAME} (94) lives at Gympie QLD 4870; reviewed 15 January 2026.",
}


def _flags() -> list[dict[str, object]]:
    def at(token: str) -> int:
        return BODY.index(token)

    return [
        Flag(0, "unverified_number", "4870", "number '4870' does not appear in the cited passages",
             token_start=at("4870"), token_end=at("4870") + 4).as_dict(),
        Flag(0, "unverified_number", "15", "number '15' does not appear in the cited passages",
             token_start=at("15 Jan"), token_end=at("15 Jan") + 2).as_dict(),
        Flag(0, "unverified_number", "94", "number '94' does not appear in the cited passages",
             token_start=at("94"), token_end=at("94") + 2).as_dict(),
        Flag(0, "weak_support", "",
             "the cited passage [1] does not contain 3 of this sentence's 5 key words "
             "('[NAME]', 'harrow', 'gympie'); they may not support it",
             quote="whitcombe reviewed; MRN 448812").as_dict(),
    ]  # fmt: skip


def _doc():  # type: ignore[no-untyped-def]
    provenance = {"sources": [SOURCE]}
    return document_from_output("Referral letter", "summary", BODY, provenance, _flags())


IDENTITY = PatientIdentity(name=NAME, mrn="MRN-448812", dob=date(1931, 3, 14))
LEAKS = ("4870", "'15'", "94", "harrow", "whitcombe", "gympie", "448812")


def _flags_section(text: str) -> str:
    return text.split("Flags", 1)[1].split("References", 1)[0]


def _read(path: Path) -> str:
    if path.suffix == ".pdf":
        return "\n".join(p.extract_text() for p in pypdf.PdfReader(str(path)).pages)
    if path.suffix == ".docx":
        return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize("suffix", [".md", ".docx", ".pdf"])
def test_redacted_flags_quote_nothing_the_body_lost(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"letter{suffix}"
    export_document(_doc(), path, redactor=Redactor(IDENTITY, shift_days=10))
    text = _read(path)
    # A PDF wraps its lines where it must: the words are compared, not the line breaks.
    flags = " ".join(_flags_section(text).lower().split())
    for leak in LEAKS:
        assert leak not in flags, (leak, flags)
    assert "number '[zip]' does not appear" in flags
    assert "number '[date]'" in flags and "number '90+'" in flags
    assert "'[name]'" in flags
    # The body lost them too, and what the flags say otherwise stays readable.
    body = text.split("Flags", 1)[0]
    assert "4870" not in body and "Harrow" not in body
    assert "apixaban 2.5 mg" in text
    assert "does not appear in the cited passages" in flags


def test_flag_quote_loses_the_patients_identity_whatever_the_plan_found() -> None:
    doc = _doc()
    plan = plan_export(doc, Redactor(IDENTITY, shift_days=10))
    removed = plan.removed_words()
    quote = removed.spans("harrow and 448812 and 1931 and apixaban")
    assert [r.original for r in quote] == ["harrow", "448812", "1931"]
    assert [r.replacement for r in quote] == ["[NAME]", "[MRN]", "[DOB]"]


def test_a_kept_span_may_be_quoted_by_the_flags() -> None:
    """A span the person kept stays in the body: the flags may quote it too."""
    doc = document_from_output(
        "Letter", "summary", "Seen at Larkfield Clinic today.", {},
        [Flag(-1, "weak_support", "", "key words ('larkfield') missing").as_dict()],
    )  # fmt: skip
    plan = plan_export(doc, Redactor(shift_days=10))
    number = next(it.number for it in plan.items if "Larkfield" in it.redaction.original)
    plan.keep(number, "a ward name")
    message = plan.fields[[w for w, _ in plan.fields].index("flag 1 message")][1]
    assert "larkfield" in plan.apply_quoting("flag 1 message", message)


def test_echoes_skip_function_words_and_lone_letters_unquoted() -> None:
    removed = RemovedWords.collect(
        [Redaction("street_address", 0, 14, "12 The Avenue", "[ADDRESS]"),
         Redaction("date", 0, 7, "5 March", "[DATE]")]
    )  # fmt: skip
    text = "the avenue of 5 and '5' and 12 [1]"
    spans = removed.spans(text)
    assert [(r.original, text[r.start - 1]) for r in spans] == [
        ("avenue", " "), ("5", "'"), ("12", " ")
    ]  # fmt: skip


def test_a_flags_own_wording_keeps_its_words_and_only_its_quotes_lose_them() -> None:
    """Walk 20: a removed "Dr May Hughes" and a date of birth on the 11th made "they may not
    support it" read "they [NAME] not" and "11 key words" read "[DOB] key words"; a quoted
    '10.7' lost its "10" to a removed date ("'[DATE].7'")."""
    removed = RemovedWords.collect(
        [Redaction("name", 0, 9, "May Hughes", "[NAME]"),
         Redaction("dob", 0, 10, "11/05/1931", "[DOB]"),
         Redaction("date", 0, 10, "10/08/2024", "[DATE]")]
    )  # fmt: skip
    message = (
        "the cited passage [1] does not contain 10 of this sentence's 11 key words ('hughes', "
        "'may', '10.7', 'O'Hughes'); they may not support it"
    )
    quoted = [r.original for r in removed.spans(message, quoted_only=True)]
    assert quoted == ["hughes", "may", "Hughes"]  # quotes only; "10.7" is one number
    everywhere = [r.original for r in removed.spans(message)]
    assert everywhere.count("may") == 2 and "11" in everywhere  # a flag's token or quote


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[Workspace, int, Path]]:
    ws = Workspace(tmp_path / "vault", kdf_params=KdfParams(8 * 1024, 1, 1))
    ws.create_vault(PASS, PASS)
    vault = ws.require_vault()
    patient = vault.add_patient(NAME, mrn="MRN-448812", dob="1931-03-14")
    doc = _doc()
    output_id = vault.save_output(
        patient, "summary", doc.title, BODY, {"sources": [SOURCE]}, _flags()
    )
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS, encoding="utf-8")
    yield ws, output_id, secret
    ws.close()


def test_cli_outputs_export_redacts_the_flags(
    setup: tuple[Workspace, int, Path], tmp_path: Path
) -> None:
    ws, output_id, secret = setup
    out = tmp_path / "x.md"
    argv = ["outputs", "export", str(output_id), "--out", str(out), "--redact",
            "--passphrase-file", str(secret)]  # fmt: skip
    assert main(argv, workspace=ws) == 0
    flags = _flags_section(out.read_text(encoding="utf-8")).lower()
    for leak in LEAKS:
        assert not re.search(re.escape(leak), flags), (leak, flags)


def test_a_flags_own_wording_is_not_read_for_names() -> None:
    """Walk 22: "key words ('mrs', 'recovered'); they may not support it" became "they [NAME]
    not support it": "may" read as a name after the quoted title. Only the quotes of a flag's
    message are the text's; a name quoted there still goes."""
    message = (
        "the cited passage [1] does not contain 3 of this sentence's 4 key words "
        "('mrs', 'recovered', 'larkfield'); they may not support it"
    )
    doc = document_from_output(
        "Letter", "summary", "Mrs Pennington has recovered at Larkfield Clinic [1].", {},
        [Flag(0, "weak_support", "", message).as_dict()],
    )  # fmt: skip
    plan = plan_export(doc, Redactor(shift_days=10))
    text = plan.fields[[w for w, _ in plan.fields].index("flag 1 message")][1]
    out = plan.apply_quoting("flag 1 message", text, quoted_only=True)
    assert out.endswith("they may not support it"), out
    assert "larkfield" not in out.lower(), out


def test_a_date_in_a_flags_own_wording_is_shifted_like_the_rest() -> None:
    """Walk 29: "there it is a value on 2026-11-08, not a value on 2026-11-08" kept both real
    dates (MedLocal's wording, outside the quote) beside the shifted ones of the body and the
    quote, so the shift could be undone; the preview listed the date as removed. A date has a
    form of its own: outside the quotes it is planned and shifted like any other."""
    message = (
        "'9.1 mmol/L' is in the cited passage, but there it is a value on 2026-11-08, not a "
        'value on 2026-11-09: "2026-11-08,White cell count,9.1,10^9/L,4.0-11.0"'
    )
    doc = document_from_output(
        "Labs", "answer", "White cell count 9.1 mmol/L on 9 November 2026 [1].", {},
        [Flag(0, "misattributed_value", "9.1 mmol/L", message).as_dict()],
    )  # fmt: skip
    plan = plan_export(doc, Redactor(shift_days=10))
    planned = [it.redaction.original for it in plan.items if it.where == "flag 1 message"]
    assert planned.count("2026-11-08") == 2 and "2026-11-09" in planned, planned
    redacted = redact_document(doc, plan)
    out = redacted.flags[0].message
    assert "2026-11-0" not in out, out
    assert "a value on 2026-11-18, not a value on 2026-11-19" in out, out
    assert '"2026-11-18,White cell count' in out, out
    assert out.startswith("'9.1 mmol/L' is in the cited passage, but there it is"), out


def test_a_places_kind_words_are_no_echo_of_it() -> None:
    """Walk 29: once a facility was removed, every quoted "hospital" became "[FACILITY]". A
    place's kind words ("Hospital", "Ward", "St") name no place alone; its own words still go."""
    removed = RemovedWords.collect(
        [Redaction("facility", 0, 21, "St Wilfrid's Hospital", "[FACILITY]")]
    )
    quote = "“Admitted to hospital with ST elevation; transferred from Wilfrid's ward”"
    found = [r.original for r in removed.spans(quote)]
    assert found == ["Wilfrid"], found
    # A person's name keeps recall first: an English word of it goes wherever it is quoted.
    person = RemovedWords.collect([Redaction("name", 0, 14, "Mary Hospital", "[NAME]")])
    assert [r.original for r in person.spans("'hospital'")] == ["hospital"]


def test_a_citation_markers_numbers_are_no_echo_of_a_removed_number() -> None:
    """Walk 41b N2: a redacted summary's flag quoted "- Dihydroselenium [[DATE]]": the "12" of
    its citation marker "[12]" was taken for the "12" of a removed date."""
    words = RemovedWords.collect([Redaction("date", 0, 15, "12 January 2026", "[DATE]")])
    kept = ("“- Dihydroselenium [12]”", "“[3, 12]”", "“[12†]”", "“[4-12]”")
    for text in kept:
        assert words.spans(text) == [], text
    # The same number outside a marker is still an echo, however near a bracket it stands.
    for text in ("“seen on 12 Jan [3]”", "“12]”", "“[12”", "“[12/01]”"):
        assert [r.original for r in words.spans(text)] == ["12"], text
