"""``medlocal summarize``, ``medlocal templates`` and ``medlocal outputs``, plus the grounded
``medlocal ask --patient`` (the ``ask`` command itself lives in engine_cmds)."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
import threading
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

from medlocal.app.given_passages import cited_passages
from medlocal.app.outputs import (
    PLAN_STAGE,
    check_export_path,
    default_summary_documents,
    delete_outputs,
    list_outputs,
    span_type,
)
from medlocal.cli.common import (
    TerminalProgress,
    add_vault_args,
    add_yes_arg,
    confirm,
    open_vault,
    print_listing,
    workspace,
)
from medlocal.cli.engine_cmds import (
    non_negative_float,
    non_negative_int,
    positive_int,
    sampling_from_args,
)
from medlocal.engine.reasoning import ThinkingMeter, thinking_note, thinking_status
from medlocal.errors import GenerationCancelled, UserInputError
from medlocal.fsutil import shown_name, shown_path
from medlocal.progress import Progress
from medlocal.rag.answer import GroundedAnswer
from medlocal.rag.citations import cited_numbers
from medlocal.rag.export import (
    FORMAT_WORDS,
    AddedTextNotFound,
    Shared,
    document_from_output,
    kept_span_warnings,
    overridden_text,
    parse_keep,
)
from medlocal.rag.export_files import ATTACHED_NOTE
from medlocal.rag.flags import (
    Flag,
    attached_marks,
    items_phrase,
    items_to_check,
    listed_flags,
    mark_attached,
    unsupported_draft,
    unsupported_drafts,
)
from medlocal.rag.passages import SourceRef, one_line
from medlocal.rag.provenance import provenance_lines
from medlocal.rag.templates import get_template, scan_templates, user_dir
from medlocal.vault.rows import StoredOutput
from medlocal.wording import counted

if TYPE_CHECKING:
    from medlocal.app import Workspace
    from medlocal.rag.export import PlannedRedaction

T = TypeVar("T")


def register(sub: Any) -> None:
    summarize = sub.add_parser(
        "summarize", help="condense a patient's documents into a note template, with citations"
    )
    add_vault_args(summarize)
    summarize.add_argument("--patient", type=int, required=True, metavar="ID")
    summarize.add_argument(
        "--doc", type=int, action="append", metavar="DOC_ID", help="only this document (repeat)"
    )
    summarize.add_argument(
        "--template", required=True, help="template name (medlocal templates list)"
    )
    # The export formats' one list: the hand-written one left out .txt, which works (walk 40b).
    summarize.add_argument("--out", metavar="FILE", help=f"also export to FILE ({FORMAT_WORDS})")
    _add_overwrite_arg(summarize)
    # --keep is taken only to be refused with directions (check_summarize_keep): its numbers come
    # from a preview, and a summary has none before it is written.
    _add_redact_args(summarize, keep_help=argparse.SUPPRESS)
    _add_model_line_arg(summarize)
    summarize.add_argument("--model", help="installed model id or path to a GGUF file")
    summarize.add_argument("--ctx", type=positive_int, help="context size in tokens")
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

    templates = sub.add_parser("templates", help="note templates for summaries")
    tsub = templates.add_subparsers(dest="templates_command", metavar="ACTION", required=True)
    tlist = tsub.add_parser("list", help="bundled and user templates")
    tlist.add_argument("--json", action="store_true", help="machine-readable output")
    tlist.set_defaults(func=run_templates_list)

    outputs = sub.add_parser("outputs", help="saved answers and summaries")
    osub = outputs.add_subparsers(dest="outputs_command", metavar="ACTION", required=True)
    olist = osub.add_parser("list", help="saved outputs")
    add_vault_args(olist)
    olist.add_argument("--patient", type=int, metavar="ID")
    olist.add_argument("--json", action="store_true", help="machine-readable output")
    olist.set_defaults(func=run_outputs_list)
    oshow = osub.add_parser("show", help="an output with its sources, flags and provenance")
    add_vault_args(oshow)
    oshow.add_argument("output_id", type=int, metavar="ID")
    oshow.add_argument("--json", action="store_true", help="machine-readable output")
    oshow.set_defaults(func=run_outputs_show)
    oexport = osub.add_parser("export", help="export to Markdown, plain text, DOCX or PDF")
    add_vault_args(oexport)
    oexport.add_argument("output_id", type=int, metavar="ID")
    _add_export_target_args(oexport)
    oexport.set_defaults(func=run_outputs_export)
    odelete = osub.add_parser("delete", help="delete saved outputs from the vault")
    add_vault_args(odelete)
    odelete.add_argument("output_ids", type=int, nargs="+", metavar="ID")
    add_yes_arg(odelete)
    odelete.set_defaults(func=run_outputs_delete)


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
    _add_export_target_args(dexport)
    dexport.add_argument(
        "--unredacted",
        action="store_true",
        help="write the text as imported, identifiers and all (instead of --redact)",
    )
    dexport.set_defaults(func=run_document_export)


def _add_export_target_args(parser: argparse.ArgumentParser) -> None:
    """--out, --overwrite, the redaction options, --model-line and --preview of an export.
    --out is needed unless --preview is given: a preview writes nothing (walk 45, D4)."""
    parser.add_argument("--out", metavar="FILE", help=f"{FORMAT_WORDS} (not needed with --preview)")
    _add_overwrite_arg(parser)
    _add_redact_args(parser)
    _add_model_line_arg(parser)
    parser.add_argument(
        "--preview", action="store_true", help="with --redact: list the redactions, write nothing"
    )


def _add_model_line_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--model-line",
        action="store_true",
        help="with --redact: the chat model also proposes names, places and organisations "
        "(added to the rules' spans, never fewer; slow: about a generation per 2,000 characters)",
    )


def _check_export_target(args: argparse.Namespace) -> None:
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


def _add_redact_args(
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


# -- shared helpers --------------------------------------------------------------------------------


def _source_line(src: SourceRef, mark: str = "") -> str:
    # The file name as shown_name escapes it (review 43, D9: ESC, newline, U+202E).
    return f"[{src.number}] {shown_name(src.label())}{mark}\n    {one_line(src.snippet)}"


def _print_sources_and_flags(
    sources: list[SourceRef], flags: list[Flag], text: str, whole: str = "answer"
) -> None:
    """The sources, then the flags: one line per sentence (``listed_flags``), its sentence
    quoted from ``text`` (the final text the flags were made on); ``whole`` names a flag on the
    text as a whole ("answer", "summary")."""
    if sources:
        cited = set(cited_numbers(text))
        print("\nSources:")
        for src in sources:
            # A passage a flag points to ("apixaban is named in passage [2]") is listed too.
            named = "" if src.number in cited else "  (not cited; named in a note or flag)"
            print(f"  {_source_line(src, named)}")
    if attached_marks(text, flags):
        print(f"  {ATTACHED_NOTE}")
    if flags:
        print("\nFlags (verify these against the sources):")
        for place, flag in listed_flags(flags, text, whole):
            # One line each: a quote from a PDF's passage keeps its line breaks (walk 33).
            print(f"  - {place}: {' '.join(flag.message.split())}")
    for label, draft in unsupported_drafts(flags):
        print(f"\n{label}")
        print(textwrap.indent(draft, "    "))


def print_answer_sources(answer: GroundedAnswer) -> None:
    _print_sources_and_flags(answer.sources, answer.flags, answer.text)
    draft = unsupported_draft(answer.flags)
    if (answer.found or draft) and not answer.sources and answer.passages:
        # Nothing could be tied to a passage: still show what the model was given, so the
        # clinician can check the answer against the record instead of trusting it (or look
        # for it there, when the draft was set aside as unsupported).
        lead = (
            "No statement could be tied to a passage. Passages the model was given:"
            if answer.found
            else "Passages the model was given (read them before concluding the record is silent):"
        )
        print(f"\n{lead}")
        for passage in answer.passages:
            print(f"  {_source_line(passage.source())}")


# An export lists this many redactions and counts the rest: a 5 MB record printed 176,000 lines
# after the file was written (walk 22); --preview lists them all.
EXPORT_LISTED = 40


def _print_redactions(
    planned: list[PlannedRedaction],
    stream: TextIO | None = None,
    overridden: Sequence[tuple[int, int]] = (),
    limit: int | None = None,
) -> None:
    """List the redactions (the first ``limit`` of them, then a count by kind of the rest). The
    removed identifiers themselves are shown only on a terminal: redirected to a file, this list
    would put them on disk in the clear. A ``--keep`` an ``--add`` overrode is said first: the
    added text wins, and the person asked to keep it."""
    out = stream or sys.stderr
    for number, into in overridden:
        print(f"Note: {overridden_text(number, into)}.", file=out)
    for warning in kept_span_warnings(planned):
        print(f"Warning: {warning}.", file=out)
    show_originals = out.isatty()
    if not planned:
        # "0 redaction(s):" and nothing under it read as if the list had been cut off.
        print("No identifiers found to redact; read the export before sharing it.", file=out)
        return
    kept = sum(item.kept for item in planned)
    if kept:  # a kept span stays in the file: not counted as a redaction
        print(f"{len(planned) - kept} redaction(s), {kept} kept:", file=out)
    else:
        print(f"{len(planned)} redaction(s):", file=out)
    # Kept and added spans are what the person decided: always listed.
    shown = [limit is None or n < limit or it.kept or it.added for n, it in enumerate(planned)]
    listed = [item for item, show in zip(planned, shown, strict=True) if show]
    for item in listed:
        red = item.redaction
        original = repr(red.original) if show_originals else f"({len(red.original)} characters)"
        action = f"KEPT ({item.reason})" if item.kept else f"-> {red.replacement!r}"
        print(f"  {item.number:>3}. {item.where}: {span_type(item)} {original} {action}", file=out)
    if len(listed) < len(planned):
        rest = Counter(item.type for item, show in zip(planned, shown, strict=True) if not show)
        kinds = ", ".join(f"{count} {kind}" for kind, count in rest.most_common())
        print(
            f"  ... and {len(planned) - len(listed)} more ({kinds}); --preview lists them all",
            file=out,
        )
    if planned and not show_originals:
        print("  (run in a terminal to see the identifiers themselves)", file=out)


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


def _export(args: argparse.Namespace, output_id: int, out: str) -> Path:
    report = record_progress(
        lambda progress, cancel: workspace(args).export(
            Shared.output(output_id),
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
    if args.redact:
        _print_redactions(report.redactions, overridden=report.overridden, limit=EXPORT_LISTED)
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


# -- grounded ask ----------------------------------------------------------------------------------


def run_grounded_ask(args: argparse.Namespace) -> int:
    """``medlocal ask --patient ID [--collection C] [--general] [--chat ID] QUESTION``: stream a
    grounded answer, then its numbered sources and flags; the answer is saved with its
    provenance, as a new chat or as a follow-up in ``--chat``."""
    question = args.question.strip()
    if not question:
        raise UserInputError("the question is empty")
    with open_vault(args) as vault:
        vault.get_patient(args.patient)  # an unknown patient: its own message
        if not args.general and not vault.list_documents(args.patient):
            # The answer could only be "Not found in the selected documents." (and be saved).
            raise UserInputError(
                f"Patient {args.patient} has no documents yet: import them with 'medlocal import "
                f"FILE_OR_FOLDER --patient {args.patient}', then ask again."
            )
        chat_id = getattr(args, "chat", None)
        if chat_id is not None and chat_id not in {c for c, _, _ in vault.list_chats(args.patient)}:
            raise UserInputError(
                f"Chat {chat_id} is not a chat about patient {args.patient}: "
                f"'medlocal chats list --patient {args.patient}' lists them."
            )
        session = workspace(args).grounded_chat(
            args.patient,
            chat_id=chat_id,
            collection=args.collection,
            model=getattr(args, "model", None),
            n_ctx=getattr(args, "ctx", None),
            params=sampling_from_args(args),
        )
        cancel = threading.Event()
        writing = WritingProgress()
        meter = ThinkingMeter(listener=writing.thinking)
        stream = session.ask(question, general=args.general, cancel=cancel, meter=meter)
        try:
            for piece in stream:
                writing.add(piece)
        except KeyboardInterrupt:
            cancel.set()
            raise GenerationCancelled("answer stopped; nothing was saved") from None
        finally:
            writing.done()
        answer: GroundedAnswer = stream.result
        if getattr(args, "json", False) and session.last_output_id is not None:
            # As 'outputs show ID --json' prints the saved answer (no second serialiser).
            saved = vault.get_output(session.last_output_id)
            print_json(output_json(saved, cited_passages(vault, saved.provenance)))
        else:
            _print_grounded_answer(answer)
        if answer.thinking_tokens:
            print(f"medlocal: note: {thinking_note(answer.thinking_tokens)}", file=sys.stderr)
        print(
            f"\nSaved as output {session.last_output_id} (medlocal outputs show"
            f" {session.last_output_id}) in chat {session.chat_id}: ask a follow-up with"
            f" --chat {session.chat_id}. Decision support only — verify against the sources.",
            file=sys.stderr,
        )
    return 0


def _print_grounded_answer(answer: GroundedAnswer) -> None:
    """A grounded answer as a person reads it: its notes, its text, its sources and flags."""
    # The answer's notes come first, on stdout with the answer: what they say ("the
    # question names Desmond Achterberg, another patient ...", "the documents disagree on
    # bisoprolol ...") is read before the answer, and kept when stdout is saved to a file
    # (walk 41: the other-patient note went to stderr only, after the answer).
    for note in answer.notes:
        print(f"Note: {note}")
    if answer.notes:
        print()
    # Printed once, checked: streamed and then repeated with its citations, a long answer
    # filled two screens (walk 25).
    print(mark_attached(answer.text, answer.flags))
    print_answer_sources(answer)


class WritingProgress:
    """While the model writes, one updating line on stderr when it is a terminal: the words so
    far and the last of them ("Writing the answer (57 words): …twice daily [2]."). The answer
    itself is printed once, after its checks; nothing is shown when stderr is not a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self._out = stream or sys.stderr
        self._tty = self._out.isatty()
        self._text = ""
        self._shown = 0

    def add(self, piece: str) -> None:
        self._text += piece
        if not self._tty:
            return
        width = max(shutil.get_terminal_size().columns - 1, 20)
        words = len(self._text.split())
        head = f"Writing the answer ({words} word{'' if words == 1 else 's'}): "
        tail = " ".join(self._text.split())[-max(width - len(head) - 1, 0) :]
        self._show((head + "…" + tail)[:width])

    def thinking(self, tokens: int) -> None:
        """A reasoning model thinks before it answers: say so, so the wait is not a hang."""
        if self._tty and (tokens == 1 or tokens % 8 == 0):
            self._show(thinking_status(tokens))

    def _show(self, line: str) -> None:
        self._out.write("\r" + line.ljust(self._shown))
        self._out.flush()
        self._shown = len(line)

    def done(self) -> None:
        if self._shown:
            self._out.write("\r" + " " * self._shown + "\r")
            self._out.flush()
            self._shown = 0


def _add_overwrite_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--overwrite", action="store_true", help="replace the file of --out if it exists"
    )


# -- summarize -------------------------------------------------------------------------------------


def run_summarize(args: argparse.Namespace) -> int:
    get_template(args.template)  # an unknown template is bad input: fail before any work
    check_redact_args(args)
    check_summarize_keep(args)
    if args.out is not None:
        check_export_path(args.out, overwrite=args.overwrite)
    with open_vault(args) as vault:
        document_ids = args.doc
        if not document_ids:
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
                print(
                    f"medlocal: this summary takes {value.detail}; to shorten it, choose fewer "
                    "documents with --doc",
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
            # Said at once: the model first finishes the prompt it is reading, which for a
            # long record's step can take minutes on a CPU, and only then does the command end.
            print(
                "\nmedlocal: stopping; the model finishes the part of the record it is reading "
                "first (on a CPU this can take a few minutes)",
                file=sys.stderr,
                flush=True,
            )
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
            _print_sources_and_flags(summary.sources, summary.flags, summary.text, "summary")
        for note in summary.notes:  # a document summarised names another patient: as answers
            print(f"medlocal: note: {note}", file=sys.stderr)
        print(
            f"\nSaved as output {saved.output_id} (medlocal outputs show {saved.output_id}).",
            file=sys.stderr,
        )
        if args.out is not None:
            written = _export_skipping_absent_adds(args, saved.output_id, args.out)
            if withheld:
                print(f"medlocal: the redacted copy is written to {written}", file=sys.stderr)
    return 0


def _export_skipping_absent_adds(args: argparse.Namespace, output_id: int, out: str) -> Path:
    """Export the summary; an ``--add`` text it does not hold is said and skipped. The texts were
    typed before the model wrote it: refused, one threw the finished summary's file away after
    minutes of work (walk 18). The export plans before it writes, so a retry writes once."""
    while True:
        try:
            return _export(args, output_id, out)
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


# -- templates and outputs -------------------------------------------------------------------------


def run_templates_list(args: argparse.Namespace) -> int:
    templates, problems = scan_templates()
    for problem in problems:
        print(f"medlocal: warning: {problem}; it is left out", file=sys.stderr)
    if args.json:
        rows = [
            {
                "name": t.name,
                "title": t.title,
                "description": t.description,
                "sections": [s.heading for s in t.sections],
                "builtin": t.builtin,
                "path": str(t.path),
            }
            for t in templates
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
        print(f"medlocal: {_user_templates_line()}", file=sys.stderr)  # stdout stays JSON
        return 0
    for t in templates:
        origin = "" if t.builtin else "  (user)"
        print(f"{t.name:<20} {t.title}{origin}")
        print(f"{'':<20} sections: {', '.join(s.heading for s in t.sections)}")
    print(_user_templates_line())
    return 0


def _user_templates_line() -> str:
    """Where user templates are read from: a file in a folder of a near-miss name (another
    capitalisation, say) was ignored without a word (walk 27)."""
    folder = user_dir()
    state = "" if folder.is_dir() else " (does not exist yet; create it to add templates)"
    return f"user templates are read from: {shown_path(folder)}{state}"


def run_outputs_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        outputs = list_outputs(vault, args.patient)
    return print_listing(
        args,
        outputs,
        lambda o: {
            "id": o.id,
            "patient_id": o.patient_id,
            "kind": o.kind,
            "title": o.title,
            "created_at": o.created_at,
            "flags": len(o.flags),
            "items_to_check": _items(o),
        },
        lambda o: f"{_output_line(o)}  ({items_phrase(_items(o))})",
        "No saved outputs.",
    )


def _items(o: StoredOutput) -> int:
    """The items the window lists under this output (one per flagged sentence or section)."""
    return items_to_check([Flag.from_dict(f) for f in o.flags], o.content)


def _output_line(o: StoredOutput) -> str:
    return f"{o.id:>5}  {o.created_at}  patient {o.patient_id}  {o.kind:<8} {o.title}"


def run_outputs_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        o = vault.get_output(args.output_id)
        if args.json:
            print_json(output_json(o, cited_passages(vault, o.provenance)))
            return 0
    doc = document_from_output(o.title, o.kind, o.content, o.provenance, o.flags)
    print(f"Output {o.id} — {o.kind} — {o.title} — patient {o.patient_id} — {o.created_at}\n")
    print(mark_attached(doc.body, doc.flags).strip())
    _print_sources_and_flags(doc.sources, doc.flags, doc.body, doc.kind)
    print("\nProvenance:")
    for line in provenance_lines(o.provenance):
        print(f"  {line}")
    passages = o.provenance.get("passages") or []
    if passages:
        print("  Retrieved passages (number: chunk id, document, score):")
        for p in passages:
            score = p.get("score")
            score_text = f"{score:.4f}" if isinstance(score, (int, float)) else "-"
            print(
                f"    [{p.get('number')}] chunk {p.get('chunk_id')}, document"
                f" {p.get('document_id')}, score {score_text}"
            )
    return 0


def output_json(
    output: StoredOutput, cited: Sequence[tuple[SourceRef, str | None]]
) -> dict[str, Any]:
    """A saved output as ``outputs show --json`` and ``ask --patient --json`` print it: its
    fields, its notes, and each source it cites with its document, page and passage text
    (``cited``: :func:`medlocal.app.given_passages.cited_passages`; the text None where the
    document was deleted since)."""
    return _answer_json(
        output.id,
        output.patient_id,
        output.kind,
        output.title,
        output.content,
        provenance=output.provenance,
        flags=output.flags,
        created_at=output.created_at,
        cited=cited,
        notes=[str(note) for note in output.provenance.get("notes") or []],
    )


def general_answer_json(question: str, text: str) -> dict[str, Any]:
    """A general answer (``ask`` without ``--patient``) as ``ask --json`` prints it: the shape of
    a saved output's, with no id (it is not saved), no sources and no flags."""
    return _answer_json(None, None, "general answer", question, text)


def _answer_json(
    output_id: int | None,
    patient_id: int | None,
    kind: str,
    title: str,
    content: str,
    *,
    provenance: dict[str, Any] | None = None,
    flags: Sequence[dict[str, Any]] = (),
    created_at: str | None = None,
    cited: Sequence[tuple[SourceRef, str | None]] = (),
    notes: Sequence[str] = (),
) -> dict[str, Any]:
    """The one JSON shape of an answer or summary (see :func:`output_json`)."""
    return {
        "id": output_id,
        "patient_id": patient_id,
        "kind": kind,
        "title": title,
        "content": content,
        "provenance": provenance,
        "flags": list(flags),
        "created_at": created_at,
        "notes": list(notes),
        "citations": [
            {
                "number": source.number,
                "document_id": source.document_id,
                "file_name": source.file_name,
                "page": source.page,
                "last_page": source.last_page,
                "chunk_id": source.chunk_id,
                "passage": text,
            }
            for source, text in cited
        ],
    }


def print_json(data: dict[str, Any]) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


def run_outputs_delete(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        chosen = [vault.get_output(i) for i in dict.fromkeys(args.output_ids)]
        for o in chosen:
            print(_output_line(o))
        if not confirm(f"Delete {counted(len(chosen), 'saved output')}?", args):
            print("Nothing deleted.")
            return 1
        count = delete_outputs(vault, [o.id for o in chosen])
        given_in = {o.provenance.get("chat_id") for o in chosen}
        chats = sorted(c for c in given_in if isinstance(c, int) and vault.has_chat(c))
    print(f"Deleted {counted(count, 'saved output')}.")
    if chats:  # a chat deleted before holds nothing more
        ids = " ".join(str(c) for c in chats)
        print(
            f"The chat(s) these answers were given in still hold their questions and answers; "
            f"to delete them too: medlocal chats delete {ids}"
        )
    return 0


def run_document_export(args: argparse.Namespace) -> int:
    if args.redact and args.unredacted:
        raise UserInputError("--redact and --unredacted contradict each other: give one")
    if not args.redact and not args.unredacted:
        raise UserInputError(
            "a document's copy holds the patient's identifiers: add --redact to de-identify it "
            "(--redact --preview lists what goes), or --unredacted to write it as imported"
        )
    _check_export_target(args)
    check_redact_args(args)
    ws = workspace(args)
    with open_vault(args):
        if args.preview:
            return _preview(ws, Shared.document(args.document_id), args)
        report = record_progress(
            lambda progress, cancel: ws.export(
                Shared.document(args.document_id),
                args.out,
                redact=args.redact,
                date_mode=args.date_mode,
                keep=args.keep,
                add=args.add,
                model_line=args.model_line,
                progress=progress,
                cancel=cancel,
            )
        )
    said = f"Exported document {args.document_id} to {shown_path(report.path)}"
    if args.redact:
        _print_redactions(report.redactions, overridden=report.overridden, limit=EXPORT_LISTED)
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
    _print_redactions(plan.items, overridden=plan.overridden)
    print("Preview only: nothing was written.", file=sys.stderr)
    return 0


def run_outputs_export(args: argparse.Namespace) -> int:
    _check_export_target(args)
    check_redact_args(args)
    with open_vault(args):
        if args.preview:
            return _preview(workspace(args), Shared.output(args.output_id), args)
        _export(args, args.output_id, args.out)
    return 0
