"""``medlocal settings show|set``: the typed settings file from the terminal."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from typing import Any

from medlocal.settings import (
    Settings,
    load_settings,
    settings_path,
    unknown_settings,
    update_setting,
)


def register(sub: Any) -> None:
    settings = sub.add_parser("settings", help="show or change settings")
    actions = settings.add_subparsers(dest="settings_action", metavar="ACTION", required=True)
    show = actions.add_parser("show", help="every setting with its value and meaning")
    show.add_argument("--json", action="store_true")
    show.set_defaults(func=run_show)
    change = actions.add_parser("set", help="change one setting")
    change.add_argument("name", choices=sorted(Settings.help()))
    change.add_argument("value")
    change.set_defaults(func=run_set)


def run_show(args: argparse.Namespace) -> int:
    current = asdict(load_settings())
    # On stderr, so --json stays JSON: a key that is no setting ("temprature") changes nothing,
    # and the values below are the ones in use (walk 40: it was ignored without a word).
    for note in unknown_settings():
        print(f"medlocal: warning: {settings_path()}: {note}", file=sys.stderr)
    if args.json:
        print(json.dumps(current, indent=2))
        return 0
    print(f"# {settings_path()}")
    meanings = Settings.help()
    width = max(map(len, meanings))
    for name, meaning in meanings.items():
        print(f"{name:<{width}} = {current[name]!s:<8}  # {meaning}")
    return 0


def run_set(args: argparse.Namespace) -> int:
    updated = update_setting(args.name, args.value)
    print(f"{args.name} = {getattr(updated, args.name)}")
    for note in unknown_settings():  # kept in the file as written: still worth saying
        print(f"medlocal: warning: {settings_path()}: {note}", file=sys.stderr)
    return 0
