"""``medlocal vault|patient|search|delete|audit``: the encrypted vault from a terminal.

Every command group opens the vault the same way (:func:`medlocal.cli.common.open_vault`):
``--passphrase-file FILE`` for scripts, otherwise the keychain wrap when the vault is remembered
on this computer, otherwise a hidden prompt.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from medlocal.app.passphrase import check_new_passphrase
from medlocal.app.patients import (
    DuplicateMrnError,
    SimilarPatientError,
    add_patient,
    date_of_birth,
    documents_in_order,
    patient_matches,
)
from medlocal.app.workspace_vault import PASSPHRASE_CHANGED
from medlocal.cli.common import (
    add_vault_args,
    add_yes_arg,
    ask_secret,
    confirm,
    notice,
    open_vault,
    read_secret_file,
    run_with_progress,
    tell_upgrade,
    workspace,
)
from medlocal.cli.export_cmds import register_document_export
from medlocal.errors import UserInputError
from medlocal.fsutil import shown_name, shown_path
from medlocal.rag.passages import picture_note, scan_note
from medlocal.vault import keychain
from medlocal.vault.backup_state import damaged_vault_message
from medlocal.vault.errors import (
    AuditChainError,
    VaultCorruptedError,
)
from medlocal.vault.records import SearchHit, pages_label
from medlocal.vault.store import Vault
from medlocal.vault.unlock import REMEMBER_AGAIN, UNLOCK_THE_KEYCHAIN
from medlocal.wording import counted, saved_outputs

SNIPPET_CHARS = 240


def register(sub: Any) -> None:
    _register_vault(sub)
    _register_patient(sub)

    search = sub.add_parser("search", help="hybrid (meaning + exact words) search of the vault")
    add_vault_args(search)
    search.add_argument("query", help="what to look for")
    search.add_argument("--patient", type=int, help="only this patient's documents")
    search.add_argument("--collection", help="only this collection")
    search.add_argument("--k", type=_positive_int, default=8, help="number of passages (8)")
    search.add_argument("--model", help="embedding model id or path (default: the installed one)")
    search.add_argument("--json", action="store_true", help="machine-readable output")
    search.set_defaults(func=run_search)

    delete = sub.add_parser("delete", help="delete a document (bytes, passages, vectors)")
    add_vault_args(delete)
    delete.add_argument("document_id", type=int, metavar="DOC_ID")
    delete.add_argument(
        "--with-outputs",
        action="store_true",
        help="also delete the saved answers and summaries that quote it",
    )
    delete.add_argument(
        "--keep-attachments",
        action="store_true",
        help="keep the documents imported from an e-mail's attachments (deleted with it otherwise)",
    )
    add_yes_arg(delete)
    delete.set_defaults(func=run_delete)

    audit = sub.add_parser("audit", help="the vault's tamper-evident audit log")
    audit_sub = audit.add_subparsers(dest="audit_command", metavar="ACTION", required=True)
    verify = audit_sub.add_parser("verify", help="check the HMAC chain")
    add_vault_args(verify)
    verify.set_defaults(func=run_audit_verify)
    show = audit_sub.add_parser("show", help="list audit events (ids and hashes only)")
    add_vault_args(show)
    show.add_argument("--limit", type=_positive_int, help="only the last N events")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.add_argument(
        "--sessions",
        action="store_true",
        help="include the vault's unlock and lock entries (each command adds a pair; left out "
        "by default and counted)",
    )
    show.set_defaults(func=run_audit_show)


def _register_vault(sub: Any) -> None:
    vault = sub.add_parser("vault", help="create, inspect and re-key the encrypted vault")
    actions = vault.add_subparsers(dest="vault_command", metavar="ACTION", required=True)

    init = actions.add_parser("init", help="create a new vault and show its recovery key")
    add_vault_args(init)
    init.add_argument(
        "--start-over",
        action="store_true",
        help="where the vault's key file has no database (a setup an older version never "
        "finished), set its files aside in a hidden folder and make a new vault",
    )
    init.set_defaults(func=run_init)

    status = actions.add_parser("status", help="what the vault holds and how it is protected")
    add_vault_args(status)
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.add_argument(
        "--check", action="store_true", help="also verify every page's HMAC (reads the whole file)"
    )
    status.set_defaults(func=run_status)

    passwd = actions.add_parser("passwd", help="change the passphrase (re-wraps the key only)")
    add_vault_args(passwd)
    passwd.add_argument("--new-passphrase-file", help="read the new passphrase from FILE")
    passwd.add_argument(
        "--recovery-key-file",
        metavar="FILE",
        help="open with the recovery key instead (a forgotten passphrase)",
    )
    passwd.set_defaults(func=run_passwd)

    rotate = actions.add_parser("rotate-key", help="re-encrypt the vault under a new data key")
    add_vault_args(rotate)
    rotate.set_defaults(func=run_rotate)

    remember = actions.add_parser(
        "remember", help="unlock without a passphrase on this computer (OS keychain)"
    )
    add_vault_args(remember)
    remember.set_defaults(func=run_remember)

    forget = actions.add_parser("forget", help="remove the keychain wrap from this computer")
    add_vault_args(forget)
    forget.set_defaults(func=run_forget)

    reembed = actions.add_parser(
        "reembed",
        help="give every document vectors of the default embedding model (after switching it)",
    )
    add_vault_args(reembed)
    reembed.set_defaults(func=run_reembed)

    update = actions.add_parser(
        "update",
        help="bring documents from an older MedLocal up to date (section passages, PDF page "
        "positions) from their stored originals; the window does this after unlocking",
    )
    add_vault_args(update)
    update.set_defaults(func=run_update)
    from medlocal.cli.backup_cmds import register_vault_actions  # it imports this module

    register_vault_actions(actions)


def _register_patient(sub: Any) -> None:
    patient = sub.add_parser("patient", help="patients in the vault")
    actions = patient.add_subparsers(dest="patient_command", metavar="ACTION", required=True)

    add = actions.add_parser("add", help="add a patient; prints the new id on the last line")
    add_vault_args(add)
    add.add_argument("--name", required=True, help="display name")
    add.add_argument("--mrn", help="medical record number")
    add.add_argument("--dob", type=_iso_date, help="date of birth, YYYY-MM-DD")
    add.add_argument(
        "--allow-duplicate-mrn",
        action="store_true",
        help="add even when another patient already has this MRN",
    )
    add.add_argument(
        "--allow-similar",
        action="store_true",
        help="add even when another patient's MRN is one slip from this one (two characters "
        "swapped or one changed) or has the same date of birth and a name nearly the same",
    )
    add.set_defaults(func=run_patient_add)

    listing = actions.add_parser("list", help="list patients")
    add_vault_args(listing)
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.add_argument(
        "--find",
        metavar="WORDS",
        help="only patients whose name or MRN holds every one of these words, as the window's "
        "patient search finds them (any order; case, accents and hyphens aside: 'muller' finds "
        "Müller)",
    )
    listing.set_defaults(func=run_patient_list)

    show = actions.add_parser("show", help="a patient and their documents")
    add_vault_args(show)
    show.add_argument("patient_id", type=int, metavar="ID")
    show.add_argument("--json", action="store_true", help="machine-readable output")
    show.set_defaults(func=run_patient_show)

    remove = actions.add_parser("remove", help="remove a patient and all their records")
    add_vault_args(remove)
    remove.add_argument("patient_id", type=int, metavar="ID")
    add_yes_arg(remove)
    remove.set_defaults(func=run_patient_remove)

    register_document_export(actions)  # the export shares outputs export's options and code


# --- shared with other command groups ---------------------------------------------------------


NEW_PASSPHRASE_TRIES = 3


def new_passphrase(file_name: str | None) -> str:
    """A new passphrase from FILE, or typed (and repeated) at the terminal; a typed one that is
    too short or mistyped is asked again, so `vault passwd` need not start over. Closed input
    ends the command at once (ask_secret's error)."""
    if file_name:
        return check_new_passphrase(read_secret_file(file_name))
    for attempt in range(1, NEW_PASSPHRASE_TRIES + 1):
        secret = ask_secret("New passphrase: ")
        try:
            check_new_passphrase(secret)  # too short: said before it is typed a second time
        except UserInputError as err:
            problem = err
        else:
            repeated = ask_secret("Repeat the passphrase: ")
            try:
                return check_new_passphrase(secret, repeated)
            except UserInputError as err:
                problem = err
        if attempt == NEW_PASSPHRASE_TRIES:
            raise problem
        print(f"{problem} Try again.", file=sys.stderr)
    raise AssertionError("unreachable")


def reembed_vault(args: argparse.Namespace) -> int:
    """Re-embed with a progress line; Ctrl-C stops after whole documents. Returns the exit code."""
    # A document being written when Ctrl-C comes is rolled back whole by its transaction.
    report = run_with_progress(
        lambda progress, cancel: workspace(args).reembed(progress=progress, cancel=cancel),
        "re-embedding stopped; documents not yet converted are found by exact words only until "
        "'medlocal vault reembed' is run",
    )
    if report is None:
        return 130
    if report.total == 0:
        print("Every document already has vectors of this embedding model.")
        return 0
    skipped = f", {report.skipped} deleted meanwhile" if report.skipped else ""
    print(f"Re-embedded {report.converted} of {report.total} documents{skipped}.")
    return 0


# --- vault ------------------------------------------------------------------------------------


def run_init(args: argparse.Namespace) -> int:
    ws = workspace(args)
    folder = ws.vault_folder
    if args.start_over:
        aside = ws.set_aside_incomplete_vault()
        if aside is not None:
            print(f"The files that were in {shown_path(folder)} are kept in {shown_path(aside)}.")
    recovery_key = ws.create_vault(new_passphrase(args.passphrase_file), finish=False)
    print(f"Created an encrypted vault in {shown_path(folder)}.")
    print()
    print("Recovery key (shown only this once; write it down and keep it somewhere safe):")
    print()
    print(f"    {recovery_key}")
    print()
    print("It unlocks the vault if the passphrase is forgotten. MedLocal does not keep a copy.")
    sys.stdout.flush()  # shown before the vault counts as finished (walk 47a D1)
    ws.finish_vault_creation()
    ws.lock("created")
    return 0


def run_status(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        status = vault.status()
        problems = vault.check_integrity() if args.check else None
    if args.json:
        data: dict[str, Any] = asdict(status)
        if problems is not None:
            data["integrity_problems"] = problems
        print(json.dumps(data, indent=2))
        return 1 if problems else 0
    kdf = status.kdf
    print(f"Vault:        {shown_path(status.folder)}")
    print(f"Unlocked by:  {status.unlocked_with}")
    print(f"Patients:     {status.patients}")
    print(f"Documents:    {status.documents} ({status.chunks} passages)")
    print(f"Embeddings:   {', '.join(status.embed_models) or 'none yet'}")
    print(
        f"Key:          Argon2id m={kdf['memory_kib'] // 1024} MiB t={kdf['iterations']} "
        f"p={kdf['lanes']}; AES-256-GCM wrap; SQLCipher 4"
    )
    if status.remembered_problem:  # walk 49a D3: "yes" of a keychain key that was gone
        # A locked keychain keeps its entry: unlocking it is the fix, not remembering again.
        locked = status.remembered_problem == keychain.LOCKED
        fix = UNLOCK_THE_KEYCHAIN if locked else REMEMBER_AGAIN
        print(f"Remembered:   not usable here. {status.remembered_problem} {fix}")
    else:
        print(f"Remembered:   {'yes (OS keychain)' if status.remembered else 'no'}")
    if problems is None:
        return 0
    if problems:
        raise VaultCorruptedError(
            damaged_vault_message(
                f"Integrity check FAILED ({len(problems)} problem(s)): the vault file was "
                "damaged or altered.",
                vault_folder=Path(status.folder),
            )
        )
    print("Integrity:    every page's HMAC verified")
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    ws = workspace(args)
    if args.recovery_key_file:
        # A forgotten passphrase: the recovery key opens the vault and a new passphrase is set.
        if args.passphrase_file:
            raise UserInputError("give --passphrase-file or --recovery-key-file, not both")
        key = read_secret_file(args.recovery_key_file)
        with ws.unlock(recovery_key=key):
            tell_upgrade(ws)
            ws.change_passphrase(new_passphrase(args.new_passphrase_file))
        print(PASSPHRASE_CHANGED)
        return 0
    with open_vault(args):
        current = None
        if ws.passphrase_change_needs_current():
            # Checked before the new one is typed, so a mistake is said at once.
            current = ask_secret("Current passphrase: ")
            ws.check_current_passphrase(current)
        ws.change_passphrase(new_passphrase(args.new_passphrase_file), current=current)
    print(PASSPHRASE_CHANGED)
    return 0


def run_rotate(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        passphrase = (
            read_secret_file(args.passphrase_file)
            if args.passphrase_file
            else ask_secret("Confirm the vault passphrase: ")
        )
        vault.rotate_key(passphrase)
    print("The vault is now encrypted under a new data key. Passphrase and recovery key unchanged.")
    return 0


def run_reembed(args: argparse.Namespace) -> int:
    with open_vault(args):
        return reembed_vault(args)


def run_update(args: argparse.Namespace) -> int:
    """Re-chunk / record page spans with a progress line; Ctrl-C stops between documents (each
    is swapped in one transaction) and a later run picks up where this one stopped."""
    with open_vault(args):
        report = run_with_progress(
            lambda progress, cancel: workspace(args).rechunk(progress=progress, cancel=cancel),
            "update stopped; run 'medlocal vault update' again",
        )
    if report is None:
        return 130
    if report.total == 0:
        print("Every document is up to date.")
        return 0
    print(
        f"Updated {report.rechunked + report.paged + report.current} of {report.total} documents "
        f"({report.rechunked} re-chunked, {report.paged} given page positions"
        + (f", {report.current} read again with the same text" if report.current else "")
        + (f", {report.failed} left as they were" if report.failed else "")
        + (f", {report.skipped} changed meanwhile" if report.skipped else "")
        + ")."
    )
    for file_name, why in report.kept:
        print(f"  {shown_name(file_name)}: kept as it was: {why}.")
    return 0


def run_remember(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        backend = vault.remember()
    print(f"This vault now unlocks without a passphrase on this computer ({backend}).")
    print("Undo with 'medlocal vault forget'.")
    return 0


def run_forget(args: argparse.Namespace) -> int:
    ws = workspace(args)
    # Nothing remembered: say so before asking a passphrase it does not need (walk 48b D3:
    # "vault forget" in a script asked one, and failed for want of it).
    if ws.vault_exists() and not ws.vault_remembered():
        Vault.drop_device_key(ws.vault_folder)  # a stale keychain entry, if one was left
        print("This vault was not remembered on this computer; the passphrase is needed as before.")
        return 0
    with open_vault(args) as vault:
        vault.forget()
    print("The keychain wrap was removed; the passphrase is needed again.")
    return 0


# --- patients ---------------------------------------------------------------------------------


def run_patient_add(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        try:
            patient_id = add_patient(
                vault,
                args.name,
                args.mrn,
                args.dob,
                allow_duplicate_mrn=args.allow_duplicate_mrn,
                allow_similar=args.allow_similar,
            )
        except DuplicateMrnError as err:
            raise UserInputError(
                f"{err}: check it is not the same person (import into that patient instead), "
                "or add --allow-duplicate-mrn"
            ) from err
        except SimilarPatientError as err:
            raise UserInputError(
                f"{err}: check it is not the same person mistyped (import into that patient "
                "instead) and that the details are right, or add --allow-similar"
            ) from err
    print(patient_id)
    return 0


def run_patient_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        patients = vault.list_patients()
    everyone = len(patients)
    if args.find:
        patients = [p for p in patients if patient_matches(args.find, p.name, p.mrn)]
    if args.json:
        print(json.dumps([asdict(p) for p in patients], indent=2))
        return 0
    if not everyone:
        print("No patients yet. Add one with 'medlocal patient add --name NAME'.")
    elif not patients:
        print(f"No patient's name or MRN holds every word of '{args.find}' ({everyone} in all).")
    for p in patients:
        extra = "  ".join(x for x in (f"MRN {p.mrn}" if p.mrn else "", p.dob or "") if x)
        print(f"{p.id:>5}  {shown_name(p.name)}  {extra}".rstrip())
    return 0


def run_patient_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        patient = vault.get_patient(args.patient_id)
        docs = documents_in_order(vault.list_documents(patient.id))
    if args.json:
        print(json.dumps({**asdict(patient), "documents": [asdict(d) for d in docs]}, indent=2))
        return 0
    print(f"Patient {patient.id}: {shown_name(patient.name)}")
    print(f"  MRN: {patient.mrn or '-'}   Date of birth: {patient.dob or '-'}")
    print(f"  Documents: {len(docs)}")
    for d in docs:
        where = f" [{d.collection}]" if d.collection else ""
        passages = f"{d.chunk_count} passage{'' if d.chunk_count == 1 else 's'}"
        # The import date and size tell apart two letters that share a file name.
        kib = max(1, round(d.size / 1024))
        print(
            f"  {d.id:>5}  {shown_name(d.file_name)}{where}  {d.file_type}  {kib} KiB  "
            f"imported {d.imported_at[:10]}  {passages}"
        )
        for note in d.notes:  # "it names another patient of this vault, ...": check it
            print(f"         note: {note}")
    return 0


def run_patient_remove(args: argparse.Namespace) -> int:
    from medlocal.app.removal_traces import removal_traces

    with open_vault(args) as vault:
        patient = vault.get_patient(args.patient_id)
        traces = removal_traces(vault, patient.id)
        # Walk 49b D3: the question named documents only (the window names chats and saved
        # outputs too), and neither said what keeps their records after the removal.
        kept = "".join(f"\n  {line}" for line in traces.still_held())
        after = f"\nAfter the removal:{kept}" if kept else ""
        question = (
            f"Remove patient {patient.id} ({shown_name(patient.name)}) with their "
            f"{traces.records()} from the vault?{after}"
        )
        if not confirm(question, args):
            print("Nothing removed.")
            return 1
        vault.remove_patient(args.patient_id)
    print(f"Removed patient {args.patient_id} and all their records from the vault.")
    if traces.still_held():
        print("What still holds their records:")
    for line in traces.still_held():
        print(f"  {line}")
    return 0


# --- search, delete, audit --------------------------------------------------------------------


def run_search(args: argparse.Namespace) -> int:
    with open_vault(args):
        hits = workspace(args).search(
            args.query,
            patient_id=args.patient,
            collection=args.collection,
            k=args.k,
            model=args.model,
        )
    if args.json:
        print(json.dumps([asdict(hit) for hit in hits], indent=2, ensure_ascii=False))
        return 0
    if not hits:
        print("No matching passages.")
    for rank, hit in enumerate(hits, start=1):
        page = f" {pages_label(hit.page, hit.last_page)}" if hit.page is not None else ""
        name = shown_name(hit.file_name)
        # As an answer's sources say it: read from a scan or a picture, a picture not read.
        told = scan_note(hit.scanned_pages, hit.page, hit.last_page) + picture_note(
            hit.from_picture, hit.unread_picture_pages
        )
        print(f"{rank}. [doc {hit.document_id}{page}] {name}{told}  ({_scores_text(hit)})")
        for note in hit.file_notes:  # e.g. the file names another patient of this vault
            print(f"   note: {note}")
        snippet = " ".join(hit.text.split())
        if len(snippet) > SNIPPET_CHARS:
            snippet = snippet[: SNIPPET_CHARS - 1] + "…"
        print(f"   {snippet}")
    return 0


def _scores_text(hit: SearchHit) -> str:
    """The scores a hit has; one with neither was ranked by the drugs of a class the question
    names (vault/search.py's third ranking), which printed as "()" (QA)."""
    parts = [
        f"cosine {hit.vector_score:.3f}" if hit.vector_score is not None else "",
        _bm25_text(hit.bm25_score) if hit.bm25_score is not None else "",
    ]
    return ", ".join(p for p in parts if p) or "names a drug of the class asked about"


def _bm25_text(score: float) -> str:
    """bm25 gives a word found in half the passages or more an idf of about nothing, so a vault
    of a few passages printed "bm25 0.000" for a passage that does hold the asked words (QA):
    say that the words matched and why the score is no help."""
    if score >= 0.0005:
        return f"bm25 {score:.3f}"
    return "bm25 words found (in most passages, so no rank)"


def run_delete(args: argparse.Namespace) -> int:
    from medlocal.app.document_deletion import delete_planned, plan_deletion

    with open_vault(args) as vault:
        info = vault.get_document(args.document_id)
        plan = plan_deletion(vault, [info.id], with_attachments=not args.keep_attachments)
        citing = plan.citing
        also = ""
        if citing and args.with_outputs:
            also = f" and the {counted(len(citing), 'saved output')} quoting it"
        question = f"Delete document {info.id} ({shown_name(info.file_name)}){also}?"
        if plan.attachments:
            question += plan.attachments_sentence()[:-1] + " (--keep-attachments keeps them)."
        if not confirm(question, args):
            print("Nothing deleted.")
            return 1
        delete_planned(vault, plan, with_outputs=args.with_outputs)
        deleted = citing if args.with_outputs else []
    print(
        f"Deleted document {info.id} ({shown_name(info.file_name)}) with its passages and vectors."
    )
    if plan.attachments:
        carried = " ".join(str(a.id) for a in plan.attachments)
        print(
            f"Deleted the {counted(len(plan.attachments), 'document')} from its attachments: "
            f"{carried}."
        )
    ids = " ".join(str(i) for i in deleted or citing)
    if deleted:
        print(f"Deleted the {counted(len(deleted), 'saved output')} quoting it: {ids}.")
    elif citing:
        one = len(citing) == 1
        print(
            f"Note: {saved_outputs(len(citing))} {'was' if one else 'were'} written from it and "
            f"{'keeps its' if one else 'keep their'} text, including what "
            f"{'it quotes' if one else 'they quote'} from it. To delete {'it' if one else 'them'} "
            "too: "
            f"medlocal outputs delete {ids}"
        )
    return 0


def run_audit_verify(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        report = vault.audit_verify()
    if not report.ok:
        where = f" at entry {report.bad_seq}" if report.bad_seq is not None else ""
        raise AuditChainError(f"Audit log check FAILED{where}: {report.problem}.")
    print(f"Audit log intact: {report.rows} entries, HMAC chain verified.")
    return 0


def run_audit_show(args: argparse.Namespace) -> int:
    with open_vault(args):
        view = workspace(args).audit_view(args.limit, sessions=args.sessions)
    if args.json:
        print(json.dumps([asdict(e) for e in view.entries], indent=2))
    else:
        for e in view.entries:
            details = " ".join(f"{k}={v}" for k, v in sorted(e.details.items()))
            print(f"{e.seq:>6}  {e.ts}  {e.event:<14} {details}".rstrip())
    # On stderr: the listing (and --json) stays entries only for scripts.
    if note := view.hidden_note("--sessions shows them"):
        notice(note)
    return 0


# --- argument types ---------------------------------------------------------------------------


def _positive_int(text: str) -> int:
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive whole number")
    return value


def _iso_date(text: str) -> str:
    try:
        return date_of_birth(text)
    except UserInputError as err:
        raise argparse.ArgumentTypeError(str(err)) from err
