"""What `medlocal ask --patient` prints after the answer."""

from __future__ import annotations

import pytest
from fixtures.fake_models import hit

from medlocal.cli.answer_sources import print_answer_sources
from medlocal.cli.grounded_ask import WritingProgress
from medlocal.rag.answer import GroundedAnswer
from medlocal.rag.flags import DRAFT_HEADING, Flag
from medlocal.rag.grounding import ground
from medlocal.rag.passages import NumberedPassage
from medlocal.rag.prompts import NOT_FOUND_MESSAGE


def _answer(cited: bool) -> GroundedAnswer:
    passage = NumberedPassage(1, hit(7, "Metformin 500 mg twice daily.", file_name="letter.pdf"))
    return GroundedAnswer(
        question="dose?",
        status="answered",
        text="Metformin 500 mg twice daily [1]." if cited else "Metformin, 12 grams.",
        raw_text="",
        passages=[passage],
        sources=[passage.source()] if cited else [],
    )


def test_cited_sources_are_listed(capsys: pytest.CaptureFixture[str]) -> None:
    print_answer_sources(_answer(cited=True))
    out = capsys.readouterr().out
    assert "Sources:" in out and "letter.pdf" in out and "could be tied" not in out


def test_uncited_answer_still_shows_the_passages_given(capsys: pytest.CaptureFixture[str]) -> None:
    print_answer_sources(_answer(cited=False))
    out = capsys.readouterr().out
    assert "Sources:" not in out
    assert "No statement could be tied to a passage" in out and "letter.pdf" in out


class _Stream:
    def __init__(self, tty: bool) -> None:
        self.tty = tty
        self.text = ""

    def write(self, data: str) -> int:
        self.text += data
        return len(data)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return self.tty


def test_redaction_list_hides_identifiers_unless_on_a_terminal() -> None:
    from medlocal.cli.redaction_list import print_redactions
    from medlocal.privacy.deid_plan import PlanItem
    from medlocal.privacy.redact import Redaction

    planned = [PlanItem("body", Redaction("patient_name", 0, 8, "Jane Roe", "[NAME]"))]
    piped, terminal = _Stream(tty=False), _Stream(tty=True)
    print_redactions(planned, piped)
    print_redactions(planned, terminal)
    assert "Jane Roe" not in piped.text and "(8 characters)" in piped.text
    assert "'Jane Roe' -> '[NAME]'" in terminal.text


def test_the_answer_is_written_on_one_progress_line_and_cleared() -> None:
    """Walk 25: the answer was streamed, then printed again checked. The stream now goes to one
    updating line on a terminal (cleared when done), and nowhere when stderr is redirected."""
    terminal, piped = _Stream(tty=True), _Stream(tty=False)
    for stream in (terminal, piped):
        writing = WritingProgress(stream)  # type: ignore[arg-type]
        for piece in ("Apixaban", " 5 mg", " twice daily", " [2]."):
            writing.add(piece)
        writing.done()
    assert "Writing the answer (6 words): …Apixaban 5 mg twice daily [2]." in terminal.text
    assert "\n" not in terminal.text and terminal.text.endswith("\r")
    assert piped.text == ""


PASSAGES = {
    1: "Palpitations improved since bisoprolol 2.5 mg once daily.",
    2: "GP consult 20/03/2025. Apixaban 5 mg twice daily continued.",
    3: "Medications: apixaban 5 mg BD, metformin 500 mg twice daily.",
}


def _grounded(raw: str) -> GroundedAnswer:
    checked = ground(raw, PASSAGES)
    passages = [
        NumberedPassage(n, hit(n, text, file_name=f"note{n}.txt")) for n, text in PASSAGES.items()
    ]
    return GroundedAnswer(
        question="What dose of apixaban is she on?",
        status="answered",
        text=checked.text,
        raw_text=raw,
        passages=passages,
        sources=[p.source() for p in passages if p.number in {*checked.cited, *checked.named}],
        flags=checked.flags,
    )


def test_flags_are_listed_once_per_sentence(capsys: pytest.CaptureFixture[str]) -> None:
    """Walk 25: a sentence was listed once per problem (55 flag lines for 25 sentences)."""
    answer = _grounded("The patient is on 10 mg apixaban. Bisoprolol 5 mg daily [1].")
    assert len(answer.flags) >= 4
    print_answer_sources(answer)
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if line.startswith("  - ")]
    assert len(lines) == 2, out
    first = lines[0]
    assert first.startswith("  - sentence “The patient is on 10 mg…”: unsupported: ")
    assert "unverified number: number '10 mg'" in first
    assert "unverified medication: medication 'apixaban'" in first
    # The passages a flag points to are listed with the sources, marked as not cited.
    assert "[2] note2.txt" in out and "(not cited; named in a note or flag)" in out


def test_an_unsupported_draft_is_shown_only_after_the_flags(
    capsys: pytest.CaptureFixture[str],
) -> None:
    answer = GroundedAnswer(
        question="Has she had a colonoscopy?",
        status="not_found",
        text=NOT_FOUND_MESSAGE,
        raw_text="She says she is not sure.",
        passages=_grounded("x").passages,
        flags=[Flag(-1, "unsupported_draft", "", "not given as the answer", quote="She says.")],
    )
    print_answer_sources(answer)
    out = capsys.readouterr().out
    assert out.index("Flags") < out.index(DRAFT_HEADING) < out.index("    She says.")
    assert (
        "Passages the model was given (read them before concluding the record is silent):" in out
        and "note3.txt" in out
    )


def test_flag_lines_quote_enough_words_to_tell_their_sentences_apart() -> None:
    """Walk 31: two flag lines both began "sentence “Echocardiogram showed an ejection fraction
    of…”" (the 45% sentence and the 5% one)."""
    from medlocal.rag.flags import listed_flags

    text = (
        "Echocardiogram showed an ejection fraction of 45% on admission. Echocardiogram showed an"
        " ejection fraction of 5% later. Troponin T peaked at 412 ng/L on day one of admission."
    )
    starts = [0, text.index("Echocardiogram", 1), text.index("Troponin")]
    ends = [starts[1] - 1, starts[2] - 1, len(text)]
    spans = enumerate(zip(starts, ends, strict=True))
    flags = [Flag(i, "model_doubt", "", "doubt", s, e) for i, (s, e) in spans]
    places = [place for place, _ in listed_flags(flags, text)]
    assert places == [
        "sentence “Echocardiogram showed an ejection fraction of 45%…”",
        "sentence “Echocardiogram showed an ejection fraction of 5%…”",
        "sentence “Troponin T peaked at 412 ng/L…”",  # unlike the others: six words, as before
    ]


def test_a_flag_quoting_a_pdf_passage_stays_on_one_line(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Walk 33: a quote from a PDF's passage ("at\\nnight") split the flag's terminal line."""
    answer = _answer(cited=True)
    text = answer.text
    flag = Flag(
        0, "unverified_number", "500", "the cited passage gives '500 mg at\nnight'", 0, len(text)
    )
    answer.flags = [flag]
    print_answer_sources(answer)
    (line,) = [x for x in capsys.readouterr().out.splitlines() if "cited passage gives" in x]
    assert line.endswith("'500 mg at night'")
