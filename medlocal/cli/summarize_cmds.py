"""``medlocal summarize``: a patient's documents condensed into a note template, with
citations, saved as an output and optionally exported."""

from __future__ import annotations

import argparse
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

from medlocal.app.outputs import (
    PLAN_STAGE,
    check_export_path,
    default_summary_documents,
    plan_shortened_by,
)
from medlocal.app.summary_period import Period, PeriodChoice, parse_day, period_documents
from medlocal.cli.answer_sources import print_sources_and_flags
from medlocal.cli.common import TerminalProgress, add_vault_args, open_vault, workspace
from medlocal.cli.engine_cmds import (
    context_size,
    non_negative_float,
    non_negative_int,
    positive_int,
    sampling_from_args,
)
from medlocal.cli.export_args import (
    add_model_line_arg,
    add_overwrite_arg,
    add_redact_args,
    check_redact_args,
    check_summarize_keep,
)
from medlocal.cli.export_cmds import export_output
from medlocal.errors import GenerationCancelled, UserInputError
from medlocal.fsutil import shown_name
from medlocal.progress import Progress
from medlocal.rag.export import FORMAT_WORDS, AddedTextNotFound
from medlocal.rag.flags import mark_attached
from medlocal.rag.summary_outcome import nothing_extracted_note
from medlocal.rag.templates import get_template
from medlocal.vault.store import Vault


def register_summarize(sub: Any) -> None:
    summarize = sub.add_parser(
        "summarize", help="condense a patient's documents into a note template, with citations"
    )
    add_vault_args(summarize)
    summarize.add_argument("--patient", type=int, required=True, metavar="ID")
    summarize.add_argument(
        "--doc", type=int, action="append", metavar="DOC_ID", help="only this document (repeat)"
    )
    # A period: the documents whose own date (as the Summarise dialog lists it) falls in it
    # (walk51b L6: a period summary meant ticking documents one by one).
    summarize.add_argument(
        "--from",
        dest="period_from",
        type=_day,
        metavar="YYYY-MM-DD",
        help="only documents dated on or after this day (their own date, not the import date)",
    )
    summarize.add_argument(
        "--to",
        dest="period_to",
        type=_day,
        metavar="YYYY-MM-DD",
        help="only documents dated on or before this day",
    )
    summarize.add_argument(
        "--template", required=True, help="template name (medlocal templates list)"
    )
    # The export formats' one list: the hand-written one left out .txt, which works (walk 40b).
    summarize.add_argument("--out", metavar="FILE", help=f"also export to FILE ({FORMAT_WORDS})")
    add_overwrite_arg(summarize)
    # --keep is taken only to be refused with directions (check_summarize_keep): its numbers come
    # from a preview, and a summary has none before it is written.
    add_redact_args(summarize, keep_help=argparse.SUPPRESS)
    add_model_line_arg(summarize)
    summarize.add_argument("--model", help="installed model id or path to a GGUF file")
    summarize.add_argument("--ctx", type=context_size, help="context size in tokens")
    summarize.add_argument(
        "--max-tokens",
        type=positive_int,
        help="length of each model step (default: the summary_step_tokens setting, 256)",
    )
    summarize.add_argument(
        "--seed", type=non_negative_int, help="sampling seed (default: your setting)"
    )
    summarize.add_argument(
        "--temperature",
        type=non_negative_float,
        help="sampling temperature (default: your setting)",
    )
    summarize.set_defaults(func=run_summarize)


def run_summarize(args: argparse.Namespace) -> int:
    get_template(args.template)  # an unknown template is bad input: fail before any work
    check_redact_args(args)
    check_summarize_keep(args)
    if args.out is not None:
        check_export_path(args.out, overwrite=args.overwrite)
    period = _period(args)
    with open_vault(args) as vault:
        document_ids = args.doc
        if period is not None:
            document_ids = _period_choice(vault, args.patient, period)
        elif not document_ids:
            # As the window leaves such a row unticked: a document naming another patient is
            # summarised only when --doc names it (walk 40b).
            vault.get_patient(args.patient)  # an unknown patient: its own message first
            document_ids, left_out = default_summary_documents(vault, args.patient)
            for doc in left_out:
                for note in doc.notes:
                    print(
                        f"medlocal: note: document {doc.id} ({shown_name(doc.file_name)}) is "
                        f"left out: {note} (name it with --doc {doc.id}, with the others, to "
                        "summarise it)",
                        file=sys.stderr,
                    )
        progress = TerminalProgress()

        def shown(value: Progress) -> None:
            # The plan is a line of its own before the first step, with what shortens it: on a
            # terminal the progress line redraws over it (walk 41: "0/32 steps", ~2 h ahead).
            if value.stage == PLAN_STAGE:
                shorter = (
                    "a template with fewer sections"
                    if plan_shortened_by(value) == "sections"
                    else "fewer documents with --doc"
                )
                print(
                    f"medlocal: this summary takes {value.detail}; to shorten it, choose {shorter}",
                    file=sys.stderr,
                    flush=True,
                )
                return
            progress(value)

        cancel = threading.Event()
        try:
            saved = workspace(args).summarize(
                args.patient,
                args.template,
                document_ids=document_ids or None,
                model=args.model,
                n_ctx=args.ctx,
                params=sampling_from_args(
                    args, max_tokens=workspace(args).settings.summary_step_tokens
                ),
                progress=shown,
                cancel=cancel,
            )
        except KeyboardInterrupt:
            cancel.set()
            progress.done()
            # By the time Ctrl-C reaches here the model's step is already abandoned (the batch
            # under way is interrupted, README): "stopped" is all there is to say, not the
            # "the model finishes the part it is reading (minutes)" said before (walk51b L3).
            raise GenerationCancelled("summary stopped; nothing was saved") from None
        finally:
            progress.done()
        summary = saved.summary
        withheld = args.redact and not sys.stdout.isatty()
        if withheld:
            # Redirected, the unredacted summary would land in a file in the clear beside the
            # de-identified one the person asked for (walk 18); on a terminal it is shown.
            # Where it went is said once the file is written (walk 35: said before, it named a
            # file that was never written when the redaction was stopped).
            print(
                "medlocal: with --redact the summary is not printed when standard output is not "
                "a terminal",
                file=sys.stderr,
            )
        else:
            print(mark_attached(summary.text, summary.flags))
            print_sources_and_flags(summary.sources, summary.flags, summary.text, "summary")
        for note in summary.notes:  # a document summarised names another patient: as answers
            print(f"medlocal: note: {note}", file=sys.stderr)
        empty = nothing_extracted_note(summary.text)
        if empty is not None:  # walk 51b L9: said as plainly as the window says it
            print(f"medlocal: {empty}", file=sys.stderr)
        print(
            f"\nSaved as output {saved.output_id} (medlocal outputs show {saved.output_id}).",
            file=sys.stderr,
        )
        if args.out is not None:
            written = _export_skipping_absent_adds(args, saved.output_id, args.out)
            if withheld:
                print(f"medlocal: the redacted copy is written to {written}", file=sys.stderr)
    return 0


def _day(text: str) -> date:
    try:
        return parse_day(text)
    except UserInputError as bad:
        raise argparse.ArgumentTypeError(str(bad)) from None


def _period(args: argparse.Namespace) -> Period | None:
    if args.period_from is None and args.period_to is None:
        return None
    if args.doc:
        raise UserInputError("choose the documents either with --doc or with --from/--to, not both")
    return Period(args.period_from, args.period_to)


def _period_choice(vault: Vault, patient_id: int, period: Period) -> list[int]:
    """The ids dated in ``period``; what it leaves out is said on standard error, each with how
    to add it, and a period holding nothing is refused with the same directions."""
    choice = period_documents(vault, patient_id, period)
    if not choice.chosen:
        raise UserInputError(_nothing_in_period(patient_id, period, choice))
    for doc in choice.noted:
        for note in doc.notes:
            print(
                f"medlocal: note: document {doc.id} ({shown_name(doc.file_name)}) is left out: "
                f"{note} (name it with --doc {doc.id}, with the others, to summarise it)",
                file=sys.stderr,
            )
    if choice.undated:
        named = ", ".join(f"{d.id} ({shown_name(d.file_name)})" for d in choice.undated[:8])
        more = f" and {len(choice.undated) - 8} more" if len(choice.undated) > 8 else ""
        print(
            f"medlocal: note: {len(choice.undated)} document(s) with no clear date of their own "
            f"are left out: {named}{more}; to include them, name every document with --doc "
            "instead",
            file=sys.stderr,
        )
    print(
        f"medlocal: summarising the {len(choice.chosen)} document(s) {period.words()}",
        file=sys.stderr,
    )
    return choice.chosen


def _nothing_in_period(patient_id: int, period: Period, choice: PeriodChoice) -> str:
    undated = (
        f"; {len(choice.undated)} document(s) have no clear date of their own: name the ones "
        "you want with --doc"
        if choice.undated
        else ""
    )
    noted = (
        f"; {len(choice.noted)} dated in it name another patient: name them with --doc to "
        "summarise them anyway"
        if choice.noted
        else ""
    )
    return f"no document of patient {patient_id} is {period.words()}{noted}{undated}"


def _export_skipping_absent_adds(args: argparse.Namespace, output_id: int, out: str) -> Path:
    """Export the summary; an ``--add`` text it does not hold is said and skipped. The texts were
    typed before the model wrote it: refused, one threw the finished summary's file away after
    minutes of work (walk 18). The export plans before it writes, so a retry writes once."""
    while True:
        try:
            return export_output(args, output_id, out)
        except AddedTextNotFound as absent:
            rest = [text for text in args.add if text != absent.text]
            if len(rest) == len(args.add):
                raise  # not one of ours: never loop
            print(
                f"medlocal: note: “{absent.text.strip()}” does not occur in the summary; nothing "
                "to add for it",
                file=sys.stderr,
            )
            args.add = rest
