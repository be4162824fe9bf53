"""Redaction options that would be ignored are refused before any work: 'summarize --redact'
without --out printed an unredacted summary (and wrote nothing redacted), and 'summarize --keep
1=x' without --redact failed only after the summary had been generated."""

from __future__ import annotations

from pathlib import Path

import pytest

from medlocal.cli import build_parser
from medlocal.cli.export_cmds import run_outputs_export
from medlocal.cli.summarize_cmds import run_summarize
from medlocal.errors import UserInputError


def _summarize(tmp_path: Path, *extra: str) -> list[str]:
    return ["summarize", "--vault", str(tmp_path / "no-vault"), "--patient", "1",
            "--template", "soap", *extra]  # fmt: skip


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--redact"], "give --out FILE"),
        (["--out", "x.md", "--keep", "1=eponym"], "--keep: use with --redact"),
        (["--out", "x.md", "--add", "Larkfield"], "--add: use with --redact"),
        (["--out", "x.md", "--model-line"], "--model-line: use with --redact"),
        (["--out", "x.md", "--date-mode", "year"], "--date-mode year: use with --redact"),
    ],
)
def test_summarize_refuses_ignored_redaction_options_first(
    tmp_path: Path, extra: list[str], message: str
) -> None:
    args = build_parser().parse_args(_summarize(tmp_path, *extra))
    with pytest.raises(UserInputError, match=message):
        run_summarize(args)


def test_export_refuses_date_mode_year_without_redact(tmp_path: Path) -> None:
    argv = ["outputs", "export", "1", "--vault", str(tmp_path / "no-vault"), "--out",
            str(tmp_path / "x.md"), "--date-mode", "year"]  # fmt: skip
    with pytest.raises(UserInputError, match="--date-mode year: use with --redact"):
        run_outputs_export(build_parser().parse_args(argv))


def test_consistent_redaction_options_pass_the_check(tmp_path: Path) -> None:
    from medlocal.cli.export_args import check_redact_args

    for extra in ([], ["--out", "x.pdf"], ["--out", "x.pdf", "--redact", "--add", "Larkfield",
                                            "--date-mode", "year", "--model-line"]):  # fmt: skip
        check_redact_args(build_parser().parse_args(_summarize(tmp_path, *extra)))


def test_summarize_refuses_keep_and_says_how_to_keep_a_span(tmp_path: Path) -> None:
    """walk15 #4: 'summarize --redact --keep 1=safe' kept whatever span came first in a summary
    nobody had seen a preview of. Refused before any work, with the two commands that do it."""
    from medlocal.cli.export_args import check_summarize_keep

    argv = _summarize(tmp_path, "--out", str(tmp_path / "s.md"), "--redact", "--keep", "1=safe")
    with pytest.raises(UserInputError) as refused:
        run_summarize(build_parser().parse_args(argv))
    message = str(refused.value)
    assert "--keep takes a number from a redaction preview" in message
    assert "outputs export ID --out FILE --redact --preview" in message
    assert "--keep N=REASON" in message
    # Adding a text to remove needs no preview: still taken.
    adding = _summarize(tmp_path, "--out", "s.md", "--redact", "--add", "Larkfield")
    check_summarize_keep(build_parser().parse_args(adding))


def test_no_redactions_are_said_plainly() -> None:
    # "0 redaction(s):" with nothing under it looked like a list cut short (QA).
    import io

    from medlocal.cli.redaction_list import print_redactions

    out = io.StringIO()
    print_redactions([], out)
    assert out.getvalue() == "No identifiers found to redact; read the export before sharing it.\n"


def test_a_flag_printed_quotes_its_sentence_not_a_number_the_list_does_not_show(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """walk15 #9: 'ask' printed flags on "sentence 4" for the list's item 3 (the intro line was
    sentence 1). A flag names its sentence by its opening words."""
    from medlocal.cli.answer_sources import print_sources_and_flags
    from medlocal.rag.flags import Flag

    def line(flag: Flag, text: str) -> str:
        # ask prints each sentence's flags grouped on one line (walk 25)
        print_sources_and_flags([], [flag], text)
        return capsys.readouterr().out.strip().splitlines()[-1].strip()

    text = "Her medicines are:\n1. Apixaban 5 mg once daily [1].\n2. Bisoprolol 2.5 mg [2]."
    start = text.index("2. Bisoprolol")
    flag = Flag(2, "unverified_number", "2.5", "not in passage 2", start, len(text))
    assert line(flag, text) == (
        "- sentence “Bisoprolol 2.5 mg [2].”: unverified number: not in passage 2"
    )
    whole = Flag(-1, "invalid_citation", "[9]", "citation [9] removed")
    assert line(whole, text).startswith("- answer: invalid citation")
    old = Flag(1, "unsupported", "", "no passage", 0, 0)  # stored before offsets were kept
    assert line(old, text).startswith("- sentence 2: unsupported")


def test_a_negative_span_number_gets_the_keep_options_own_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Walk 19: "--keep -1=name" was read as an unknown option ("--keep: expected one
    argument"); it now reaches the option's check, which says what it takes."""
    from medlocal.cli import main

    argv = ["outputs", "export", "1", "--vault", str(tmp_path / "no-vault"), "--out",
            str(tmp_path / "x.md"), "--redact", "--keep", "-1=a name"]  # fmt: skip
    with pytest.raises(SystemExit) as exited:
        main(argv)
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert "--keep takes NUMBER=REASON" in err and "'-1=a name'" in err, err
    assert not (tmp_path / "x.md").exists()


def test_an_export_lists_its_first_redactions_and_counts_the_rest() -> None:
    # Walk 22: a 5 MB record's export printed 176,000 lines after the file was written.
    import io

    from medlocal.cli.redaction_list import print_redactions
    from medlocal.privacy.deid_plan import PlanItem
    from medlocal.privacy.deid_spans import Redaction

    def item(n: int, kind: str, *, kept: bool = False) -> PlanItem:
        red = Redaction(kind, n * 10, n * 10 + 4, "Xyzw", "[NAME]")
        return PlanItem("text", red, number=n, kept=kept, reason="eponym" if kept else "")

    planned = [item(n, "name" if n % 2 else "date", kept=n == 91) for n in range(1, 101)]
    out = io.StringIO()
    print_redactions(planned, out, limit=5)
    lines = out.getvalue().splitlines()
    assert lines[0] == "99 redaction(s), 1 kept:"
    numbered = [line for line in lines[1:] if line.strip()[:1].isdigit()]
    assert [line.split(".")[0].strip() for line in numbered] == ["1", "2", "3", "4", "5", "91"]
    assert "KEPT (eponym)" in numbered[-1]
    assert "... and 94 more (48 date, 46 name); --preview lists them all" in out.getvalue()
    everything = io.StringIO()
    print_redactions(planned, everything)
    assert "more" not in everything.getvalue()
    assert len([line for line in everything.getvalue().splitlines() if "->" in line]) == 99


def test_a_kept_date_beside_shifted_ones_is_warned_of_first() -> None:
    """Walk 30: a kept date beside shifted ones gives the shift away; the terminal says so."""
    import io

    from medlocal.cli.redaction_list import print_redactions
    from medlocal.privacy.deid_plan import PlanItem
    from medlocal.privacy.deid_spans import Redaction

    planned = [
        PlanItem("text", Redaction("date", 0, 10, "14/03/2025", "09/08/2025"), number=1),
        PlanItem(
            "text", Redaction("date", 20, 30, "20/03/2025", "15/08/2025"), number=2, kept=True,
            reason="needed by the ward",
        ),
    ]  # fmt: skip
    out = io.StringIO()
    print_redactions(planned, out)
    first = out.getvalue().splitlines()[0]
    assert first.startswith("Warning: kept date(s) 2 stay as written"), first
