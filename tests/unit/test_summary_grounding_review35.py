"""Review 35 of the summary checks (walk 38), through the real grounding and summary paths:
a passage's allergy list laid out line by line backs the allergies it lists; a heading that
names medications and allergies is no allergy heading; allergies written other ways are read,
and a passage that only prescribes the drug, says no allergy, or gives it under "Medications:"
backs none; the record's file names with spaces are known, and a path's or web address's file
names are left alone; a "## " heading the model writes inside a section stays in it; quotes keep
the stars and underscores inside words. Each test failed before its fix."""

from __future__ import annotations

import re
from collections.abc import Sequence

import pytest
from fixtures.fake_models import FakeChatModel, hit

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.rag.checks.document_names import check_document_names
from medlocal.rag.flags import Flag, listed_flags, plain_words, sentence_opening
from medlocal.rag.grounding import ground
from medlocal.rag.summarize import NO_SUPPORTED_SECTION, Summarizer, Summary
from medlocal.rag.templates import get_template


def allergy_flags(text: str, passage: str) -> list[str]:
    """The drugs ``text`` (citing ``passage`` as [1]) is flagged "unsupported_allergy" for."""
    return [f.token for f in ground(text, {1: passage}).flags if f.kind == "unsupported_allergy"]


# -- 2. an allergy list laid out line by line ---------------------------------------------------

LISTED = "## Allergies and intolerances\nPenicillin and codeine [1]."


@pytest.mark.parametrize(
    "passage",
    [
        "Allergies:\n- Penicillin\n- Codeine",
        "Allergies:\nPenicillin\nCodeine",
        "Allergies:\n1. Penicillin\n2. Codeine",
        "ALLERGIES:\n- Penicillin\n- Codeine\n\nPlan: review in 3 months.",
        "Allergies:\n\n- Penicillin (rash)\n- Codeine - vomiting",
        "DRUG ALLERGIES\n• Penicillin\n• Codeine",
        "Seen today.\n\n## Allergies\nPenicillin\nCodeine",
    ],
)
def test_an_allergy_list_of_lines_backs_each_allergy(passage: str) -> None:
    assert allergy_flags(LISTED, passage) == []


@pytest.mark.parametrize(
    "passage",
    [
        "Medications:\n- Penicillin V 250 mg\n- Codeine 30 mg",
        "Allergies: none known.\nMedications:\n- Penicillin V 250 mg\n- Codeine 30 mg",
        "Allergies:\n- Latex\n\nMedications:\n- Penicillin V 250 mg\n- Codeine 30 mg",
    ],
)
def test_a_list_under_another_label_backs_no_allergy(passage: str) -> None:
    assert allergy_flags(LISTED, passage) == ["penicillin", "codeine"]


# -- 3. a heading naming medications and allergies ----------------------------------------------

NOTE_1 = hit(
    1,
    "Review 18/12/2024. Acute gout of the right first toe. Allergies: penicillin (rash).",
    file_name="note_1.txt",
    document_id=1,
)
NOTE_2 = hit(
    2,
    "Plan 20/12/2024. Colchicine 500 micrograms twice daily for 5 days. Metformin 1 g twice daily.",
    file_name="Discharge summary 2024.pdf",
    document_id=2,
)


def summarise(sections: dict[str, str], template: str) -> Summary:
    """Map: one cited note. Reduce: ``sections[heading]``, else "None documented."."""

    def reply(messages: Sequence[ChatMessage]) -> str:
        found = re.search(r"Write the section '([^']+)'", messages[-1].content)
        if found is None:
            return "Colchicine 500 micrograms twice daily for 5 days [2]. Penicillin allergy [1]."
        return sections.get(found.group(1), "None documented.")

    model = FakeChatModel(reply, n_ctx=4096)
    return Summarizer(model, params=SamplingParams(max_tokens=400)).summarize(
        [NOTE_1, NOTE_2], get_template(template)
    )


def test_a_heading_naming_medications_too_is_no_allergy_heading() -> None:
    summary = summarise(
        {
            "Current medications and allergies": "Colchicine 500 micrograms twice daily for 5"
            " days [2]. Metformin 1 g twice daily [2]. Penicillin allergy (rash) [1]."
        },
        "referral-letter",
    )
    assert "unsupported_allergy" not in {f.kind for f in summary.flags}
    # Its sentences are read by the sentence rules: a prescribed drug called an allergy is.
    mixed = "## Current medications and allergies\nColchicine allergy [1]."
    assert allergy_flags(mixed, NOTE_1.text + " " + NOTE_2.text) == ["colchicine"]
    # An allergy heading that names no medications still gives every drug as an allergy.
    for heading in ("Drug allergies", "Adverse drug reactions", "Allergies and intolerances"):
        assert allergy_flags(f"## {heading}\nColchicine [1].", NOTE_2.text) == ["colchicine"]


# -- 4. allergies written other ways; passages that back none -----------------------------------

PRESCRIBED = "Clinic 12/03/2024. Amoxicillin 500 mg three times daily for 7 days."
ALLERGY = "Allergies: amoxicillin (rash)."


@pytest.mark.parametrize(
    "text",
    [
        "She had an allergic reaction to amoxicillin [1].",
        "Amoxicillin - rash [1].",
        "Amoxicillin caused anaphylaxis [1].",
        "Allergy - amoxicillin [1].",
        "Allergic to: amoxicillin [1].",
        "Allergies: penicillin, codeine, morphine, aspirin and amoxicillin [1].",
    ],
)
def test_an_allergy_written_other_ways_is_read(text: str) -> None:
    assert "amoxicillin" in allergy_flags(text, PRESCRIBED)
    assert "amoxicillin" not in allergy_flags(text, ALLERGY)


@pytest.mark.parametrize(
    "passage",
    [
        "Allergies: none known.\nMedications: amoxicillin 500 mg three times daily.",
        "NKDA. Amoxicillin 500 mg three times daily.",
        "Chest clear, no rash. Amoxicillin 500 mg three times daily started.",
        "Allergies: penicillin. Medications: amoxicillin 500 mg three times daily.",
    ],
)
def test_a_negated_or_other_label_backs_no_allergy(passage: str) -> None:
    assert allergy_flags("She is allergic to amoxicillin [1].", passage) == ["amoxicillin"]


def test_a_drug_not_given_as_an_allergy_is_not_flagged() -> None:
    for text in (
        "No allergy to amoxicillin [1].",
        "She is not allergic to amoxicillin [1].",
        "She had no reaction to amoxicillin [1].",
        "No amoxicillin allergy [1].",
        "NKDA; takes amoxicillin 500 mg three times daily [1].",
        "Amoxicillin 500 mg three times daily for 7 days [1].",
    ):
        assert allergy_flags(text, PRESCRIBED) == [], text
    # "Penicillin - rash; no anaphylaxis": the rash is given.
    assert allergy_flags("Penicillin allergy [1].", "Penicillin - rash; no anaphylaxis.") == []


# -- 5. file names with spaces, paths and addresses ---------------------------------------------

RECORD = {"Discharge summary 2024.pdf", "Clinic letter.docx", "note_1.txt"}


@pytest.mark.parametrize(
    ("text", "unknown"),
    [
        ("Admitted with pneumonia (Discharge summary 2024.pdf).", []),
        ("Seen in clinic (clinic  LETTER.docx).", []),
        ("Seen in clinic (Clinic letter.docx, note_1.txt, note_2.txt).", ["note_2.txt"]),
        ("See https://www.nice.org.uk/guidance/ng28/chapter/index.html for targets.", []),
        ("Stored at C:\\scans\\chest.pdf and /home/gp/letters/a.docx today.", []),
        ("Per NICE NG28.pdf, HbA1c target 48.", ["NG28.pdf"]),
    ],
)
def test_the_records_names_with_spaces_are_known(text: str, unknown: list[str]) -> None:
    flags = check_document_names(text, RECORD)
    assert [f.token for f in flags] == unknown
    assert all(text[f.token_start : f.token_end] == f.token for f in flags)


def test_a_summary_citing_a_document_with_spaces_is_not_flagged() -> None:
    summary = summarise(
        {
            "Current medications": "Colchicine 500 micrograms twice daily for 5 days [2]"
            " (Discharge summary 2024.pdf)."
        },
        "medication-list",
    )
    assert "unknown_document" not in {f.kind for f in summary.flags}


# -- 6. a "## " heading the model writes inside a section ---------------------------------------


def test_a_heading_inside_a_section_keeps_the_sections_text() -> None:
    summary = summarise(
        {
            "Current medications": "## Gout\nColchicine 500 micrograms twice daily for 5 days"
            " [2].\n# Diabetes\nMetformin 2 g twice daily [2]."
        },
        "medication-list",
    )
    assert NO_SUPPORTED_SECTION not in summary.text
    assert "unsupported_draft" not in {f.kind for f in summary.flags}
    assert "\n### Gout\n" in summary.text and "\n### Diabetes\n" in summary.text
    # A flag under the inner heading names the section the window and exports show it in.
    places = [place for place, _ in listed_flags(summary.flags, summary.text)]
    assert any(p.startswith("section “Current medications”, sentence “Metformin") for p in places)


# -- 7. quotes keep what is inside words ---------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        ("See [NAME]_GP_letter.pdf now", "See [NAME]_GP_letter.pdf now"),
        ("x*2*y is 4", "x*2*y is 4"),
        ("(**Plan**): _review_.", "(Plan): review."),
        ("**Summary**[8] here", "Summary[8] here"),
    ],
)
def test_a_quote_strips_emphasis_only_at_word_edges(sentence: str, quoted: str) -> None:
    assert plain_words(sentence) == quoted
    text = sentence + "\n"
    assert sentence_opening(text, Flag(0, "unsupported", "", "", 0, len(sentence))) == quoted
