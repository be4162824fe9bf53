"""Walk 39b defect 1: the demo model wrote "Current medications" as a list of two doctors' names
with no full stops, each name said again and again ("Dr Imogen Hartwell, Cardiology [1] Dr
Okonkwo, Cardiology [1] Dr Okonkwo, Cardiology [1] ..."), cut by the length limit at "[1". The
section kept the loop some ten times while its flag said the same phrase three times, with three
counts, each "kept once"; and the names passed as a medication list with no flag of their own.
Scripted model outputs of that shape; each test failed before the fix."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from fixtures.fake_models import FakeChatModel, hit

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.rag.flags import Flag
from medlocal.rag.loops import without_loops
from medlocal.rag.section_guard import Prompt, guard_section
from medlocal.rag.summarize import Summarizer, Summary
from medlocal.rag.templates import get_template

LETTER = hit(
    1,
    "Cardiology Outpatient Clinic Letter. Date of clinic: 23/11/2026. Seen by Dr Imogen"
    " Hartwell, Cardiology. cc Dr Okonkwo, Cardiology. Medications: apixaban 5 mg twice daily,"
    " bisoprolol 2.5 mg once daily. Furosemide was stopped.",
)

H = "Dr Imogen Hartwell, Cardiology [1] "
O = "Dr Okonkwo, Cardiology [1] "  # noqa: E741 - the other doctor's name, as H is the first's
# The walk's shape: runs of one name said back to back, between them the two names in a cycle
# of three (longer than any phrase the guard looked for), cut at an unclosed citation.
LOOP = (
    O + H * 5 + O * 2 + H + O * 2 + H * 3 + O * 2 + (H + O * 2) * 4 + H + O + H * 5 + O * 2
) + "Dr Imogen Hartwell, Cardiology [1"


def _section(messages: Sequence[ChatMessage]) -> str | None:
    found = re.search(r"Write the section '([^']+)'", messages[-1].content)
    return found.group(1) if found else None


def scripted(sections: dict[str, str]) -> Any:
    def reply(messages: Sequence[ChatMessage]) -> str:
        heading = _section(messages)
        if heading is None:
            return "Apixaban 5 mg twice daily and bisoprolol 2.5 mg once daily [1]."
        return sections.get(heading, "None documented.")

    return reply


def summarise(sections: dict[str, str]) -> Summary:
    model = FakeChatModel(scripted(sections), n_ctx=4096)
    return Summarizer(model, params=SamplingParams(max_tokens=400)).summarize(
        [LETTER], get_template("medication-list")
    )


def body_of(summary: Summary, heading: str) -> str:
    return summary.text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0].strip()


def loop_parts(flags: Sequence[Flag]) -> list[tuple[str, int, str]]:
    """(phrase, count, fate) of each "wrote “…” N times (kept once)" the flags say."""
    return [
        (m.group(1), int(m.group(2)), m.group(3))
        for f in flags
        if f.kind == "degenerate_output"
        for m in re.finditer(r"wrote “([^”]+)” (\d+) times \((kept once|removed)\)", f.message)
    ]


def words(text: str) -> list[str]:
    return re.sub(r"\[\d+\]", "[#]", text).replace(",", " ").split()


def said(phrase: str, text: str) -> int:
    """How many times ``phrase``'s words stand in ``text``, citation numbers aside."""
    mine, theirs = words(phrase), words(text)
    return sum(theirs[i : i + len(mine)] == mine for i in range(len(theirs)))


def test_a_loop_of_two_names_in_a_cycle_is_cut_to_one_of_each_as_the_flag_says() -> None:
    summary = summarise({"Current medications": LOOP})
    body = body_of(summary, "Current medications")
    assert said("Dr Imogen Hartwell, Cardiology", body) == 1, body
    assert said("Dr Okonkwo, Cardiology", body) == 1, body
    assert not body.endswith("[1") and "Dr Imogen" not in body.split("[1]")[-1]
    on_section = [f for f in summary.flags if f.token == "Current medications"]
    parts = loop_parts(on_section)
    assert parts, [f.message for f in on_section]
    # One saying of each phrase flagged, and what the flag says is what the section shows.
    quoted = [" ".join(sorted(words(p))) for p, _, _ in parts]
    assert len(quoted) == len(set(quoted)), parts
    for phrase, count, fate in parts:
        assert said(phrase, body) <= (1 if fate == "kept once" else 0), (phrase, body)
        assert count >= REPEATS_IN_LOOP, parts


REPEATS_IN_LOOP = 10  # each name is said far more often than that in LOOP


def test_the_names_under_a_medication_heading_are_flagged_as_no_medicine() -> None:
    summary = summarise({"Current medications": LOOP})
    (flag,) = [f for f in summary.flags if f.kind == "wrong_section"]
    assert "names no medicine" in flag.message and "Current medications" in flag.message
    assert "Hartwell" in summary.text[flag.start : flag.end]


def test_medicines_and_a_line_saying_there_are_none_fit_a_medication_heading() -> None:
    summary = summarise(
        {
            "Current medications": "Apixaban 5 mg twice daily [1]. Seen by Dr Okonkwo [1].\n"
            "Bisoprolol 2.5 mg once daily [1].",
            "Stopped medications": "Furosemide was stopped [1].",
        }
    )
    assert not [f for f in summary.flags if f.kind == "wrong_section"]


def test_a_line_of_the_record_under_discharge_medications_is_flagged() -> None:
    # Walk 39b item 6: "Discharge medications: 1. 5 days of worsening breathlessness ... [4]".
    reply = scripted({"Discharge medications": "1. Seen by Dr Okonkwo in cardiology clinic [1]."})
    model = FakeChatModel(reply, n_ctx=4096)
    summary = Summarizer(model, params=SamplingParams(max_tokens=400)).summarize(
        [LETTER], get_template("discharge-summary")
    )
    assert [f.token for f in summary.flags if f.kind == "wrong_section"] == [
        "Discharge medications"
    ]


def test_runs_of_one_phrase_apart_are_flagged_once_and_kept_once() -> None:
    # The same phrase said back to back in three places: one flag, one saying left.
    phrase = "No change in her breathlessness [1]"
    text = f"{phrase} " * 4 + "Reviewed today [1]. " + f"{phrase} " * 3 + "Stable [1]. "
    text += f"{phrase} " * 5
    prompt = Prompt("Write the section", "Subjective", "SOAP note", "Symptoms")
    guarded = guard_section(text.strip(), prompt)
    assert said(phrase, guarded.text) == 1, guarded.text
    assert len(guarded.loops) == 1 and guarded.loops[0].count == 12, guarded.loops
    # Answers too (a phrase there is a loop from eight sayings on).
    answer, loops = without_loops(f"{phrase} " * 8 + "Reviewed [1]. " + f"{phrase} " * 9)
    assert said(phrase, answer) == 1 and [loop.count for loop in loops] == [17], (answer, loops)
