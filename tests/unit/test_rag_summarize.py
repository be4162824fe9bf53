"""Map-reduce summaries with a scripted model: long records, anchors, templates, cancel."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from fixtures.fake_models import FakeChatModel, FakeStore, hit

from medlocal import paths
from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.errors import GenerationCancelled
from medlocal.rag.citations import cited_numbers
from medlocal.rag.summarize import Summarizer, save_summary
from medlocal.rag.templates import TemplateError, get_template, list_templates, scan_templates

BUILTIN = {
    "soap", "discharge-summary", "referral-letter", "medication-list", "problem-list",
    "patient-letter",
}  # fmt: skip


def record(n: int) -> list:  # type: ignore[type-arg]
    """``n`` chunks, each naming its own day and dose, in document order."""
    return [
        hit(
            i,
            f"Day {i}: metformin {100 + i} mg given, glucose {5 + i / 10:.1f} mmol/L.",
            start=i * 80,
        )
        for i in range(1, n + 1)
    ]


def echo_first_passage(messages: Sequence[ChatMessage]) -> str:
    """Summarise like a small model: map copies every fact with its citation; combine and reduce
    keep only the first note sentence."""
    user = messages[-1].content
    if user.startswith("Passages:"):
        facts = [line for line in user.split("\n") if line.startswith("Day ")]
        return " ".join(f"{fact.rstrip('.')} [{i}]." for i, fact in enumerate(facts, 1))
    # reduce / combine: repeat the first note sentence with its citation
    first = user.split("\n")[2]
    return first.split("].")[0] + "]."


def test_builtin_templates_are_data_with_sections() -> None:
    templates = {t.name: t for t in list_templates()}
    assert set(templates) >= BUILTIN
    meds = templates["medication-list"]
    assert "route" in meds.sections[0].instructions and "source" in meds.sections[0].instructions


def test_user_template_is_found_and_bad_one_is_explained() -> None:
    folder = paths.config_dir() / "templates"
    folder.mkdir()
    (folder / "mine.toml").write_text(
        'name = "mine"\ntitle = "My note"\n'
        '[[sections]]\nheading = "Facts"\ninstructions = "List."\n'
    )
    assert get_template("mine").title == "My note"
    (folder / "bad.toml").write_text('name = "bad"\ntitle = "x"\n')
    (folder / "broken.toml").write_text('name = "broken"\n[[sections]\nheading=')
    # A bad file of the user's is left out and explained; it no longer stops every summary (QA:
    # one half-edited file made `templates list` and every `summarize` fail).
    assert get_template("mine").title == "My note" and get_template("soap").name == "soap"
    assert "mine" in {t.name for t in list_templates()}
    templates, problems = scan_templates()
    assert {"bad", "broken"}.isdisjoint(t.name for t in templates)
    assert len(problems) == 2 and "sections" in problems[0] and "broken.toml" in problems[1]
    # The file meant comes first, on its own line (walk51b L2).
    with pytest.raises(TemplateError, match=r"cannot be used:\ntemplate bad\.toml: needs"):
        get_template("bad")
    with pytest.raises(TemplateError, match=r"left out: template bad\.toml"):
        get_template("other")
    Path(folder / "broken.toml").unlink()
    Path(folder / "bad.toml").unlink()


@pytest.mark.parametrize("name", sorted(BUILTIN))
def test_record_many_times_the_window_summarises_into_each_template(name: str) -> None:
    chunks = record(60)  # ~1000 words against a 300-token window
    model = FakeChatModel(echo_first_passage, n_ctx=300)
    stages: list[str] = []
    summarizer = Summarizer(model, params=SamplingParams(max_tokens=40))
    summary = summarizer.summarize(
        chunks, get_template(name), progress=lambda stage, done, total: stages.append(stage)
    )
    template = get_template(name)
    for section in template.sections:
        assert f"## {section.heading}" in summary.text
    assert summary.steps["map_notes"] > 1 and summary.steps["combine_rounds"] >= 1
    assert {"map", "reduce"} <= set(stages)
    numbers = cited_numbers(summary.text)
    assert numbers and all(1 <= n <= 60 for n in numbers)
    # Anchors were renumbered into the global list: each cited passage holds the cited dose.
    for source in summary.sources:
        assert source.chunk_id == source.number
    assert not [f for f in summary.flags if f.kind == "unverified_number"]
    assert all(model.count_chat_tokens(call) + 40 <= model.n_ctx for call in model.calls), (
        "every prompt fits the window"
    )
    assert summary.provenance["template"] == name


def test_wrong_number_in_summary_is_flagged() -> None:
    def wrong(messages: Sequence[ChatMessage]) -> str:
        if messages[-1].content.startswith("Passages:"):
            return "Metformin 101 mg given [1]."
        return "Metformin 999 mg given [1]."

    summary = Summarizer(FakeChatModel(wrong), params=SamplingParams(max_tokens=40)).summarize(
        record(3), get_template("soap")
    )
    assert {f.token for f in summary.flags if f.kind == "unverified_number"} == {"999 mg"}


def test_cancel_mid_summary_raises_and_stores_nothing() -> None:
    cancel = threading.Event()
    model = FakeChatModel(echo_first_passage, n_ctx=300)
    model.on_piece = lambda call: cancel.set() if call >= 3 else None
    store = FakeStore()
    with pytest.raises(GenerationCancelled):
        summary = Summarizer(model, params=SamplingParams(max_tokens=40)).summarize(
            record(60), get_template("soap"), cancel=cancel
        )
        save_summary(store, 1, summary)
    assert store.outputs == {} and store.events == []
    assert len(model.calls) == 3


def test_saving_a_summary_audits_it() -> None:
    model = FakeChatModel("Metformin 500 mg twice daily [1].")
    summary = Summarizer(model, params=SamplingParams(max_tokens=40)).summarize(
        record(4), get_template("soap")
    )
    store = FakeStore()
    output_id = save_summary(store, 7, summary)
    assert store.events == [
        (
            "summarize",
            {
                "patient_id": 7,
                "output_id": output_id,
                "template": "soap",
                "documents": summary.provenance.get("documents", []),
            },
        )
    ]


MEDS = [
    hit(1, "Discharge medications: apixaban 5 mg twice daily, metoprolol 25 mg daily.", start=0),
    hit(2, "Atorvastatin 40 mg nightly, furosemide 40 mg daily, omeprazole 20 mg daily.", start=80),
]


@pytest.mark.parametrize("name", ["medication-list", "patient-letter"])
def test_uncited_map_output_is_not_extracted_never_none_documented(name: str) -> None:
    # New-user test: a small model with --max-tokens 96 spent its step on an uncited preamble;
    # it was dropped and every section said "None documented." for five drugs, unflagged.
    def uncited(messages: Sequence[ChatMessage]) -> str:
        return "Sure! Here is a short overview of the key points from these passages"

    summary = Summarizer(FakeChatModel(uncited), params=SamplingParams(max_tokens=96)).summarize(
        MEDS, get_template(name)
    )
    assert "None documented" not in summary.text
    template = get_template(name)
    assert summary.text.count("Not extracted:") == len(template.sections)
    flagged = [f for f in summary.flags if f.kind == "not_extracted"]
    assert len(flagged) == len(template.sections)
    assert all("Not extracted:" in summary.text[f.start : f.end] for f in flagged)
    assert not [f for f in summary.flags if f.kind == "unsupported"]
    assert summary.steps["map_notes"] == 0 and summary.steps["map_unextracted"] == 1


def test_passages_the_model_says_are_silent_stay_none_documented() -> None:
    def silent(messages: Sequence[ChatMessage]) -> str:
        return "The passages do not mention any clinically relevant facts."

    summary = Summarizer(FakeChatModel(silent), params=SamplingParams(max_tokens=40)).summarize(
        MEDS, get_template("medication-list")
    )
    assert "Not extracted" not in summary.text and "None documented." in summary.text
    assert not [f for f in summary.flags if f.kind in {"not_extracted", "unsupported"}]


def test_some_map_steps_without_cited_notes_flag_the_summary_as_incomplete() -> None:
    def half(messages: Sequence[ChatMessage]) -> str:
        user = messages[-1].content
        if user.startswith("Passages:"):
            return "Day 1: metformin 101 mg given [1]." if "Day 1:" in user else "Sure! Here is"
        return user.split("\n")[2].split("].")[0] + "]."

    model = FakeChatModel(half, n_ctx=300)
    summary = Summarizer(model, params=SamplingParams(max_tokens=40)).summarize(
        record(20), get_template("soap")
    )
    assert "Not extracted" not in summary.text
    (flag,) = [f for f in summary.flags if f.kind == "not_extracted"]
    assert flag.sentence == -1 and "may miss" in flag.message
    assert summary.steps["map_unextracted"] >= 1


def test_a_section_that_used_its_whole_token_budget_is_flagged_as_cut_short() -> None:
    # Walk 26: "Her treatment options include met" ended a problem list with no mark.
    def long_reduce(messages: Sequence[ChatMessage]) -> str:
        if messages[-1].content.startswith("Passages:"):
            return echo_first_passage(messages)
        return "Metformin 101 mg given [1]. " + " ".join(f"word{n}" for n in range(60))

    params = SamplingParams(max_tokens=40)
    cut = Summarizer(FakeChatModel(long_reduce), params=params).summarize(
        record(3), get_template("soap")
    )
    flags = [f for f in cut.flags if f.kind == "cut_short" and "length limit" in f.message]
    assert len(flags) == len(get_template("soap").sections)
    assert all(f.sentence == -1 and "(40 tokens)" in f.message for f in flags)
    whole = Summarizer(FakeChatModel(echo_first_passage), params=params).summarize(
        record(3), get_template("soap")
    )
    assert not [f for f in whole.flags if "length limit" in f.message]


def test_templates_list_names_the_folder_it_reads_user_templates_from(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Walk 27: a template put in ~/.config/medlocal/templates (lower case) was ignored without
    # a word; `templates list` did not say where it looks.
    from medlocal.cli import main

    folder = paths.config_dir() / "templates"
    assert main(["templates", "list"]) == 0
    out = capsys.readouterr().out
    assert f"user templates are read from: {folder} (does not exist yet" in out, out
    folder.mkdir()
    assert main(["templates", "list", "--json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)  # stdout stays JSON
    assert f"user templates are read from: {folder}\n" in captured.err, captured.err


class _EngineSays(FakeChatModel):
    """Reports ``reason`` as the engine's stop reason for every reduce step."""

    def __init__(self, script: Any, reason: str) -> None:
        super().__init__(script)
        self.reason = reason

    def stream_chat(self, messages: Any, params: Any, cancel: Any = None) -> Iterator[str]:
        yield from super().stream_chat(messages, params, cancel)
        if not messages[-1].content.startswith("Passages:"):
            self.last_stop_reason = self.reason


def test_the_cut_short_flag_follows_the_engines_stop_reason() -> None:
    # The section's text was counted again to guess whether the budget ended it; a full context
    # window ends a step before its budget, and a tokenizer may count the text differently.
    # The engine's own stop reason decides now.
    params = SamplingParams(max_tokens=40)
    stopped = Summarizer(_EngineSays(echo_first_passage, "length"), params=params).summarize(
        record(3), get_template("soap")
    )
    cut = [f for f in stopped.flags if "length limit" in f.message]
    assert len(cut) == len(get_template("soap").sections)

    def long_reduce(messages: Sequence[ChatMessage]) -> str:
        if messages[-1].content.startswith("Passages:"):
            return echo_first_passage(messages)
        return "Metformin 101 mg given [1]. " + " ".join(f"word{n}" for n in range(60))

    ended = Summarizer(_EngineSays(long_reduce, "end"), params=params).summarize(
        record(3), get_template("soap")
    )
    assert not [f for f in ended.flags if "length limit" in f.message]
