"""``medlocal doctor``, ``medlocal ask`` and ``medlocal chat``: the engine from a terminal."""

from __future__ import annotations

import argparse
import json
import math
import sys
import threading
from collections.abc import Iterable, Iterator
from typing import Any

from medlocal.app import Workspace
from medlocal.app.general_answer import GeneralAnswer
from medlocal.cli.common import add_vault_args, workspace
from medlocal.engine.api import ChatMessage, SamplingParams
from medlocal.engine.reasoning import (
    ThinkingBudgetExceeded,
    ThinkingMeter,
    thinking_note,
    thinking_status,
)
from medlocal.engine.runtime import LlamaChatModel
from medlocal.errors import UserInputError
from medlocal.fsutil import shown_name
from medlocal.settings import CONTEXT_MIN

DEFAULT_SYSTEM_PROMPT = (
    "You are a careful clinical assistant. Answer concisely. If you are not sure, say so. "
    "Your answers are decision support only and must be verified by a clinician."
)


def register(sub: Any) -> None:
    doctor = sub.add_parser("doctor", help="hardware, folders and offline status")
    doctor.add_argument("--json", action="store_true", help="machine-readable output")
    # Which vault's folder to check for what an interrupted restore left (never unlocked).
    add_vault_args(doctor)
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
        "--chat",
        type=int,
        metavar="ID",
        help="with --patient: a follow-up in this stored chat (see 'medlocal chats list')",
    )
    ask.add_argument(
        "--general",
        action="store_true",
        help="with --patient: allow a labelled general answer when the documents are silent",
    )
    ask.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object: the answer, its citations with their passages, flags,"
        " notes and the saved output's id (as 'outputs show ID --json')",
    )
    add_vault_args(ask)  # with --patient: which vault, and its passphrase file
    ask.add_argument("question", help="the question")
    ask.set_defaults(func=run_ask)

    chat = sub.add_parser("chat", help="interactive chat in the terminal (/reset, /retry, /exit)")
    add_generation_args(chat)
    chat.add_argument("--system", help="system prompt")
    chat.set_defaults(func=run_chat)


def add_generation_args(parser: argparse.ArgumentParser) -> None:
    """Model and sampling options; an option not given takes the user's setting (or the
    conservative default), through :meth:`Workspace.sampling`."""
    parser.add_argument("--model", help="installed model id or path to a GGUF file")
    parser.add_argument(
        "--ctx", type=context_size, help=f"context size in tokens (at least {CONTEXT_MIN})"
    )
    parser.add_argument("--max-tokens", type=_positive_int)
    parser.add_argument("--temperature", type=_non_negative_float)
    parser.add_argument("--top-p", type=_unit_float)
    parser.add_argument("--top-k", type=_non_negative_int)
    parser.add_argument("--min-p", type=_unit_float)
    parser.add_argument("--repeat-penalty", type=_non_negative_float)
    parser.add_argument("--seed", type=_non_negative_int)


def sampling_from_args(args: argparse.Namespace, **fixed: Any) -> SamplingParams:
    given = {
        name: getattr(args, name, None)
        for name in ("temperature", "top_p", "top_k", "min_p", "repeat_penalty", "max_tokens")
    }
    given["seed"] = getattr(args, "seed", None)
    for name, value in fixed.items():
        if given.get(name) is None:
            given[name] = value
    return workspace(args).sampling(**given)


def _number(kind: type, check: Any, what: str) -> Any:
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not {what}") from None
        if not check(value) or (isinstance(value, float) and not math.isfinite(value)):
            raise argparse.ArgumentTypeError(f"'{text}' is not {what}")
        return value

    return parse


# Shared with the other commands' sampling options (summarize, import).
_positive_int = _number(int, lambda v: v > 0, "a positive whole number")
_non_negative_int = _number(int, lambda v: v >= 0, "a whole number >= 0")
_non_negative_float = _number(float, lambda v: v >= 0, "a number >= 0")
_unit_float = _number(float, lambda v: 0 <= v <= 1, "a number between 0 and 1")
positive_int, non_negative_int = _positive_int, _non_negative_int
non_negative_float = _non_negative_float
positive_float = _number(float, lambda v: v > 0, "a number greater than 0")


def context_size(text: str) -> int:
    """``--ctx``: refused under the smallest context, as ``settings set context_tokens`` and
    ``models fit`` refuse it (walk 48b D4: ``ask --ctx 16`` ran on as if nothing was wrong)."""
    value = _positive_int(text)
    if value < CONTEXT_MIN:
        raise argparse.ArgumentTypeError(
            f"{value} is under the smallest context, {CONTEXT_MIN} tokens: a question and its"
            " passages no longer fit"
        )
    return int(value)


# -- doctor ---------------------------------------------------------------------------------------


def run_doctor(args: argparse.Namespace) -> int:
    report = workspace(args).doctor()
    if args.json:
        print(json.dumps(report.as_dict(), indent=2))
        return 0
    for line in report.lines():
        print(line)
    return 0


# -- ask ------------------------------------------------------------------------------------------


def run_ask(args: argparse.Namespace) -> int:
    if args.patient is not None:
        from medlocal.cli.grounded_ask import run_grounded_ask

        return run_grounded_ask(args)
    if args.collection or args.general or args.chat is not None:
        raise UserInputError("--collection, --general and --chat need --patient")
    question = args.question.strip()
    if not question:
        raise UserInputError("the question is empty")
    ws = workspace(args)
    model = ws.chat_model(args.model, args.ctx)
    messages = [
        ChatMessage("system", args.system or DEFAULT_SYSTEM_PROMPT),
        ChatMessage("user", question),
    ]
    status = ThinkingLine()
    # Labelled before its first word (app/general_answer.py): no document and no reference
    # stands behind it, whether stdout is a terminal or a file.
    stream = ws.general_answer(
        messages, sampling_from_args(args), model=model, meter=ThinkingMeter(listener=status.show)
    )
    if args.json:
        from medlocal.cli.output_json import general_answer_json, print_json

        try:
            for _ in status.around(stream):
                pass  # printed whole, in the JSON object, once it is written
        finally:
            status.clear()
        print_json(general_answer_json(question, stream.text))
        print_trim_notes(model)
        status.report(stream)
        return 0
    try:
        stream_to_stdout(model, status.around(stream))
    finally:
        status.clear()  # an error (or Ctrl-C) while thinking leaves no "Thinking…" line
    status.report(stream)
    return 0


class ThinkingLine:
    """On stderr, while a reasoning model thinks: "Thinking… N tokens" (one updating line on a
    terminal, a single line otherwise); the thinking itself is never printed."""

    def __init__(self) -> None:
        self._tty = sys.stderr.isatty()
        self._shown = False

    def show(self, tokens: int) -> None:
        if self._tty:
            if tokens == 1 or tokens % 8 == 0:
                sys.stderr.write("\r" + thinking_status(tokens))
                sys.stderr.flush()
                self._shown = True
        elif not self._shown:
            print(thinking_status(tokens), file=sys.stderr, flush=True)
            self._shown = True

    def clear(self) -> None:
        """Take the updating line away (the terminal's line: nothing else may be on it)."""
        if self._shown and self._tty:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()
        self._shown = False

    def around(self, pieces: Iterable[str], prompt: str = "") -> Iterator[str]:
        """``pieces``, with the status line cleared before the first of them is printed, and
        ``prompt`` written on stdout then (after the clearing, so it never erases it)."""
        for piece in pieces:
            self.clear()
            if prompt:
                sys.stdout.write(prompt)
                prompt = ""
            yield piece

    def report(self, stream: GeneralAnswer) -> None:
        """The note on the thinking, for an answer that came after it (none: no note)."""
        if stream.thinking_tokens and stream.answer.strip():
            print(f"medlocal: note: {thinking_note(stream.thinking_tokens)}", file=sys.stderr)
        self._shown = False


def stream_to_stdout(model: LlamaChatModel, pieces: Iterator[str]) -> str:
    """Print pieces as they arrive; report trimming on stderr. Returns the full text."""
    out: list[str] = []
    for piece in pieces:
        out.append(piece)
        sys.stdout.write(piece)
        sys.stdout.flush()
    sys.stdout.write("\n")
    sys.stdout.flush()
    print_trim_notes(model)
    return "".join(out)


def print_trim_notes(model: LlamaChatModel) -> None:
    """On stderr, what the model's context trimming left out of the last answer."""
    for note in model.last_stats.trim.notes:
        print(f"medlocal: note: {note}", file=sys.stderr)


# -- chat -----------------------------------------------------------------------------------------

_CHAT_HELP = (
    "Commands: /reset clears the conversation, /retry regenerates the last answer, /exit quits. "
    "Ctrl-C stops an answer."
)


def run_chat(args: argparse.Namespace) -> int:
    ws = workspace(args)
    model = ws.chat_model(args.model, args.ctx)
    params = sampling_from_args(args)
    system = ChatMessage("system", args.system or DEFAULT_SYSTEM_PROMPT)
    history: list[ChatMessage] = []
    print(
        f"MedLocal chat with {shown_name(model.name)} — decision support only. {_CHAT_HELP}",
        file=sys.stderr,
    )
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
        # Asked again at each question, as the window does: a model removed (or a default
        # changed) in another shell meanwhile is not used again, and the workspace says which
        # one answers now (walk 46b: the terminal chat kept answering with a removed model).
        model = ws.chat_model(args.model, args.ctx)
        answer = _answer_once(ws, model, [system, *history], params)
        history.append(ChatMessage("assistant", answer))


def _answer_once(
    ws: Workspace, model: LlamaChatModel, messages: list[ChatMessage], params: SamplingParams
) -> str:
    """One answer, labelled as a general one (no patient's documents stand behind it); a
    reasoning model's thinking is not printed nor kept in the history (only a "Thinking… N
    tokens" status on stderr while it lasts), and neither is the label."""
    cancel = threading.Event()
    status = ThinkingLine()
    stream = ws.general_answer(
        messages, params, cancel, model=model, meter=ThinkingMeter(listener=status.show)
    )
    # The prompt is written with the first piece: the "Thinking…" line shares the terminal's
    # line and is cleared before it, never erasing it.
    prompt = "medlocal> "
    try:
        for piece in status.around(stream, prompt):
            prompt = ""
            sys.stdout.write(piece)
            sys.stdout.flush()
    except KeyboardInterrupt:
        cancel.set()
        status.clear()
        sys.stdout.write(f"{prompt}[stopped]" if prompt else " [stopped]")
    except ThinkingBudgetExceeded as exc:
        status.clear()
        sys.stdout.write(f"{prompt}[{exc}]")
    else:
        status.clear()
        sys.stdout.write(prompt)  # no piece came: the prompt alone
    sys.stdout.write("\n")
    sys.stdout.flush()
    status.report(stream)
    for note in model.last_stats.trim.notes:
        print(f"(note: {note})", file=sys.stderr)
    return stream.answer.strip()
