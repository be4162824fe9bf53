"""redact41 (walk 41's over-redaction): a redacted summary lost "cyclosilicate" of "sodium
zirconium cyclosilicate" in every sentence, because a flag's list of key words (a line in
lower case) was read re-cased and the unknown word taken as a name there passed on to the
summary's own lower-case words."""

from __future__ import annotations

import pytest

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_record import record_seeds
from medlocal.privacy.redact import Redactor
from medlocal.rag.export import document_copy, plan_export
from medlocal.rag.export_files import ExportDocument
from medlocal.rag.flags import Flag
from medlocal.rag.passages import SourceRef


def _redactor() -> Redactor:
    return Redactor(shift_days=40)


def _removed(text: str) -> list[str]:
    return [r.original for r in _redactor().preview(text)]


# -- item 1: a word the re-casing alone made a name --------------------------------------------

_FLAG = (
    "weak support: the cited passages [8], [5] do not contain 9 of this sentence's 11 key words "
    "('daughter', 'prescribed', 'zirconium', '{word}', 'sjs', 'failure' ...); they may not "
    "support it"
)


def test_summary_export_keeps_a_multi_word_drug_named_in_a_flag() -> None:
    sentence = "Her daughter had been prescribed sodium zirconium cyclosilicate (SJS) [8]."
    doc = ExportDocument(
        title="Medication list",
        kind="summary",
        body=f"## Current medications\n\n{sentence}\nDrugs: sodium zirconium cyclosilicate [24].",
        flags=[Flag(0, "weak_support", "", _FLAG.format(word="cyclosilicate"))],
    )
    plan = plan_export(doc, _redactor())
    assert [
        i.redaction.original for i in plan.items if "cyclosilicate" in i.redaction.original
    ] == []


def test_a_word_recased_as_a_name_does_not_take_the_same_word_typed_in_lower_case() -> None:
    # An invented word, no drug nor name: the general cause, whatever the word lists hold.
    text = "Started on quendrivex by the renal team; quendrivex to continue.\n\n" + _FLAG.format(
        word="quendrivex"
    )
    first_line = text.split("\n")[0]
    assert [r for r in _redactor().preview(text) if r.start < len(first_line)] == []


def test_a_name_written_with_a_capital_still_takes_it_in_lower_case() -> None:
    assert "halvorsen" in _removed("Seen by Dr Halvorsen on the ward.\nDiscussed with halvorsen.")


def test_a_name_in_a_lower_case_note_still_goes_from_its_other_lines() -> None:
    text = (
        "my husband tyler quarrington brought me in today and stayed all day\n"
        "quarrington will collect her tomorrow morning from the ward after lunch\n"
    )
    assert [w for w in _removed(text) if "quarrington" in w.lower()] != []
    assert "quarrington" not in _redactor().redact(text).lower()


def test_words_of_multi_word_generic_names_are_clinical_words() -> None:
    lex = lexicon()
    assert lex.clinical("cyclosilicate")
    # An English word of one is known already (never a name for being unknown); a clinical
    # "dose" would own the number after it.
    assert lex.known("zirconium") and not lex.clinical("dose")
    # A listed name among a generic's words stays a possible name ("guerin" of BCG's names).
    assert not lex.clinical("sebastian")


# -- item 4 (walk item 12): a possessive stays outside a person's name ---------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Reviewed by Dr Sebastian Mortimer-Ortega's team on the ward.",
            "Reviewed by Dr [NAME]'s team on the ward.",
        ),
        ("Ask Dr Halvorsen’s opinion first.", "Ask Dr [NAME]’s opinion first."),
        ("Follow up in Dr Venkataraman's clinic.", "Follow up in Dr [NAME]'s clinic."),
        ("Mrs Kowalczyk's son William visited.", "Mrs [NAME]'s son [NAME] visited."),
    ],
)
def test_a_possessive_stays_outside_the_name(text: str, expected: str) -> None:
    assert _redactor().redact(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # An organisation's name keeps its possessive and head word inside it, and so does a
        # name without a title before it (a shop's: "Tunnock's").
        ("Seen at St George's Hospital.", "Seen at [FACILITY]."),
        ("Married at St Giles' church in 1960.", "Married at [FACILITY] in 1960."),
        ("She attends the Bramble Lane practice weekly.", "She attends the [FACILITY] weekly."),
    ],
)
def test_an_organisation_keeps_its_possessive_and_head(text: str, expected: str) -> None:
    assert _redactor().redact(text) == expected


# -- item 3 (walk item 10): walking aids after "w/", a laboratory's short name in a file name ----


@pytest.mark.parametrize(
    "text",
    [
        "Pt alert, GCS 15, mobilises w/ ZF, high falls risk.",
        "Mobilises w/ WZF and PUFs, 1 assist.",
        "Walking w/ PUF on the ward.",
        "Biochem results reviewed on the ward round.",
    ],
)
def test_walking_aids_and_a_laboratory_are_kept(text: str) -> None:
    assert _removed(text) == []


def test_initials_after_w_slash_still_go() -> None:
    assert _removed("Seen w/ JB on the ward round.") == ["JB"]


def test_a_laboratory_file_name_is_kept_in_title_and_references() -> None:
    name = "biochem_cumulative_report.pdf"
    doc = document_copy(name, "Creatinine 168 umol/L on 14/11/2026.", "0")
    doc.sources.append(SourceRef(4, 1, 1, name, 1, 0, 10, "Creatinine 168 umol/L"))
    plan = plan_export(doc, _redactor())
    assert [i.redaction.original for i in plan.items if "biochem" in i.redaction.original] == []


def test_a_surname_in_a_file_name_still_goes() -> None:
    doc = document_copy("thornbury_biochem_report.pdf", "Reviewed today.", "0")
    plan = plan_export(doc, _redactor())
    assert [i.redaction.original for i in plan.items] == ["thornbury"]


# -- item 2: ordinary words learnt as names by the record's seeds --------------------------------

_CSV = (
    "Sample date,Analyte,Value,Unit,Lower,Upper\n"
    "21/11/2026,Creatinine,154,umol/L,45,84\n"
    "05/12/2026,Potassium,5.0,mmol/L,3.5,5.3\n"
)
_LETTER = (
    "Lives in Little Hadham with her husband.\n"
    "Reviewed by Dr Sebastian Baker in clinic.\n"
    "Refer to the Service for Older People.\n"
)


def test_a_csv_header_cell_is_no_name_nor_a_seed() -> None:
    seeds = record_seeds([_CSV])
    assert "analyte" not in seeds.words
    assert Redactor(record=seeds, shift_days=0).redact("The analyte list was checked.") == (
        "The analyte list was checked."
    )
    # An unknown word as a column's label, in the export itself.
    unknown = _CSV.replace("Analyte", "Zorbitane")
    assert [r.original for r in _redactor().preview(unknown) if r.kind == "name"] == []


def test_names_in_csv_rows_and_a_header_of_staff_still_go() -> None:
    rows = "Surname,Forename,DOB\nHalvorsen,Ingrid,1951-04-17\nQuarrington,Tyler,1960-02-02\n"
    removed = _removed(rows)
    assert {"Halvorsen", "Ingrid", "Tyler"} <= set(removed)
    rota = "Date,Dr Okafor,Dr Lindgren\n01/02/2026,AM,PM\n02/02/2026,PM,AM\n"
    assert {"Okafor", "Lindgren"} <= {w for r in _removed(rota) for w in r.split()}


def test_an_english_word_of_a_record_name_passes_on_only_with_its_phrase() -> None:
    redactor = Redactor(record=record_seeds([_LETTER]), shift_days=0)
    kept = "Little change overnight. People were kind to her."
    assert redactor.redact(kept) == kept
    assert redactor.redact("Back home to Little Hadham.") == "Back home to [NAME]."


@pytest.mark.parametrize(
    "text",
    [
        "She was seen by Baker today.",
        "Mr Baker phoned.",
        "Seen by Sebastian Baker.",
        "Baker reviewed her on the ward.",
    ],
)
def test_a_surname_that_is_an_english_word_still_goes_where_it_stands_as_a_name(
    text: str,
) -> None:
    redactor = Redactor(record=record_seeds([_LETTER]), shift_days=0)
    assert "Baker" not in redactor.redact(text)


def test_a_chat_line_typed_in_lower_case_with_an_acronym_still_loses_the_name() -> None:
    text = (
        "02:14 jess p (night FY1): hi chase its jess from d57, re bed 9 on the ward\n"
        "02:15 jess p: on pip-taz tds since admission and improving now\n"
    )
    assert "jess" not in _redactor().redact(text).split("\n")[0].lower().split("its ")[1]
