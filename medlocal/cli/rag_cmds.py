"""``medlocal summarize`` (:mod:`medlocal.cli.summarize_cmds`), ``medlocal templates`` and
``medlocal outputs`` (export: :mod:`medlocal.cli.export_cmds`)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from medlocal.app.given_passages import cited_passages
from medlocal.app.outputs import delete_outputs, list_outputs
from medlocal.cli.answer_sources import print_sources_and_flags
from medlocal.cli.common import add_vault_args, add_yes_arg, confirm, open_vault, print_listing
from medlocal.cli.export_args import add_export_target_args
from medlocal.cli.export_cmds import run_outputs_export
from medlocal.cli.output_json import output_json, print_json
from medlocal.cli.summarize_cmds import register_summarize
from medlocal.fsutil import shown_path
from medlocal.rag.export import document_from_output
from medlocal.rag.flags import Flag, items_phrase, items_to_check, mark_attached
from medlocal.rag.provenance import provenance_lines
from medlocal.rag.summary_outcome import unextracted_sections
from medlocal.rag.templates import scan_templates, user_dir
from medlocal.vault.rows import StoredOutput
from medlocal.wording import counted


def register(sub: Any) -> None:
    register_summarize(sub)

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
    add_export_target_args(oexport)
    oexport.set_defaults(func=run_outputs_export)
    odelete = osub.add_parser("delete", help="delete saved outputs from the vault")
    add_vault_args(odelete)
    odelete.add_argument("output_ids", type=int, nargs="+", metavar="ID")
    add_yes_arg(odelete)
    odelete.set_defaults(func=run_outputs_delete)


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
            # A summary with nothing from the documents (its placeholders count as 1 item):
            # what the text listing says as "nothing extracted" (review 52a).
            "nothing_extracted": _nothing_extracted(o),
        },
        lambda o: f"{_output_line(o)}  ({_checking(o)})",
        "No saved outputs.",
    )


def _items(o: StoredOutput) -> int:
    """The items the window lists under this output (one per flagged sentence or section)."""
    return items_to_check([Flag.from_dict(f) for f in o.flags], o.content)


def _nothing_extracted(o: StoredOutput) -> bool:
    """A summary none of whose sections holds text from the documents (summary_outcome)."""
    return o.kind == "summary" and unextracted_sections(o.content) > 0


def _checking(o: StoredOutput) -> str:
    """What is left to check: the flagged items, or for a general answer that it is not from
    the record (walk 48b D1: "(0 item(s) to check)" read as an answer checked and found sound)."""
    if o.provenance.get("status") == "general":
        return "general answer, not from the documents: verify independently"
    if _nothing_extracted(o):
        return "nothing extracted from the documents: read them"  # not "1 item(s)" (walk 51b)
    return items_phrase(_items(o))


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
    print_sources_and_flags(doc.sources, doc.flags, doc.body, doc.kind)
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
