"""Walk 44 D7: in an 8-document medication-list summary, "Stopped medications: He has been
discharged from hospital with no discharge instructions and is being treated at [FACILITY] for
acute kidney injury (AKI) [2]." carried no flag, and neither did such lines under "Allergies and
intolerances", while "Current medications" flagged a line naming no medicine. The cause: any "no"
in the line ("with no discharge instructions") was read as "there are none", and allergy
sections were not read at all. Each test failed before the fix (checked by reverting
medlocal/rag/checks/heading_fit.py)."""

from __future__ import annotations

import pytest
from fixtures.fake_models import FakeChatModel, hit

from medlocal.engine.api import SamplingParams
from medlocal.rag.grounding import ground
from medlocal.rag.summarize import Summarizer
from medlocal.rag.templates import get_template

PASSAGES = {
    1: "Discharge summary, Ward 7. Admitted 25/04/2023 with acute kidney injury (AKI). He has"
    " been discharged from hospital. Ramipril stopped 18/11/2023 on admission with AKI.",
    2: "He is being treated at the renal unit for acute kidney injury (AKI). Allergies: penicillin"
    " (rash). Metformin stopped because of renal function.",
}
WALK_LINE = (
    "He has been discharged from hospital with no discharge instructions and is being treated"
    " at the renal unit for acute kidney injury (AKI) [2]."
)
HEADINGS = [
    "Current medications",
    "Stopped medications",
    "Allergies and intolerances",
    "Current medications and allergies",
]


def wrong_section(heading: str, body: str) -> list[str]:
    result = ground(f"# Medication list\n\n## {heading}\n\n{body}\n", PASSAGES)
    return [f.message for f in result.flags if f.kind == "wrong_section"]


@pytest.mark.parametrize("heading", HEADINGS)
def test_the_walk_line_is_flagged_alike_under_every_medication_list_section(heading: str) -> None:
    (message,) = wrong_section(heading, WALK_LINE)
    assert f"under “{heading}” but names no" in message


@pytest.mark.parametrize("heading", HEADINGS)
def test_a_line_naming_nothing_is_flagged_under_an_allergy_section(heading: str) -> None:
    (message,) = wrong_section(heading, "He is being treated at the renal unit for AKI [2].")
    if "llerg" in heading and "medication" not in heading:
        assert "names no allergen" in message and "not as an allergy" in message


@pytest.mark.parametrize(
    ("heading", "body"),
    [
        ("Stopped medications", "Ramipril, stopped 18/11/2023 on admission with AKI [1]."),
        ("Stopped medications", "None were stopped [1]."),
        ("Stopped medications", "- No medicines stopped [1]."),
        ("Stopped medications", "Nil [1]."),
        ("Allergies and intolerances", "Penicillin: rash [2]."),
        ("Allergies and intolerances", "No known allergies [2]."),
        ("Allergies and intolerances", "NKDA [2]."),
        ("Allergies and intolerances", "Allergies: none known [2]."),
        ("Allergies and intolerances", "Latex allergy [2]."),
        ("Current medications and allergies", "Penicillin allergy [2]."),
    ],
)
def test_a_medicine_an_allergen_or_saying_none_fits(heading: str, body: str) -> None:
    assert wrong_section(heading, body) == []


def test_the_summary_flags_the_walk_line_under_stopped_medications_and_allergies() -> None:
    sections = {
        "Current medications": "Apixaban 2.5 mg twice daily [1].",
        "Stopped medications": WALK_LINE.replace("[2]", "[1]"),
        "Allergies and intolerances": "- " + WALK_LINE.replace("[2]", "[1]"),
    }

    def reply(messages: object) -> str:
        last = messages[-1].content  # type: ignore[index]
        for heading, body in sections.items():
            if f"'{heading}'" in last:
                return body
        return "Apixaban 2.5 mg twice daily [1]."

    letter = hit(1, PASSAGES[1] + " " + PASSAGES[2] + " Apixaban 2.5 mg twice daily.")
    summary = Summarizer(
        FakeChatModel(reply, n_ctx=4096), params=SamplingParams(max_tokens=400)
    ).summarize([letter], get_template("medication-list"))
    flagged = sorted({f.message.split("”")[0] for f in summary.flags if f.kind == "wrong_section"})
    assert flagged == [
        "this stands under “Allergies and intolerances",
        "this stands under “Stopped medications",
    ], summary.text
