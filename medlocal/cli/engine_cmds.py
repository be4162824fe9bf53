"""``medlocal doctor``, ``medlocal ask`` and ``medlocal chat``: the engine from a terminal."""

from __future__ import annotations

import argparse
import json
import sys
import threading
from collections.abc import Iterator
from typing import Any

from medlocal import paths
from medlocal.cli.vault_cmds import add_vault_args
from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.hardware import hardware_report
from medlocal.engine.runtime import LlamaChatModel
from medlocal.errors import UserInputError
from medlocal.privacy import netguard

DEFAULT_SYSTEM_PROMPT = (
    "You are a careful clinical assistant. Answer concisely. If you are not sure, say so. "
    "Your answers are decision support only and must be verified by a clinician."
)


def register(sub: Any) -> None:
    doctor = sub.add_parser("doctor", help="hardware, folders and offline status")
    doctor.add_argument("--json", action="store_true", help="machine-readable output")
    doctor.set_defaults(func=run_doctor)

    ask = sub.add_parser(
        "ask",
        help="ask the model a question (with --patient: a grounded answer from the vault)",
    )
    add_generation_args(ask)
    ask.add_argument("--system", help="system prompt (default: a cautious clinical assistant)")
    ask.add_argument(
        "--patient", type=int, help="answer from this patient's documents, with citations"
    )
    ask.add_argument("--collection", help="with --patient: only this collection")
    ask.add_argument(
        "--general",
        action="store_true",
        help="with --patient: allow a labelled general answer when the documents are silent",
    )
    add_vault_args(ask)  # with --patient: which vault, and its passphrase file
    ask.add_argument("question", help="the question")
    ask.set_defaults(func=run_ask)

    chat = sub.add_parser("chat", help="interactive chat in the terminal (/reset, /retry, /exit)")
    add_generation_args(chat)
    chat.add_argument("--system", help="system prompt")
    chat.set_defaults(func=run_chat)


def add_generation_args(parser: argparse.ArgumentParser) -> None:
    from medlocal.settings import load_settings

    settings = load_settings()
    defaults = SamplingParams(
        temperature=settings.temperature, max_tokens=settings.max_tokens, seed=settings.seed
    )
    parser.add_argument("--model", help="installed model id or path to a GGUF file")
    parser.add_argument("--ctx", type=_positive_int, help="context size in tokens")
    parser.add_argument("--max-tokens", type=_positive_int, default=defaults.max_tokens)
    parser.add_argument("--temperature", type=_non_negative_float, default=defaults.temperature)
    parser.add_argument("--top-p", type=_unit_float, default=defaults.top_p)
    parser.add_argument("--top-k", type=_non_negative_int, default=defaults.top_k)
    parser.add_argument("--min-p", type=_unit_float, default=defaults.min_p)
    parser.add_argument(
        "--repeat-penalty", type=_non_negative_float, default=defaults.repeat_penalty
    )
    parser.add_argument("--seed", type=_non_negative_int, default=defaults.seed)


def sampling_from_args(args: argparse.Namespace) -> SamplingParams:
    return SamplingParams(
        temperature=args.temperature,
        top_p=args.top_p,
        top_k=args.top_k,
        min_p=args.min_p,
        repeat_penalty=args.repeat_penalty,
        max_tokens=args.max_tokens,
        seed=args.seed,
    )


def _number(kind: type, check: Any, what: str) -> Any:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not {what}") from None
        if not check(value):
            raise argparse.ArgumentTypeError(f"'{text}' is not {what}")
        return value

    return parse


_positive_int = _number(int, lambda v: v > 0, "a positive whole number")
_non_negative_int = _number(int, lambda v: v >= 0, "a whole number >= 0")
_non_negative_float = _number(float, lambda v: v >= 0, "a number >= 0")
_unit_float = _number(float, lambda v: 0 <= v <= 1, "a number between 0 and 1")


# -- doctor ---------------------------------------------------------------------------------------


def run_doctor(args: argparse.Namespace) -> int:
    from medlocal.crash import pending_crash_reports
    from medlocal.models.registry import Registry
    from medlocal.settings import load_settings
    from medlocal.vault.backup_state import backup_summary

    report = hardware_report().as_dict()
    report["folders"] = {
        "data": str(paths.data_dir()),
        "models": str(paths.models_dir()),
        "vault": str(paths.vault_dir()),
        "config": str(paths.config_dir()),
        "logs": str(paths.log_dir()),
        "MEDLOCAL_HOME": str(paths.home_override() or ""),
    }
    report["models_installed"] = [m.id for m in Registry().models()]
    report["offline"] = netguard.status()
    report["crash_reports"] = [str(path) for path in pending_crash_reports()]
    report["backup"] = backup_summary(load_settings().backup_reminder_days)
    if args.json:
        print(json.dumps(report, indent=2))
        return 0
    gib = 1 << 30
    print(f"OS:        {report['os']} ({report['machine']})")
    print(f"CPU:       {report['cpu_model']}")
    print(f"Cores:     {report['physical_cores']} physical, {report['logical_cores']} logical")
    print(f"Features:  {', '.join(report['cpu_features']) or 'none reported'}")
    print(
        f"RAM:       {report['ram_total_bytes'] / gib:.1f} GiB total, "
        f"{report['ram_available_bytes'] / gib:.1f} GiB available"
    )
    print(
        f"Backend:   {report['backend']} "
        f"(GPU offload {'yes' if report['gpu_offload_supported'] else 'no'})"
    )
    for gpu in report["gpus"]:
        total = f"{gpu['total_bytes'] / gib:.1f} GiB" if gpu["total_bytes"] else "unknown"
        free = f"{gpu['free_bytes'] / gib:.1f} GiB" if gpu["free_bytes"] else "unknown"
        print(f"GPU:       {gpu['name']} ({total} total, {free} free)")
    print(f"llama-cpp-python {report['llama_cpp_python_version']}")
    for name, folder in report["folders"].items():
        if folder:
            print(f"{name + ':':<11}{folder}")
    print(f"Models:    {', '.join(report['models_installed']) or 'none'}")
    print(f"Backup:    {report['backup']}")
    offline = report["offline"]
    print(
        "Offline:   guard "
        + ("on" if offline["guard_installed"] else "OFF")
        + f", {offline['blocked_attempts']} blocked connection attempt(s) this run"
    )
    # Reports hold versions and code locations only: safe to attach to a support request.
    crashes = report["crash_reports"]
    print(f"Crashes:   {len(crashes)} unread crash report(s)" + (":" if crashes else ""))
    for path in crashes:
        print(f"           {path}")
    return 0


# -- ask ------------------------------------------------------------------------------------------


def run_ask(args: argparse.Namespace) -> int:
    if args.patient is not None:
        from medlocal.cli.rag_cmds import run_grounded_ask

        return run_grounded_ask(args)
    if args.collection or args.general:
        raise UserInputError("--collection and --general need --patient")
    question = args.question.strip()
    if not question:
        raise UserInputError("the question is empty")
    from medlocal.cli.common import load_chat_model

    model = load_chat_model(args.model, args.ctx)
    messages = [
        ChatMessage("system", args.system or DEFAULT_SYSTEM_PROMPT),
        ChatMessage("user", question),
    ]
    stream_to_stdout(model, model.stream_chat(messages, sampling_from_args(args)))
    return 0


def stream_to_stdout(model: LlamaChatModel, pieces: Iterator[str]) -> str:
    """Print pieces as they arrive; report trimming on stderr. Returns the full text."""
    out: list[str] = []
    for piece in pieces:
        out.append(piece)
        sys.stdout.write(piece)
        sys.stdout.flush()
    sys.stdout.write("\n")
    sys.stdout.flush()
    for note in model.last_stats.trim.notes:
        print(f"medlocal: note: {note}", file=sys.stderr)
    return "".join(out)


# -- chat -----------------------------------------------------------------------------------------

_CHAT_HELP = (
    "Commands: /reset clears the conversation, /retry regenerates the last answer, /exit quits. "
    "Ctrl-C stops an answer."
)


def run_chat(args: argparse.Namespace) -> int:
    from medlocal.cli.common import load_chat_model

    model = load_chat_model(args.model, args.ctx)
    params = sampling_from_args(args)
    system = ChatMessage("system", args.system or DEFAULT_SYSTEM_PROMPT)
    history: list[ChatMessage] = []
    print(f"MedLocal chat with {model.name} — decision support only. {_CHAT_HELP}", file=sys.stderr)
    while True:
        try:
            line = input("you> ")
        except EOFError:
            print(file=sys.stderr)
            return 0
        except KeyboardInterrupt:
            print(file=sys.stderr)
            return 0
        text = line.strip()
        if not text:
            continue
        if text in ("/exit", "/quit"):
            return 0
        if text == "/reset":
            history.clear()
            print("(conversation cleared)", file=sys.stderr)
            continue
        if text == "/retry":
            if not history or history[-1].role != "assistant":
                print("(nothing to regenerate)", file=sys.stderr)
                continue
            history.pop()
            params = SamplingParams(**{**params.as_dict(), "seed": params.seed + 1})
        elif text.startswith("/"):
            print(f"(unknown command) {_CHAT_HELP}", file=sys.stderr)
            continue
        else:
            history.append(ChatMessage("user", text))
        answer = _answer_once(model, [system, *history], params)
        history.append(ChatMessage("assistant", answer))


def _answer_once(model: LlamaChatModel, messages: list[ChatMessage], params: SamplingParams) -> str:
    cancel = threading.Event()
    pieces: list[str] = []
    sys.stdout.write("medlocal> ")
    try:
        for piece in model.stream_chat(messages, params, cancel):
            pieces.append(piece)
            sys.stdout.write(piece)
            sys.stdout.flush()
    except KeyboardInterrupt:
        cancel.set()
        sys.stdout.write(" [stopped]")
    sys.stdout.write("\n")
    sys.stdout.flush()
    for note in model.last_stats.trim.notes:
        print(f"(note: {note})", file=sys.stderr)
    return "".join(pieces)
