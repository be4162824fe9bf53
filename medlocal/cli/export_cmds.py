"""``medlocal outputs export`` and ``medlocal patient export-document``: a saved output or an
imported document written to a file, redacted or not, or a ``--preview`` of its redactions."""

from __future__ import annotations

import argparse
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from medlocal.cli.common import TerminalProgress, add_vault_args, open_vault, workspace
from medlocal.cli.export_args import add_export_target_args, check_export_target, check_redact_args
from medlocal.cli.redaction_list import EXPORT_LISTED, print_redactions
from medlocal.errors import UserInputError
from medlocal.fsutil import shown_path
from medlocal.rag.export import FORMAT_WORDS, ExportReport, Shared

if TYPE_CHECKING:
    from medlocal.app import Workspace

T = TypeVar("T")


def register_document_export(actions: Any) -> None:
    """``patient export-document DOC_ID``: a copy of an imported document's extracted text,
    through the same redaction, preview, keep/add and audit as ``outputs export``. Redacted
    unless ``--unredacted`` is given: one of the two must be said."""
    dexport = actions.add_parser(
        "export-document",
        help=f"export an imported document's text, de-identified, to {FORMAT_WORDS}",
    )
    add_vault_args(dexport)
    dexport.add_argument("document_id", type=int, metavar="DOC_ID")
    add_export_target_args(dexport)
    dexport.add_argument(
        "--unredacted",
        action="store_true",
        help="write the text as imported, identifiers and all (instead of --redact)",
    )
    dexport.set_defaults(func=run_document_export)


def record_progress(call: Callable[[TerminalProgress, threading.Event], T]) -> T:
    """``call(progress, cancel)`` of a redacted export or preview, with a progress line while
    it reads the patient's record (the first export of a patient with a long document reads it
    for minutes: "reading the patient's record (document 3 of 8)"). Ctrl-C stops it; what was
    read of whole documents is kept, and the next export starts from there."""
    progress = TerminalProgress()
    try:
        return call(progress, threading.Event())
    finally:
        progress.done()


def _written(ws: Workspace, shared: Shared, out: str, args: argparse.Namespace) -> ExportReport:
    """``shared`` exported to ``out`` with the redaction options of ``args``, a progress line
    shown meanwhile."""
    return record_progress(
        lambda progress, cancel: ws.export(
            shared,
            out,
            redact=args.redact,
            date_mode=args.date_mode,
            keep=args.keep,
            add=args.add,
            model_line=args.model_line,
            progress=progress,
            cancel=cancel,
        )
    )


def export_output(args: argparse.Namespace, output_id: int, out: str) -> Path:
    report = _written(workspace(args), Shared.output(output_id), out, args)
    if args.redact:
        print_redactions(report.redactions, overridden=report.overridden, limit=EXPORT_LISTED)
        print(
            f"Exported output {output_id} to {shown_path(report.path)}: {report.tally()}.",
            file=sys.stderr,
        )
        return report.path
    # Said as plainly as the document export says it: a summary holds the patient's name and
    # dates, and a file written without --redact is not fit to share (walk 19).
    print(
        f"Exported output {output_id} to {shown_path(report.path)}, unredacted: it holds the "
        "patient's "
        "identifiers (add --redact to de-identify it).",
        file=sys.stderr,
    )
    return report.path


def run_document_export(args: argparse.Namespace) -> int:
    if args.redact and args.unredacted:
        raise UserInputError("--redact and --unredacted contradict each other: give one")
    if not args.redact and not args.unredacted:
        raise UserInputError(
            "a document's copy holds the patient's identifiers: add --redact to de-identify it "
            "(--redact --preview lists what goes), or --unredacted to write it as imported"
        )
    check_export_target(args)
    check_redact_args(args)
    ws = workspace(args)
    with open_vault(args):
        if args.preview:
            return _preview(ws, Shared.document(args.document_id), args)
        report = _written(ws, Shared.document(args.document_id), args.out, args)
    said = f"Exported document {args.document_id} to {shown_path(report.path)}"
    if args.redact:
        print_redactions(report.redactions, overridden=report.overridden, limit=EXPORT_LISTED)
        print(f"{said}: {report.tally()}.", file=sys.stderr)
    else:
        print(f"{said}, unredacted: it holds the patient's identifiers.", file=sys.stderr)
    return 0


def _preview(ws: Workspace, shared: Shared, args: argparse.Namespace) -> int:
    """``--preview``: list what a redacted export of ``shared`` would remove; write nothing."""
    plan = record_progress(
        lambda progress, cancel: ws.preview_redactions(
            shared,
            args.date_mode,
            args.keep,
            args.add,
            args.model_line,
            progress=progress,
            cancel=cancel,
        )
    )
    print_redactions(plan.items, overridden=plan.overridden)
    print("Preview only: nothing was written.", file=sys.stderr)
    return 0


def run_outputs_export(args: argparse.Namespace) -> int:
    check_export_target(args)
    check_redact_args(args)
    with open_vault(args):
        if args.preview:
            return _preview(workspace(args), Shared.output(args.output_id), args)
        export_output(args, args.output_id, args.out)
    return 0
