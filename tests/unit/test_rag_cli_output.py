"""What `medlocal ask --patient` prints after the answer."""

from __future__ import annotations

import pytest
from fixtures.fake_models import hit

from medlocal.cli.rag_cmds import print_after_stream, print_answer_sources
from medlocal.rag.answer import GroundedAnswer
from medlocal.rag.passages import NumberedPassage


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
    from medlocal.cli.rag_cmds import _print_redactions
    from medlocal.privacy.deid_plan import PlanItem
    from medlocal.privacy.redact import Redaction

    planned = [PlanItem("body", Redaction("patient_name", 0, 8, "Jane Roe", "[NAME]"))]
    piped, terminal = _Stream(tty=False), _Stream(tty=True)
    _print_redactions(planned, piped)
    _print_redactions(planned, terminal)
    assert "Jane Roe" not in piped.text and "(8 characters)" in piped.text
    assert "'Jane Roe' -> '[NAME]'" in terminal.text


def _not_found() -> GroundedAnswer:
    return GroundedAnswer(
        question="dose?",
        status="not_found",
        text="Not found in the selected documents.",
        raw_text="",
    )


@pytest.mark.parametrize(
    ("streamed", "expected"),
    [
        # The model declined in words: the verdict used to be glued on to its sentence.
        (
            "The passage does not contain the answer to this question.",
            "The passage does not contain the answer to this question.\n"
            "Not found in the selected documents.\n",
        ),
        ("It is not stated.\n", "It is not stated.\nNot found in the selected documents.\n"),
        ("", "Not found in the selected documents.\n"),  # nothing relevant: nothing streamed
    ],
)
def test_the_not_found_verdict_starts_its_own_line(
    streamed: str, expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    print(streamed, end="")  # what `medlocal ask` streamed before the verdict
    print_after_stream(_not_found(), streamed)
    assert capsys.readouterr().out == expected


def test_a_streamed_answer_that_stood_ends_its_line(capsys: pytest.CaptureFixture[str]) -> None:
    answer = _answer(cited=True)
    print(answer.text, end="")
    print_after_stream(answer, answer.text)
    assert capsys.readouterr().out == answer.text + "\n"
