"""The grounded ``medlocal ask --patient`` (the ``ask`` command itself lives in engine_cmds):
the answer streamed behind a progress line, then printed once with its sources and flags."""

from __future__ import annotations

import argparse
import shutil
import sys
import threading
from typing import TextIO

from medlocal.app.given_passages import cited_passages
from medlocal.cli.answer_sources import print_answer_sources
from medlocal.cli.common import open_vault, workspace
from medlocal.cli.engine_cmds import sampling_from_args
from medlocal.cli.output_json import output_json, print_json
from medlocal.engine.reasoning import ThinkingMeter, thinking_note, thinking_status
from medlocal.errors import GenerationCancelled, UserInputError
from medlocal.rag.answer import GroundedAnswer
from medlocal.rag.flags import mark_attached


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
