"""What a small model writes into a summary that is no summary (walk 26, SmolLM2-135M): loops of
lines alike, echoed headings, its instructions restated, one section copied into the next. The
summary removes it, says so in a flag on the section, and a section with nothing left says it was
not extracted. Scripted model outputs; each test failed before the section guard."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from fixtures.fake_models import FakeChatModel, hit

from medlocal import paths
from medlocal.cli.answer_sources import print_sources_and_flags
from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.rag.export_files import ExportDocument, render_markdown
from medlocal.rag.flags import Flag
from medlocal.rag.loop_watch import LoopWatch
from medlocal.rag.section_guard import Prompt, guard_section
from medlocal.rag.summarize import Summarizer, Summary
from medlocal.rag.templates import get_template
from medlocal.ui.render import flag_list_html

NOTE = hit(
    1,
    "GP review 20/03/2025. Atrial fibrillation, on apixaban 5 mg twice daily. Creatinine 102"
    " umol/L, weight 72 kg. Phalen's test negative.",
)


def _section(messages: Sequence[ChatMessage]) -> str | None:
    """The heading of the section a reduce prompt asks for; None for a map step."""
    found = re.search(r"Write the section '([^']+)'", messages[-1].content)
    return found.group(1) if found else None


# What a section says when a test does not script it: each its own.
WELL_WRITTEN = {
    "Subjective": "Seen for review of atrial fibrillation [1].",
    "Objective": "Creatinine 102 umol/L, weight 72 kg [1].",
    "Assessment": "Atrial fibrillation [1].",
    "Plan": "Continue apixaban 5 mg twice daily [1].",
    "Current medications": "Apixaban 5 mg twice daily [1].",
    "Active problems": "Atrial fibrillation [1].",
}


def scripted(sections: dict[str, str], default: str | None = None) -> Any:
    """Map: one cited note. Reduce: ``sections[heading]``, else ``default``, else the section's
    WELL_WRITTEN text, else "None documented."."""

    def reply(messages: Sequence[ChatMessage]) -> str:
        heading = _section(messages)
        if heading is None:
            return "Atrial fibrillation, on apixaban 5 mg twice daily [1]."
        if heading in sections:
            return sections[heading]
        return default or WELL_WRITTEN.get(heading, "None documented.")

    return reply


def summarise(
    sections: dict[str, str],
    template: str = "soap",
    max_tokens: int = 400,
    default: str | None = None,
) -> Summary:
    model = FakeChatModel(scripted(sections, default), n_ctx=4096)
    return Summarizer(model, params=SamplingParams(max_tokens=max_tokens)).summarize(
        [NOTE], get_template(template)
    )


def body_of(summary: Summary, heading: str) -> str:
    """The text under ``## heading`` up to the next section."""
    return summary.text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0].strip()


def section_flags(summary: Summary, heading: str) -> list[Flag]:
    """The flags on a section's heading, but the one that keeps a section's unsupported draft
    (these tests' lines are mostly not in the note, and so set aside: see ``kept_text``)."""
    return [
        f
        for f in summary.flags
        if f.sentence == -1 and f.token == heading and f.kind != "unsupported_draft"
    ]


def kept_text(summary: Summary, heading: str) -> str:
    """What the section guard kept of a section: its text, or, where none of its lines rests on
    the note and the section reads "No supported text", the draft kept in its flag."""
    draft = [f.quote for f in summary.flags if f.kind == "unsupported_draft" and f.token == heading]
    return draft[0] if draft else body_of(summary, heading)


# -- loops ------------------------------------------------------------------------------------


OBJECTIVE_LOOP = (
    "Here is the section written in the objective format:\n\n"
    '"Objective:\n' + "\n".join(f"- Objective {n}:" for n in range(1, 36)) + "\n- Objective 3"
)


def test_numbered_empty_lines_are_not_extracted_and_flagged_on_their_section() -> None:
    # Walk 26: the SOAP note's Objective section was a lead-in and 35 empty "Objective N:"
    # lines, flagged only on its first and last line.
    summary = summarise({"Objective": OBJECTIVE_LOOP})
    objective = body_of(summary, "Objective")
    assert "Objective 2:" not in summary.text and "objective format" not in summary.text
    assert objective.startswith("Not extracted:"), objective
    (flag,) = section_flags(summary, "Objective")
    assert flag.kind == "not_extracted"
    # Stopped after eight lines alike (the rest would have gone the same way).
    assert "8 lines alike, “- Objective 1:” … “- Objective 8:” (removed)" in flag.message
    assert "MedLocal stopped the model once it looped" in flag.message
    # The flag sits on the section's heading, so every list names the section.
    assert summary.text[flag.start : flag.end] == "Objective"
    # The sections the model wrote well are untouched.
    assert body_of(summary, "Plan") == WELL_WRITTEN["Plan"]
    assert not [f for f in summary.flags if f.sentence == -1 and f.token != "Objective"]


def test_a_loop_the_model_ended_itself_is_cut_down_after_the_step() -> None:
    # Fewer than eight lines alike: the step runs to its end, and the guard removes them.
    loop = "Objective:\n" + "\n".join(f"- Objective {n}:" for n in range(1, 6))
    summary = summarise({"Objective": loop})
    assert body_of(summary, "Objective").startswith("Not extracted:")
    (flag,) = section_flags(summary, "Objective")
    assert "5 lines alike" in flag.message and "stopped" not in flag.message


def test_a_line_written_again_and_again_is_kept_once_and_flagged() -> None:
    loop = "\n".join(["- Apixaban 5 mg twice daily [1]."] * 6)
    summary = summarise({"Plan": loop})
    assert body_of(summary, "Plan") == "- Apixaban 5 mg twice daily [1]."
    (flag,) = section_flags(summary, "Plan")
    assert flag.kind == "degenerate_output"
    assert "wrote “- Apixaban 5 mg twice daily [1].” 6 times (kept once)" in flag.message


def test_lines_written_twice_over_in_order_are_kept_once_and_flagged() -> None:
    # Walk 27: the medication list written out a second time under itself.
    block = "- Apixaban 5 mg twice daily [1].\n- Bisoprolol 2.5 mg daily [1].\n- Weight 72 kg [1]."
    summary = summarise({"Plan": f"{block}\n{block}\nReview in three months [1]."})
    assert body_of(summary, "Plan") == f"{block}\nReview in three months [1]."
    (flag,) = section_flags(summary, "Plan")
    assert flag.kind == "degenerate_output"
    assert "wrote the same 3 sentences" in flag.message and "2 times (kept once)" in flag.message


def test_one_line_twice_and_lines_alike_out_of_order_are_kept() -> None:
    # Two entries alike may be a real list's; the same lines in another order are no copy.
    text = (
        "- Apixaban 5 mg twice daily [1].\n- Apixaban 5 mg twice daily [1].\n"
        "- Weight 72 kg [1].\n- Creatinine 102 umol/L [1].\n"
        "- Creatinine 102 umol/L [1].\n- Weight 72 kg [1]."
    )
    summary = summarise({"Plan": text})
    assert body_of(summary, "Plan") == text
    assert not [f for f in section_flags(summary, "Plan") if f.kind == "degenerate_output"]


def test_one_sentence_numbered_again_with_other_citations_is_kept_once() -> None:
    # Walk 28: "1. He works night shifts ... [5]. 2. ... [5]. 3. ... [6]." and no loop flag.
    said = "Atrial fibrillation, on apixaban 5 mg twice daily"
    loop = f"1. {said} [1].\n2. {said} [1].\n3. {said} [2]."
    summary = summarise({"Plan": loop})
    assert body_of(summary, "Plan") == f"1. {said} [1]."
    assert "degenerate_output" in [f.kind for f in section_flags(summary, "Plan")]


def test_a_sentence_repeated_in_one_paragraph_is_kept_once() -> None:
    loop = " ".join(["Apixaban 5 mg twice daily [1]."] * 4)
    summary = summarise({"Plan": loop})
    assert body_of(summary, "Plan") == "Apixaban 5 mg twice daily [1]."
    assert [f.kind for f in section_flags(summary, "Plan")] == ["degenerate_output"]


def test_a_word_said_again_and_again_in_one_line_is_cut_and_the_step_stopped() -> None:
    # Walk 26 again, with the real demo model: "Note:" then "Subjective: [2] Subjective: [3]
    # ..." to the end of the token budget, flagged only as an unsupported sentence.
    said = " ".join(f"Subjective: [{n}]" for n in range(2, 120))
    looping = f"Seen for review of atrial fibrillation [1].\n\nNote:\n {said}"
    model = FakeChatModel(scripted({"Subjective": looping}), n_ctx=4096)
    pieces: list[int] = []
    model.on_piece = pieces.append
    summary = Summarizer(model, params=SamplingParams(max_tokens=1000)).summarize(
        [NOTE], get_template("soap")
    )
    assert pieces.count(2) < 30, pieces.count(2)  # call 2: the first section (after the map)
    assert body_of(summary, "Subjective") == "Seen for review of atrial fibrillation [1]."
    (flag,) = section_flags(summary, "Subjective")
    assert flag.kind == "degenerate_output"
    assert "wrote “Subjective: [2]” 8 times (kept once)" in flag.message
    assert "MedLocal stopped the model once it looped" in flag.message


def test_uncited_lines_alike_but_for_their_numbers_are_a_loop() -> None:
    # The real demo model's plan: "Follow-up: 8 years after the treatment", "... 9 years ...",
    # and nine more, each flagged on its own as unsupported.
    years = (8, 9, 12, 15, 17, 18)
    plan = "Continue apixaban [1].\n" + "\n".join(
        f"- Follow-up: {y} years after the treatment" for y in years
    )
    summary = summarise({"Plan": plan})
    assert body_of(summary, "Plan") == (
        "Continue apixaban [1].\n- Follow-up: 8 years after the treatment"
    )
    (flag,) = section_flags(summary, "Plan")
    assert "6 lines alike" in flag.message and "18 years" in flag.message


def test_table_cells_that_say_the_same_are_no_loop() -> None:
    row = "| Apixaban | 5 mg | not stated | not stated | not stated | [1] |"
    summary = summarise({"Current medications": row}, template="medication-list")
    assert body_of(summary, "Current medications") == row
    assert not section_flags(summary, "Current medications")


def test_a_cited_list_whose_lines_differ_only_in_their_numbers_is_kept() -> None:
    # A trend of one lab value is a real list, not a loop: nothing is removed or flagged.
    trend = "\n".join(f"- Creatinine {v} umol/L [1]" for v in (102, 98, 110, 121, 99))
    summary = summarise({"Objective": trend})
    assert body_of(summary, "Objective") == trend
    assert not section_flags(summary, "Objective")


def test_a_looping_step_is_stopped_early() -> None:
    # The rest of the budget would have gone the same way: the step ends after a few lines.
    looping = "\n".join(f"- Objective {n}:" for n in range(1, 200))
    model = FakeChatModel(scripted({"Objective": looping}), n_ctx=4096)
    pieces: list[int] = []
    model.on_piece = pieces.append
    summary = Summarizer(model, params=SamplingParams(max_tokens=1000)).summarize(
        [NOTE], get_template("soap")
    )
    objective_call = next(i for i, c in enumerate(model.calls, 1) if _section(c) == "Objective")
    read = pieces.count(objective_call)
    assert read < 40, read  # 199 lines = 398 words were scripted
    assert body_of(summary, "Objective").startswith("Not extracted:")
    # Stopped for the loop, not by the budget: no "cut short" flag besides.
    assert [f.kind for f in section_flags(summary, "Objective")] == ["not_extracted"]


def test_a_step_writing_the_same_lines_over_and_over_is_stopped_early() -> None:
    block = "- Apixaban 5 mg twice daily [1].\n- Weight 72 kg [1].\n"
    model = FakeChatModel(scripted({"Plan": block * 100}), n_ctx=4096)
    pieces: list[int] = []
    model.on_piece = pieces.append
    summary = Summarizer(model, params=SamplingParams(max_tokens=2000)).summarize(
        [NOTE], get_template("soap")
    )
    plan_call = next(i for i, c in enumerate(model.calls, 1) if _section(c) == "Plan")
    assert pieces.count(plan_call) < 100, pieces.count(plan_call)  # 200 lines were scripted
    assert body_of(summary, "Plan") == block.strip()


# -- headings and instructions ----------------------------------------------------------------


def test_an_echoed_heading_is_dropped_without_a_flag() -> None:
    # Walk 26: "Active problems" / "Active problems:" in the view and the exports.
    summary = summarise(
        {
            "Active problems": "Active problems:\nAtrial fibrillation on apixaban [1].",
            "Past problems": "**Problem list**\n\nPast problems: None documented.",
            # Lines the note supports: a section of unsupported lines reads "No supported text".
            "Risk factors": "Atrial fibrillation [1].\n- Risk factors: creatinine 102 umol/L [1].",
        },
        template="problem-list",
    )
    assert body_of(summary, "Active problems") == "Atrial fibrillation on apixaban [1]."
    assert body_of(summary, "Past problems") == "None documented."
    assert body_of(summary, "Risk factors") == (
        "Atrial fibrillation [1].\n- creatinine 102 umol/L [1]."
    )
    assert summary.text.count("Active problems") == 1
    assert summary.text.count("Problem list") == 1
    assert not [f for f in summary.flags if f.sentence == -1]


def test_restated_instructions_are_removed_and_quoted_in_a_flag() -> None:
    summary = summarise(
        {
            "Allergies and intolerances": "Penicillin allergy with rash [1].\n\nAdd the note"
            ' "Allergies and intolerances" to the end of the section.',
            "Stopped medications": "Here is the section with the notes:\nNone documented.",
        },
        template="medication-list",
    )
    allergies = kept_text(summary, "Allergies and intolerances")
    assert allergies == "Penicillin allergy with rash [1]."
    (flag,) = section_flags(summary, "Allergies and intolerances")
    assert flag.kind == "degenerate_output"
    assert "restated MedLocal's instructions" in flag.message and "Add the note" in flag.message
    assert body_of(summary, "Stopped medications") == "None documented."


def test_instructions_of_a_users_own_template_are_recognised_too() -> None:
    # Found by overlap with the prompt the model was given, whatever the template says.
    folder = paths.config_dir() / "templates"
    folder.mkdir(exist_ok=True)
    (folder / "wounds.toml").write_text(
        'name = "wounds"\ntitle = "Wound chart"\n[[sections]]\nheading = "Wound care"\n'
        'instructions = "Describe each wound with its site, size and dressing."\n'
    )
    restated = (
        "Describe each wound in this section with its site, size and dressing from the notes."
    )
    clinical = "Wound on the left shin, 3 cm across, dry dressing."  # uncited, but a claim
    try:
        summary = summarise({"Wound care": f"{restated}\n{clinical}"}, template="wounds")
    finally:
        Path(folder / "wounds.toml").unlink()
    assert kept_text(summary, "Wound care") == clinical
    (flag,) = section_flags(summary, "Wound care")
    assert "Describe each wound in this section" in flag.message


def test_clinical_sentences_using_the_instructions_words_are_kept() -> None:
    kept = (
        "Examination findings: Phalen's test negative [1].\n"
        "Clinical examination unremarkable.\n"
        "Use one tablet every morning."
    )
    summary = summarise({"Objective": kept})
    assert body_of(summary, "Objective") == kept
    assert not section_flags(summary, "Objective")


def test_a_sentence_naming_a_medicine_is_never_taken_for_instructions() -> None:
    # Every word but the drug's is in the section's instructions ("notes", "document", "stop"):
    # it read as a restated instruction and was removed, losing a stopped medicine.
    stopped = "The notes document that she stopped aspirin."
    summary = summarise({"Stopped medications": stopped}, template="medication-list")
    assert kept_text(summary, "Stopped medications") == stopped
    assert "restated" not in " ".join(f.message for f in summary.flags)


# -- sections ----------------------------------------------------------------------------------


CEFTRIAXONE = "She was treated with IV ceftriaxone 1 g daily for 5 days [1]"


def test_a_section_that_only_repeats_another_is_flagged() -> None:
    # Walk 26: one sentence about an inpatient antibiotic was the whole of all three sections.
    summary = summarise(
        {
            "Current medications": f"{CEFTRIAXONE}.",
            "Stopped medications": f"{CEFTRIAXONE} and stopped due to stopping medications.",
            "Allergies and intolerances": f"{CEFTRIAXONE}.",
        },
        template="medication-list",
    )
    assert not section_flags(summary, "Current medications")
    for heading in ("Stopped medications", "Allergies and intolerances"):
        (flag,) = section_flags(summary, heading)
        assert flag.kind == "degenerate_output"
        assert "only repeats what the section “Current medications” says" in flag.message


def test_a_section_saying_part_of_an_earlier_one_is_a_repeat_too() -> None:
    # The real demo model: Objective said the first half of Subjective's sentence again.
    summary = summarise(
        {
            "Subjective": "The patient is Margaret Thornbury, a retired teacher [1] living at"
            " 17 Wattle Creek Road.",
            "Objective": "The patient is Margaret Thornbury, a retired teacher [1].",
        }
    )
    (flag,) = section_flags(summary, "Objective")
    assert "only repeats what the section “Subjective” says" in flag.message


def test_sections_that_each_say_none_documented_are_not_repeats() -> None:
    summary = summarise({"Current medications": "None documented."}, template="medication-list")
    assert not [f for f in summary.flags if f.sentence == -1]


def test_a_section_the_model_left_empty_says_it_was_not_extracted() -> None:
    summary = summarise({"Risk factors": "Risk factors:"}, template="problem-list")
    assert body_of(summary, "Risk factors").startswith("Not extracted:")
    (flag,) = section_flags(summary, "Risk factors")
    assert flag.kind == "not_extracted" and "wrote nothing for it" in flag.message


# -- the flag list -----------------------------------------------------------------------------


def _repeated_wrong_dose() -> Summary:
    wrong = "Apixaban 2.5 mg twice daily [1]."  # the note gives 5 mg
    return summarise(
        # Not "Allergies": there a drug the note prescribes is flagged as no allergy, too.
        {"Current medications": wrong, "Stopped medications": wrong},
        template="medication-list",
    )


def test_the_terminal_lists_a_sentence_of_several_sections_once_naming_them(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Walk 26: 10 flags, 4 distinct, each printed once per section with no section named.
    summary = _repeated_wrong_dose()
    print_sources_and_flags(summary.sources, summary.flags, summary.text, "summary")
    out = capsys.readouterr().out
    flagged = [line for line in out.splitlines() if "number '2.5 mg'" in line]
    assert len(flagged) == 1, out
    assert flagged[0].startswith(
        "  - sections “Current medications”, “Stopped medications”, sentence “Apixaban"
    ), flagged


def test_the_window_and_the_export_list_it_once_too() -> None:
    summary = _repeated_wrong_dose()
    listed = flag_list_html(summary.flags, summary.text)
    assert listed.count("number &#x27;2.5 mg&#x27;") == 1, listed
    assert "Sections “Current medications”, “Stopped medications”" in listed
    doc = ExportDocument("Medication list", "summary", summary.text, flags=summary.flags)
    lines = render_markdown(doc).split("## Flags", 1)[1].splitlines()
    flagged = [line for line in lines if "number '2.5 mg'" in line]
    assert len(flagged) == 1 and "“Stopped medications”" in flagged[0], lines


def test_a_flag_on_a_section_names_it_in_every_list(capsys: pytest.CaptureFixture[str]) -> None:
    summary = summarise({"Objective": OBJECTIVE_LOOP})
    print_sources_and_flags(summary.sources, summary.flags, summary.text, "summary")
    out = capsys.readouterr().out
    assert "  - section “Objective”: not extracted: MedLocal could not extract" in out, out
    listed = flag_list_html(summary.flags, summary.text)
    assert "<b>Section “Objective”</b>" in listed
    doc = ExportDocument("SOAP note", "summary", summary.text, flags=summary.flags)
    assert "- section “Objective”: not extracted:" in render_markdown(doc)


# grfix42a (walk 42g #6): the real demo model's allergy section, 19 invented allergies alike
# but for a word and their numbers, each flagged on its own only as "unsupported".
ALLERGY_LOOP = "Here is the section with all allergies and intolerances:\n\n" + "\n".join(
    f"{n}. Allergy to {name} ({n + 1})"
    for n, name in enumerate(
        ("penicillin", "sulfa drugs", "sulfonamides", "sulfite", "sulfites", "sulfoxides",
         "sulfimules", "sulfadiazine", "sulfonamidoses", "sulfite", "sulfites", "sulfa drugs"),
        start=1,
    )
)  # fmt: skip


def test_uncited_lines_of_one_shape_are_a_loop_kept_once_and_flagged() -> None:
    summary = summarise({"Allergies and intolerances": ALLERGY_LOOP}, template="medication-list")
    kept = kept_text(summary, "Allergies and intolerances")
    assert "sulf" not in kept and "1. Allergy to penicillin (2)" in kept, kept
    (flag,) = [
        f for f in section_flags(summary, "Allergies and intolerances") if f.kind != "cut_short"
    ]
    assert flag.kind in ("degenerate_output", "not_extracted")
    assert "lines alike" in flag.message and "sulf" in flag.message


def test_a_step_writing_lines_of_one_shape_is_stopped_early() -> None:
    looping = "\n".join(f"- Allergy to sulfa{'x' * n} ({n})" for n in range(1, 200))
    model = FakeChatModel(scripted({"Allergies and intolerances": looping}), n_ctx=8192)
    pieces: list[int] = []
    model.on_piece = pieces.append
    Summarizer(model, params=SamplingParams(max_tokens=2000)).summarize(
        [NOTE], get_template("medication-list")
    )
    call = next(
        i for i, c in enumerate(model.calls, 1) if _section(c) == "Allergies and intolerances"
    )
    assert pieces.count(call) < 60, pieces.count(call)  # 199 lines were scripted


def test_a_cited_list_of_one_shape_is_kept() -> None:
    # Cited lines of one shape are a real list: "- Allergy to X [1]" six times stays.
    listed = "\n".join(
        f"- Allergy to {name} [1]"
        for name in ("penicillin", "codeine", "latex", "peanuts", "aspirin", "morphine")
    )
    summary = summarise({"Allergies and intolerances": listed}, template="medication-list")
    assert not [
        f
        for f in section_flags(summary, "Allergies and intolerances")
        if f.kind == "degenerate_output"
    ]


# Review 42: a real list cited once, above it, or a series of one measurement, was cut as a
# loop of one shape ("wrote 6 lines alike ... (kept once)"): five real allergies dropped.
ALLERGIES = "Allergies (from the clinic letter [3]):\n" + "\n".join(
    f"- Allergic to {name}: anaphylaxis"
    for name in ("penicillin", "codeine", "latex", "peanuts", "shellfish", "sulfonamides")
)
HBA1C = "\n".join(
    f"- HbA1c on {day}: {value} mmol/mol"
    for day, value in (
        ("3 March", 58), ("9 June", 61), ("2 September", 64), ("1 December", 66),
        ("5 February", 70), ("7 May", 72),
    )
)  # fmt: skip
HBA1C_NOTES = (
    "HbA1c 58 mmol/mol (3 March), 61 (9 June), 64 (2 September), 66 (1 December), 70 (5"
    " February), 72 mmol/mol (7 May)."
)
GUARD_PROMPT = Prompt("Write the section of a summary.", "Results", "Summary", "List results.")


def test_a_list_under_a_cited_lead_in_is_kept_whole() -> None:
    for text in (ALLERGIES, "HbA1c results [2]:\n" + HBA1C):
        guarded = guard_section(text, GUARD_PROMPT, notes="")
        assert guarded.text == text and not guarded.loops, guarded.problems()
    summary = summarise({"Allergies and intolerances": ALLERGIES}, template="medication-list")
    kept = kept_text(summary, "Allergies and intolerances")
    assert "sulfonamides" in kept and "peanuts" in kept, kept
    assert not any("lines alike" in f.message for f in summary.flags)


def test_uncited_lines_naming_what_the_notes_or_the_allergen_list_name_are_kept() -> None:
    # A series whose dates the notes hold, and allergies all known, with no lead-in at all.
    guarded = guard_section(HBA1C, GUARD_PROMPT, notes=HBA1C_NOTES)
    assert guarded.text == HBA1C and not guarded.loops, guarded.problems()
    allergies = ALLERGIES.split("\n", 1)[1]
    guarded = guard_section(allergies, GUARD_PROMPT, notes="Clinic letter.")
    assert guarded.text == allergies and not guarded.loops, guarded.problems()
    # A loop watch reading the same lines, eight of them, does not stop the step either.
    watch = LoopWatch(notes=HBA1C_NOTES + " 69 (4 July), 68 (6 June).")
    series = HBA1C + "\n- HbA1c on 4 July: 69 mmol/mol\n- HbA1c on 6 June: 68 mmol/mol\n"
    assert not any(watch.feed(line + "\n") for line in series.split("\n"))


def test_of_lines_of_one_shape_only_those_naming_what_no_note_does_are_cut() -> None:
    # One invented allergen ("sulfimules") makes the lines a loop; the lines whose allergen
    # the notes name stay, the others go.
    names = ("penicillin", "codeine", "sulfimules", "latex", "sulfonamidoses", "peanuts")
    text = "\n".join(f"- Allergy to {name} (rash)" for name in names)
    guarded = guard_section(text, GUARD_PROMPT, notes="Allergic to codeine and latex.")
    assert guarded.text.split("\n") == [
        "- Allergy to penicillin (rash)",
        "- Allergy to codeine (rash)",
        "- Allergy to latex (rash)",
    ], guarded.text
    assert "lines alike" in guarded.problems()


def test_a_lead_in_that_restates_the_request_goes_even_beside_other_text() -> None:
    """Walk51b L8: "Here is the section:" and 'The section "Current medications" of a Medication
    list:' stayed in the summary, and its exports, as content whenever the section held other
    text; one opening a line went with it."""
    summary = summarise(
        {
            "Current medications": 'The section "Current medications" of a Medication list:\n'
            "Apixaban 5 mg twice daily [1].",
            "Stopped medications": "Here is the section:\n\nNone documented.",
            "Allergies and intolerances": "- Here is the section: No known drug allergies [1].",
        },
        template="medication-list",
    )
    assert body_of(summary, "Current medications") == "Apixaban 5 mg twice daily [1]."
    assert body_of(summary, "Stopped medications") == "None documented."
    assert kept_text(summary, "Allergies and intolerances") == "No known drug allergies [1]."
    assert "Here is" not in summary.text and 'The section "' not in summary.text
    assert not any("Here is" in f.message or "The section" in f.message for f in summary.flags)
    doc = ExportDocument("Medication list", "summary", summary.text, flags=summary.flags)
    assert "Here is" not in render_markdown(doc)


def test_a_label_that_says_something_is_no_lead_in() -> None:
    # Labels of the record's own ("Stopped medications:", "Patient:") and a lead-in naming a
    # medicine stay: only the request restated goes.
    prompt = Prompt("Write the section of a document from the notes.", "Current medications",
                    "Medication list", "List each current medicine.")  # fmt: skip
    for text in (
        "Medications:\n- Apixaban 5 mg [1]\nStopped medications:\n- aspirin [1]",
        "Patient: Harold Bexley [1]",
        "Here is the apixaban section: 5 mg twice daily [1].",
        "Section 2: apixaban [1].",
    ):
        assert guard_section(text, prompt).text == text


def test_a_lead_in_saying_the_text_was_requested_goes_too() -> None:
    """Walk 52a L4: "Here is the section with the requested notes:" stayed before the Results
    ("requested" is no word of the prompt); "Request:" alone is the record's own label."""
    for text in (
        "Here is the section with the requested notes: Troponin 45 ng/L [1].",
        "Here is the section with the requested notes: [1]\nTroponin 45 ng/L [1].",
        "Below are the requested results:\nTroponin 45 ng/L [1].",
    ):
        summary = summarise({"Results": text}, template="discharge-summary")
        kept = kept_text(summary, "Results")
        assert "requested" not in kept and "Troponin 45 ng/L" in kept, kept
    for label in ("Request: CT head [1].", "Requested notes: CT head [1]."):
        assert guard_section(label, GUARD_PROMPT, notes="").text == label
