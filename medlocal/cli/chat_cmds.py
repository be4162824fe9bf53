"""``medlocal chats``: the grounded chats stored in the vault (the window's chats, and one per
``medlocal ask --patient``): list them, show one, delete some. (``medlocal chat``, the plain
terminal chat with a model, stores nothing.)"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from typing import Any

from medlocal.app.chats import ChatSummary, chat_turns, delete_chats, list_chats
from medlocal.cli.common import add_vault_args, add_yes_arg, confirm, open_vault, print_listing
from medlocal.vault.errors import NotFoundError
from medlocal.wording import counted


def register(sub: Any) -> None:
    chats = sub.add_parser("chats", help="grounded chats stored in the vault")
    csub = chats.add_subparsers(dest="chats_command", metavar="ACTION", required=True)
    clist = csub.add_parser("list", help="stored chats, oldest first")
    add_vault_args(clist)
    clist.add_argument("--patient", type=int, metavar="ID")
    clist.add_argument("--json", action="store_true", help="machine-readable output")
    clist.set_defaults(func=run_chats_list)
    cshow = csub.add_parser("show", help="a chat's questions and answers")
    add_vault_args(cshow)
    cshow.add_argument("chat_id", type=int, metavar="ID")
    cshow.set_defaults(func=run_chats_show)
    cdelete = csub.add_parser("delete", help="delete chats with their questions and answers")
    add_vault_args(cdelete)
    cdelete.add_argument("chat_ids", type=int, nargs="+", metavar="ID")
    add_yes_arg(cdelete)
    cdelete.set_defaults(func=run_chats_delete)


def _line(chat: ChatSummary) -> str:
    return (
        f"{chat.id:>5}  {chat.created_at}  patient {chat.patient_id}  "
        f"{chat.questions} question(s)  {chat.title}"
    )


def _chosen(all_chats: list[ChatSummary], chat_ids: list[int]) -> list[ChatSummary]:
    by_id = {c.id: c for c in all_chats}
    missing = [i for i in chat_ids if i not in by_id]
    if missing:
        raise NotFoundError(f"No chat with id {missing[0]} ('medlocal chats list').")
    return [by_id[i] for i in dict.fromkeys(chat_ids)]


def run_chats_list(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        chats = list_chats(vault, args.patient)
    return print_listing(args, chats, asdict, _line, "No chats.")


def run_chats_show(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        (chat,) = _chosen(list_chats(vault), [args.chat_id])
        turns = chat_turns(vault, chat.id)
    print(f"Chat {chat.id} — patient {chat.patient_id} — {chat.created_at}")
    for turn in turns:
        saved = "" if turn.output_id is None else f"  (saved as output {turn.output_id})"
        print(f"\nYou: {turn.question}\n\n{turn.answer.strip()}{saved}")
    return 0


def run_chats_delete(args: argparse.Namespace) -> int:
    with open_vault(args) as vault:
        chosen = _chosen(list_chats(vault), args.chat_ids)
        for c in chosen:
            print(_line(c))
        kept = [i for c in chosen for i in c.output_ids]
        if kept:
            ids = " ".join(str(i) for i in kept)
            print(
                f"The {counted(len(kept), 'saved answer')} given in them "
                f"{'is' if len(kept) == 1 else 'are'} kept (outputs {ids}); "
                f"to delete {'it' if len(kept) == 1 else 'them'} too: medlocal outputs delete {ids}"
            )
        if not confirm(f"Delete {len(chosen)} chat(s) with their questions and answers?", args):
            print("Nothing deleted.")
            return 1
        count = delete_chats(vault, [c.id for c in chosen])
    print(f"Deleted {count} chat(s).")
    return 0
