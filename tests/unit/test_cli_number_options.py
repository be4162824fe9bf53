"""Number options are checked when parsed: NaN and infinity are refused like any bad number
('import --max-size-mb nan' crashed with an internal ValueError; 'summarize --temperature nan'
generated with it)."""

from __future__ import annotations

import pytest

from medlocal.cli import build_parser


@pytest.mark.parametrize(
    "argv",
    [
        ["import", "x.txt", "--patient", "1", "--max-size-mb", "nan"],
        ["import", "x.txt", "--patient", "1", "--max-size-mb", "inf"],
        ["import", "x.txt", "--patient", "1", "--max-size-mb", "0"],
        ["summarize", "--patient", "1", "--template", "soap", "--temperature", "nan"],
        ["summarize", "--patient", "1", "--template", "soap", "--temperature", "-1"],
        ["summarize", "--patient", "1", "--template", "soap", "--max-tokens", "-5"],
        ["summarize", "--patient", "1", "--template", "soap", "--ctx", "0"],
        ["summarize", "--patient", "1", "--template", "soap", "--seed", "-1"],
        ["ask", "--temperature", "inf", "question"],
        ["ask", "--top-p", "nan", "question"],
    ],
)
def test_bad_numbers_are_usage_errors(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(argv)
    assert stopped.value.code == 2
    assert "error: argument" in capsys.readouterr().err


def test_good_numbers_still_parse() -> None:
    args = build_parser().parse_args(
        ["summarize", "--patient", "1", "--template", "soap", "--temperature", "0.3",
         "--max-tokens", "64", "--seed", "0"]
    )  # fmt: skip
    assert (args.temperature, args.max_tokens, args.seed) == (0.3, 64, 0)
    args = build_parser().parse_args(["import", "x.txt", "--patient", "1", "--max-size-mb", "1.5"])
    assert args.max_size_mb == 1.5


@pytest.mark.parametrize(
    "argv",
    [
        ["ask", "--ctx", "100", "question"],
        ["chat", "--ctx", "16"],
        ["summarize", "--patient", "1", "--template", "soap", "--ctx", "511"],
    ],
)
def test_a_context_under_the_smallest_is_refused_with_it_named(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    """Walk 48b D4: `ask --ctx 100` and `--ctx 16` ran silently, where `settings set
    context_tokens 100` and `models fit --ctx` refuse a context under 512 tokens."""
    with pytest.raises(SystemExit) as stopped:
        build_parser().parse_args(argv)
    assert stopped.value.code == 2
    assert "smallest context, 512 tokens" in capsys.readouterr().err
    at = argv.index("--ctx") + 1
    assert build_parser().parse_args([*argv[:at], "512", *argv[at + 1 :]]).ctx == 512
