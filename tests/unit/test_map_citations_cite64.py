"""The map step's citations are checked by the numbers each note gives (cite64).

The demo model (SmolLM2-135M) numbers its map notes "1." and "2." instead of citing, or, shown
how to cite, cites the wrong passage (ui63: "HbA1c was 48 mmol/mol on 2024-03-13 [1]" where
passage 2 held the HbA1c). Its notes are cited to a passage holding every number they give, a
wrong bracket is re-pointed only where exactly one passage holds them, and a summary cited by
MedLocal alone says so."""

from __future__ import annotations

from collections.abc import Sequence

from fixtures.fake_models import FakeChatModel, hit

from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.rag.citations import cited_numbers
from medlocal.rag.flags import attached_marks
from medlocal.rag.grounding import attach_citations
from medlocal.rag.map_citations import fit_model_citations
from medlocal.rag.number_fit import numbers_of
from medlocal.rag.summarize import Summarizer
from medlocal.rag.templates import get_template

DISCHARGE = (
    "Discharge letter, 12/03/2024. Discharge medications: metformin 500 mg twice daily,"
    " lisinopril 10 mg once daily, atorvastatin 20 mg at night."
)
LABS = (
    "Laboratory results, 13/03/2024. HbA1c 48 mmol/mol (20-41). Sodium 138 mmol/L (135-145)."
    " Creatinine 96 umol/L."
)
CLINIC = (
    "Diabetes clinic letter, 02/04/2024. Plan: continue metformin 500 mg twice daily; repeat"
    " HbA1c in 3 months."
)
PASSAGES = {1: DISCHARGE, 2: LABS, 3: CLINIC}


def record() -> list:  # type: ignore[type-arg]
    return [
        hit(1, DISCHARGE, document_id=1, file_name="discharge_letter.txt"),
        hit(2, LABS, document_id=2, file_name="lab_results.txt"),
        hit(3, CLINIC, document_id=3, file_name="clinic_letter.txt"),
    ]


def mapped_notes(map_output: str) -> list[str]:
    """The map notes the summarizer keeps from one map step that wrote ``map_output``."""
    model = FakeChatModel(map_output)
    return Summarizer(model, params=SamplingParams(max_tokens=256)).map_record(record()).notes


# -- the demo model's list numbers: attached by words AND numbers ----------------------------------


def test_demo_models_numbered_list_is_cited_to_the_passages_holding_its_numbers() -> None:
    # ui63's output of the demo model, verbatim: "1." and "2." are list numbers, not citations.
    notes = mapped_notes(
        "1. Discharge medications: metformin 500 mg twice daily, Lisinopril 10 mg once daily.\n"
        "2. Clinical facts: HbA1c 48 mmol/mol on 2024-03-13."
    )
    assert notes == [
        "Discharge medications: metformin 500 mg twice daily, Lisinopril 10 mg once daily [1]."
        " Clinical facts: HbA1c 48 mmol/mol on 2024-03-13 [2]."
    ]


def test_a_note_is_not_attached_to_a_passage_missing_its_number() -> None:
    # Its words are the clinic letter's, its number (48) is not: the letter says 3 months.
    note = "Diabetes clinic letter plan: repeat HbA1c in 48 days."
    text, attached = attach_citations(note, PASSAGES)
    assert cited_numbers(text) == [3] and attached == {0}  # by words alone, as answers are
    text, attached = attach_citations(note, PASSAGES, by_numbers=True)
    assert cited_numbers(text) == [] and attached == set()  # the lab table holds 48, few words
    text, attached = attach_citations(
        note.replace("48 days", "3 months"), PASSAGES, by_numbers=True
    )
    assert cited_numbers(text) == [3] and attached == {0}


def test_a_note_whose_numbers_are_in_no_passage_is_attached_nowhere() -> None:
    text, attached = attach_citations(
        "HbA1c was 52 mmol/mol in the lab results.", PASSAGES, by_numbers=True
    )
    assert cited_numbers(text) == [] and attached == set()


def test_a_map_note_whose_numbers_are_in_no_passage_is_left_out_or_kept_for_its_flag() -> None:
    assert mapped_notes("HbA1c was 52 mmol/mol in the lab results.") == []
    # The model's own bracket on it stays, for the grounding checks to flag: 52 is in no
    # passage, so MedLocal has nowhere to move it.
    fitted = fit_model_citations("HbA1c was 52 mmol/mol [2].", PASSAGES)
    assert fitted.text == "HbA1c was 52 mmol/mol [2]."
    assert fitted.unplaced == 1 and fitted.repointed == 0 and fitted.model_cited == {2}


# -- the model's brackets, re-checked by their numbers ---------------------------------------------


def test_swapped_brackets_are_repointed_to_the_one_passage_holding_the_numbers() -> None:
    # ui63: shown an example, the demo model swapped the numbers.
    notes = mapped_notes(
        "HbA1c was 48 mmol/mol on 2024-03-13 [1]. She takes lisinopril 10 mg once daily [2]."
    )
    assert notes == [
        "HbA1c was 48 mmol/mol on 2024-03-13 [2]. She takes lisinopril 10 mg once daily [1]."
    ]


def test_a_bracket_whose_numbers_are_in_the_passage_it_cites_is_the_models() -> None:
    fitted = fit_model_citations(
        "Sodium 138 mmol/L [2]. Metformin 500 mg twice daily [3].", PASSAGES
    )
    assert fitted.text == "Sodium 138 mmol/L [2]. Metformin 500 mg twice daily [3]."
    assert fitted.model_cited == {2, 3} and fitted.repointed == fitted.unplaced == 0


def test_two_passages_holding_the_number_leave_a_wrong_bracket_unplaced() -> None:
    # 500 mg twice daily is in the discharge letter and in the clinic letter: the lab table the
    # model cites holds neither, and MedLocal does not choose between the two for it.
    note = "Metformin 500 mg twice daily [2]. Sodium 138 mmol/L [2]."
    fitted = fit_model_citations(note, PASSAGES)
    assert fitted.text == note and fitted.unplaced == 1 and fitted.repointed == 0
    # Uncited, the same note goes to the holder sharing most of its words.
    text, _ = attach_citations(
        "Plan: continue metformin 500 mg twice daily.", PASSAGES, by_numbers=True
    )
    assert cited_numbers(text) == [3]


def test_a_wrong_bracket_is_not_repointed_to_a_passage_sharing_only_the_number() -> None:
    # 96 is only the creatinine of the lab table, which shares none of the note's words.
    fitted = fit_model_citations("Oxygen saturation on room air was 96 percent [1].", PASSAGES)
    assert fitted.repointed == 0 and fitted.unplaced == 1


def test_a_reference_range_is_no_citation() -> None:
    notes = mapped_notes("Sodium 138 mmol/L [135-145].")
    assert notes == ["Sodium 138 mmol/L [135-145] [2]."]
    fitted = fit_model_citations("Sodium 138 mmol/L [135-145] [1].", PASSAGES)
    assert fitted.text == "Sodium 138 mmol/L [135-145] [2]." and fitted.repointed == 1


def test_a_number_in_a_word_is_no_number_and_a_sentence_without_numbers_keeps_its_bracket() -> None:
    fitted = fit_model_citations(
        "The HbA1c was checked [1]. She had SpO2 monitoring [3].", PASSAGES
    )
    assert fitted.text == "The HbA1c was checked [1]. She had SpO2 monitoring [3]."
    assert fitted.model_cited == {1, 3}


# -- a summary cited by MedLocal alone says so ------------------------------------------------


def _summary_of(map_output: str, reduce_output: str):  # type: ignore[no-untyped-def]
    def script(messages: Sequence[ChatMessage]) -> str:
        return map_output if messages[-1].content.startswith("Passages:") else reduce_output

    model = FakeChatModel(script)
    summarizer = Summarizer(model, params=SamplingParams(max_tokens=256))
    return summarizer.summarize(record(), get_template("medication-list"))


def test_citations_attached_in_the_map_step_are_marked_in_the_summary() -> None:
    summary = _summary_of(
        "1. Discharge medications: metformin 500 mg twice daily, lisinopril 10 mg once daily.",
        "Metformin 500 mg twice daily, lisinopril 10 mg once daily [1].",
    )
    cited = {m.end() - 1 for m in __import__("re").finditer(r"\]", summary.text)}
    assert cited and cited <= set(attached_marks(summary.text, summary.flags))
    attached = [f for f in summary.flags if f.kind == "attached_citation"]
    assert attached and "in the map step" in attached[0].message


def test_citations_the_model_wrote_in_its_notes_stay_its_own() -> None:
    summary = _summary_of(
        "Discharge medications: metformin 500 mg twice daily, lisinopril 10 mg once daily [1].",
        "Metformin 500 mg twice daily, lisinopril 10 mg once daily [1].",
    )
    assert "[1]" in summary.text
    assert attached_marks(summary.text, summary.flags) == []


def test_numbers_are_read_as_written_without_units_and_months_by_their_number() -> None:
    assert numbers_of("Admitted on 8 March 2024, amoxicillin 500mg") == {"8", "3", "2024", "500"}
    assert numbers_of("admitted 08/03/2024") == numbers_of("admitted on Mar 8, 2024")
    assert numbers_of("HbA1c and SpO2 and vitamin B12; she may go home") == frozenset()
    assert numbers_of("Potassium 4,6 mmol/L") == {"4.6"}
