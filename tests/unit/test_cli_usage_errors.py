"""A usage error is one line on stderr, exit status 2, naming the command and where its help is,
for every command (the README's promise), not argparse's multi-line usage block."""

from __future__ import annotations

import pytest

from medlocal.cli import MedLocalParser, build_parser, main


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (
            ["import"],
            "medlocal import: error: the following arguments are required: PATH, --patient "
            "(see medlocal import --help)",
        ),
        (
            ["import", "x.txt", "--patient", "abc"],
            "medlocal import: error: argument --patient: invalid int value: 'abc' "
            "(see medlocal import --help)",
        ),
        (
            ["summarize", "--patient", "1", "--template", "soap", "--collection", "x"],
            "medlocal summarize: error: unrecognized arguments: --collection x "
            "(see medlocal summarize --help)",
        ),
        (
            ["chats"],
            "medlocal chats: error: the following arguments are required: ACTION "
            "(see medlocal chats --help)",
        ),
        (
            ["outputs", "list", "--patient"],
            "medlocal outputs list: error: argument --patient: expected one argument "
            "(see medlocal outputs list --help)",
        ),
        (["--bogus"], "medlocal: error: unrecognized arguments: --bogus (see medlocal --help)"),
    ],
)
def test_usage_errors_are_one_line_with_exit_2(
    argv: list[str], expected: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(argv)
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == expected + "\n"


def test_every_subcommand_parser_has_the_one_line_form() -> None:
    def walk(parser: object) -> list[object]:
        found = [parser]
        for action in getattr(parser, "_actions", []):
            choices = getattr(action, "choices", None)
            if isinstance(choices, dict):  # a subcommand's parsers
                for child in choices.values():
                    found += walk(child)
        return found

    parsers = walk(build_parser())
    assert len(parsers) > 30
    assert all(isinstance(parser, MedLocalParser) for parser in parsers)


def test_a_good_command_line_keeps_no_trace_of_the_bookkeeping() -> None:
    args = build_parser().parse_args(["chats", "list", "--patient", "3"])
    assert args.patient == 3 and not any(name.startswith("_medlocal") for name in vars(args))
