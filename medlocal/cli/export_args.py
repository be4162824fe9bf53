"""The options of a file export (``--out``, ``--overwrite``, ``--redact`` and its
companions, ``--model-line``, ``--preview``) and their checks, made before any work."""

from __future__ import annotations

import argparse

from medlocal.app.outputs import check_export_path
from medlocal.errors import UserInputError
from medlocal.rag.export import FORMAT_WORDS, parse_keep


def add_export_target_args(parser: argparse.ArgumentParser) -> None:
    """--out, --overwrite, the redaction options, --model-line and --preview of an export.
    --out is needed unless --preview is given: a preview writes nothing (walk 45, D4)."""
    parser.add_argument("--out", metavar="FILE", help=f"{FORMAT_WORDS} (not needed with --preview)")
    add_overwrite_arg(parser)
    add_redact_args(parser)
    add_model_line_arg(parser)
    parser.add_argument(
        "--preview", action="store_true", help="with --redact: list the redactions, write nothing"
    )


def add_model_line_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model-line",
        action="store_true",
        help="with --redact: the chat model also proposes names, places and organisations "
        "(added to the rules' spans, never fewer; slow: about a generation per 2,000 characters)",
    )


def add_overwrite_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--overwrite", action="store_true", help="replace the file of --out if it exists"
    )


def check_export_target(args: argparse.Namespace) -> None:
    """The target of an export, checked before any work; a preview has none to check."""
    if args.preview:
        if not args.redact:
            raise UserInputError("--preview lists redactions: use it with --redact")
        if args.overwrite and args.out is None:
            # Refused as other flags that would do nothing are (review45b D12).
            raise UserInputError(
                "--overwrite replaces the file of --out, and --preview writes nothing: "
                "leave --overwrite out, or give --out FILE for the export after the preview"
            )
        return  # writes nothing: an existing --out (the file to write later) is no matter
    if args.out is None:
        raise UserInputError(f"give --out FILE ({FORMAT_WORDS}), or --preview with --redact")
    check_export_path(args.out, overwrite=args.overwrite)


def _keep_arg(value: str) -> tuple[int, str]:
    try:
        return parse_keep(value)
    except UserInputError as err:
        raise argparse.ArgumentTypeError(str(err)) from None


def add_redact_args(
    parser: argparse.ArgumentParser,
    keep_help: str = "with --redact: leave span N of the preview in place; the reason is audited",
) -> None:
    parser.add_argument(
        "--redact", action="store_true", help="de-identify the export (HIPAA Safe Harbor list)"
    )
    parser.add_argument(
        "--date-mode",
        choices=("shift", "year"),
        default="shift",
        help="with --redact: shift dates by a random offset (default) or keep only the year",
    )
    parser.add_argument(
        "--keep",
        action="append",
        default=[],
        type=_keep_arg,
        metavar="N=REASON",
        help=keep_help,
    )
    parser.add_argument(
        "--add",
        action="append",
        default=[],
        metavar="TEXT",
        help="with --redact: also redact every occurrence of TEXT",
    )


def check_redact_args(args: argparse.Namespace) -> None:
    """Refuse redaction options that would be silently ignored, before any work (a summary takes
    minutes): without --redact, --keep/--add/--model-line/--date-mode year do nothing; and
    summarize's --redact applies only to the file of --out, never to the text it prints."""
    needs_redact = [
        name
        for name, given in (
            ("--keep", bool(args.keep)),
            ("--add", bool(args.add)),
            ("--model-line", bool(getattr(args, "model_line", False))),
            ("--date-mode year", args.date_mode == "year"),
        )
        if given
    ]
    if needs_redact and not args.redact:
        raise UserInputError(f"{', '.join(needs_redact)}: use with --redact")
    if args.redact and getattr(args, "out", "") is None and not getattr(args, "preview", False):
        raise UserInputError(
            f"--redact de-identifies the exported file: give --out FILE ({FORMAT_WORDS});"
            " the summary printed here is never redacted"
        )


def check_summarize_keep(args: argparse.Namespace) -> None:
    """``summarize --keep N=REASON`` is refused: N is a number from a redaction preview, and the
    summary does not exist before the command runs, so no preview of it was ever shown (it kept
    whatever span came Nth). Adding a text to remove needs no preview and stays allowed."""
    if args.keep:
        raise UserInputError(
            "--keep takes a number from a redaction preview, and this summary has none yet: "
            "run summarize without --keep (it prints 'Saved as output ID'), then list the "
            "redactions with 'medlocal outputs export ID --out FILE --redact --preview' and "
            "export with 'medlocal outputs export ID --out FILE --redact --keep N=REASON'"
        )
