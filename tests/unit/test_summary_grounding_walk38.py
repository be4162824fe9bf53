"""Walk 38, through the real summary grounding path with fixed model outputs: a drug under
"Allergies" that a note only prescribes is flagged, and a citation MedLocal attached is marked
wherever chips show; a section none of whose lines rests on a passage reads "No supported text"
with the model's draft kept, unsupported; a file name the patient has no document of is flagged;
flags quote sentences without Markdown stars; the window and ``outputs list`` count the same
items. Each test failed before its fix."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

import docx
import pytest
from fixtures.fake_models import FakeChatModel, hit
from fixtures.terminal import run_cli
from fixtures.vault_file import PASS, new_vault

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.rag.export import document_from_output
from medlocal.rag.export_files import (
    ATTACHED_NOTE,
    ExportDocument,
    render_markdown,
    write_docx,
)
from medlocal.rag.flags import (
    Flag,
    items_to_check,
    listed_flags,
    mark_attached,
    sentence_opening,
)
from medlocal.rag.grounding import ground
from medlocal.rag.summarize import NO_SUPPORTED_SECTION, Summarizer, Summary, save_summary
from medlocal.rag.templates import get_template
from medlocal.ui.render import answer_html, drafts_html
from medlocal.vault.records import SearchHit

NOTE_1 = hit(
    1,
    "Review 18/12/2024. Acute gout of the right first toe. Allergies: penicillin (rash).",
    file_name="note_1.txt",
    document_id=1,
)
NOTE_2 = hit(
    2,
    "Plan 20/12/2024. Colchicine 500 micrograms twice daily for 5 days.",
    file_name="note_2.txt",
    document_id=2,
)


def _section(messages: Sequence[ChatMessage]) -> str | None:
    found = re.search(r"Write the section '([^']+)'", messages[-1].content)
    return found.group(1) if found else None


def summarise(
    sections: dict[str, str],
    template: str = "medication-list",
    hits: Sequence[SearchHit] = (NOTE_1, NOTE_2),
    record: Sequence[str] = (),
) -> Summary:
    """Map: one cited note per step. Reduce: ``sections[heading]``, else "None documented."."""

    def reply(messages: Sequence[ChatMessage]) -> str:
        heading = _section(messages)
        if heading is None:
            return "Colchicine 500 micrograms twice daily for 5 days [1]."
        return sections.get(heading, "None documented.")

    model = FakeChatModel(reply, n_ctx=4096)
    return Summarizer(model, params=SamplingParams(max_tokens=400)).summarize(
        list(hits), get_template(template), record=record
    )


def body_of(summary: Summary, heading: str) -> str:
    return summary.text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0].strip()


def kinds_at(summary: Summary, words: str) -> set[str]:
    """The kinds of the flags on the sentence holding ``words``."""
    at = summary.text.index(words)
    return {f.kind for f in summary.flags if f.start <= at < f.end and f.sentence >= 0}


# -- 1. an allergy no passage gives as one; attached citations marked ------------------------


def test_a_prescribed_drug_under_allergies_is_flagged_and_its_attached_chip_marked() -> None:
    summary = summarise({"Allergies and intolerances": "Colchicine."})
    assert body_of(summary, "Allergies and intolerances") == "Colchicine [2]."
    kinds = kinds_at(summary, "Colchicine [2].")
    assert {"attached_citation", "unsupported_allergy"} <= kinds
    (allergy,) = [f for f in summary.flags if f.kind == "unsupported_allergy"]
    assert "'colchicine' is given as an allergy or intolerance" in allergy.message
    assert "Colchicine 500 micrograms twice daily for 5 days." in allergy.message
    (attached,) = [f for f in summary.flags if f.kind == "attached_citation"]
    # The flag says what was attached, and that the chip is marked.
    assert "MedLocal attached passage [2]" in attached.message and "†" in attached.message


def test_an_allergy_a_passage_gives_is_not_flagged() -> None:
    summary = summarise(
        {
            "Allergies and intolerances": "Penicillin (rash) [1].",
            "Current medications": "Colchicine 500 micrograms twice daily for 5 days [2].",
        }
    )
    assert "unsupported_allergy" not in {f.kind for f in summary.flags}


def test_a_sentence_calling_a_prescribed_drug_an_allergy_is_flagged_in_any_section() -> None:
    passages = {1: NOTE_1.text, 2: NOTE_2.text}
    wrong = ground("She is allergic to colchicine [2].", passages)
    assert "unsupported_allergy" in {f.kind for f in wrong.flags}
    right = ground("She is allergic to penicillin [1].", passages)
    assert "unsupported_allergy" not in {f.kind for f in right.flags}
    # A drug beside the word, not given as the allergy, is not flagged.
    beside = ground("Colchicine 500 micrograms twice daily for 5 days [2]; NKDA.", passages)
    assert "unsupported_allergy" not in {f.kind for f in beside.flags}
    # Nor one named after "no known drug allergies" (bench heldout6 r04: a false alarm).
    after = ground(
        "She has no known drug allergies and takes colchicine for gout [1, 2].", passages
    )
    assert "unsupported_allergy" not in {f.kind for f in after.flags}


def test_an_attached_chip_looks_different_in_the_window_and_every_export(tmp_path: Path) -> None:
    summary = summarise({"Allergies and intolerances": "Colchicine."})
    html = answer_html(summary.text, summary.flags)
    chips = re.findall(r"<a href=\"cite:2\"[^>]*>.*?</a>", html)
    assert any("[2†]" in c and "MedLocal attached this citation" in c for c in chips), chips
    # A model's own citation keeps the plain chip.
    own = ground("Colchicine 500 micrograms twice daily [2].", {2: NOTE_2.text})
    assert "†" not in answer_html(own.text, own.flags)

    doc = ExportDocument(summary.title, "summary", summary.text, summary.sources, summary.flags, {})
    markdown = render_markdown(doc)
    assert "Colchicine [2†]." in markdown and ATTACHED_NOTE in markdown
    path = tmp_path / "s.docx"
    write_docx(doc, path)
    paragraphs = [p.text for p in docx.Document(str(path)).paragraphs]
    assert "Colchicine [2†]." in paragraphs and ATTACHED_NOTE in paragraphs
    assert mark_attached(summary.text, summary.flags).count("†") == 1


# -- 2. a section with no supported line ---------------------------------------------------


RISK_FACTORS = "\n".join(
    f"- {what} {n}0% of the population."
    for n, what in enumerate(
        ["Smoking and alcohol use", "Alcohol use", "Obesity", "Sedentary lifestyle"], 5
    )
)


def test_a_section_of_unsupported_lines_reads_no_supported_text_with_its_draft() -> None:
    summary = summarise(
        {
            "Active problems": "Acute gout of the right first toe [1].",
            "Risk factors": RISK_FACTORS,
        },
        template="problem-list",
    )
    assert body_of(summary, "Risk factors") == NO_SUPPORTED_SECTION
    assert body_of(summary, "Active problems") == "Acute gout of the right first toe [1]."
    (draft,) = [f for f in summary.flags if f.kind == "unsupported_draft"]
    assert draft.token == "Risk factors" and draft.quote == RISK_FACTORS
    # One item for the section, not one per invented line, and none on MedLocal's own words.
    risk = summary.text.index(NO_SUPPORTED_SECTION)
    assert [f.kind for f in summary.flags if f.start >= risk or f.token == "Risk factors"] == [
        "unsupported_draft"
    ]
    shown = drafts_html(summary.flags)
    assert "draft of “Risk factors”, which no passage supports" in shown
    assert "Obesity" in shown and "color: #5f5f5f" in shown


def test_the_saved_summary_and_its_export_agree_with_the_window(tmp_path: Path) -> None:
    summary = summarise({"Risk factors": RISK_FACTORS}, template="problem-list")
    with new_vault(tmp_path / "vault") as vault:
        patient = vault.add_patient("P")
        output = vault.get_output(save_summary(vault, patient, summary))
    doc = document_from_output(
        output.title, output.kind, output.content, output.provenance, output.flags
    )
    markdown = render_markdown(doc)
    assert NO_SUPPORTED_SECTION in markdown
    assert "**The model's draft of “Risk factors”, which no passage supports" in markdown
    assert "> - Obesity 70% of the population." in markdown


def test_a_section_with_one_supported_line_keeps_its_text() -> None:
    text = "Acute gout of the right first toe [1].\n" + RISK_FACTORS
    summary = summarise({"Risk factors": text}, template="problem-list")
    assert body_of(summary, "Risk factors").startswith("Acute gout of the right first toe [1].")
    assert "unsupported_draft" not in {f.kind for f in summary.flags}


# -- 3. a document the patient does not have ---------------------------------------------------


def test_a_file_name_the_record_lacks_is_flagged() -> None:
    summary = summarise(
        {
            "Current medications": "(note_3.txt) Colchicine 500 micrograms twice daily for 5"
            " days [2]. (note_2.txt) Colchicine 500 micrograms twice daily [2]."
        }
    )
    unknown = [f for f in summary.flags if f.kind == "unknown_document"]
    assert [f.token for f in unknown] == ["note_3.txt"]
    assert "names a document, “note_3.txt”, that is not in this patient's record" in (
        unknown[0].message
    )
    assert summary.text[unknown[0].token_start : unknown[0].token_end] == "note_3.txt"
    # The record's names count, not only the documents summarised.
    whole = summarise(
        {"Current medications": "(note_3.txt) Colchicine 500 micrograms twice daily [2]."},
        record=["note_1.txt", "note_2.txt", "note_3.txt"],
    )
    assert "unknown_document" not in {f.kind for f in whole.flags}


# -- 4. quotes without Markdown -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [("**Section 1**", "Section 1"), ("Summary** [8]", "Summary [8]"), ("__Notes__", "Notes")],
)
def test_a_flag_quotes_the_sentence_without_markdown(sentence: str, quoted: str) -> None:
    text = f"{sentence} and so on.\n"
    flag = Flag(0, "unsupported", "", "", 0, len(text) - 1)
    assert sentence_opening(text, flag) == f"{quoted} and so on."
    ((place, _),) = listed_flags([flag], text)
    assert "*" not in place and quoted in place


def test_a_file_name_keeps_its_underscore_in_a_quote() -> None:
    text = "(note_3.txt) Medication list.\n"
    assert sentence_opening(text, Flag(0, "unsupported", "", "", 0, len(text) - 1)) == (
        "(note_3.txt) Medication list."
    )


# -- 5. one count ------------------------------------------------------------------------------


def test_outputs_list_counts_the_items_the_window_lists(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = summarise({"Current medications": "Colchicine 7 mg, 1 g twice daily [2]."})
    items = items_to_check(summary.flags, summary.text)
    assert items == len(listed_flags(summary.flags, summary.text)) < len(summary.flags)
    folder = tmp_path / "vault"
    with new_vault(folder) as vault:
        save_summary(vault, vault.add_patient("P"), summary)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    assert run_cli("outputs", "list", "--vault", str(folder), "--passphrase-file", str(secret)) == 0
    out = capsys.readouterr().out
    assert f"({items} item(s) to check)" in out, out


def test_the_terminal_marks_an_attached_citation_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    summary = summarise({"Allergies and intolerances": "Colchicine."})
    folder = tmp_path / "vault"
    with new_vault(folder) as vault:
        output = save_summary(vault, vault.add_patient("P"), summary)
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS + "\n")
    opts = ["--vault", str(folder), "--passphrase-file", str(secret)]
    assert run_cli("outputs", "show", str(output), *opts) == 0
    out = capsys.readouterr().out
    assert "Colchicine [2†]." in out and ATTACHED_NOTE in out, out
