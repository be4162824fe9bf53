"""Counts only: how the halves mark identifier labels, and what the scorer's label convention
(fixtures.deid_corpus.label_trimmed) changes, from a span cache (tools/deid_span_cache.py).

``python tools/deid_label_audit.py CACHE_DIR half[,half...]``. For the halves together it prints,
by identifier type: the spans that open or end with one of the redactor's own label words
(deid_id_labels' pattern), those the convention trims and those it leaves (names, places, a word
after a title), the spans that are only a label, the misses whose every letter left in view is
such a label (or a title), and recall as marked beside recall with labels outside. It prints no
note text, only counts and the label words trimmed, so it may be run on held-out halves."""

from __future__ import annotations

import pickle
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from fixtures.deid_corpus import Note, Span, label_trimmed, load, score

from medlocal.privacy.deid_id_labels import _LABEL
from medlocal.privacy.deid_people_words import TITLES

# A label as a span's last word(s), with its punctuation: "Oakwood Unit", "Reg".
_ENDS_WITH_LABEL = re.compile(r"(?<![^\W_])(?:" + _LABEL.pattern + r")[ \t.:#]*\Z")
_WORD = re.compile(r"[^\W_]+")


def _opens_with_label(text: str, ident: Span) -> bool:
    label = _LABEL.match(text, ident.start)
    return bool(
        label
        and ident.start < label.end() <= ident.end
        # A whole word, as label_trimmed reads it: "Lothian" is none, "ACC#7718440" is one.
        and not (
            text[label.end() - 1].isalnum()
            and label.end() < len(text)
            and text[label.end()].isalnum()
        )
    )


def _audit_note(note: Note, removed: list[tuple[int, int]], counts: Counter[str]) -> Counter[str]:
    """Counts ``note``'s spans into ``counts``; returns the label words trimmed."""
    words: Counter[str] = Counter()
    text = note.text
    mask = [False] * len(text)
    for start, end in removed:
        mask[start:end] = [True] * (end - start)
    for ident in note.identifiers:
        opens = _opens_with_label(text, ident)
        counts[f"opens with a label | {ident.kind}"] += opens
        counts[f"ends with a label | {ident.kind}"] += bool(
            _ENDS_WITH_LABEL.search(text, ident.start, ident.end)
        )
        trimmed = label_trimmed(text, ident)
        code_start = ident.end if trimmed is None else trimmed.start
        if trimmed is None:
            counts[f"only a label (not counted) | {ident.kind}"] += 1
        elif trimmed is not ident:
            counts[f"trimmed | {ident.kind}"] += 1
            words[text[ident.start : trimmed.start].strip(" \t:#=.-–").lower()] += 1
        elif opens:
            counts[f"opens with a label, kept whole | {ident.kind}"] += 1
        left = [i for i in range(ident.start, ident.end) if text[i].isalnum() and not mask[i]]
        if not left:
            continue
        if all(i < code_start for i in left):
            counts[f"miss: only the trimmed label in view | {ident.kind}"] += 1
            continue
        seen = _WORD.findall(
            "".join(" " if mask[i] else text[i] for i in range(ident.start, ident.end))
        )
        if all(w.lower() in TITLES or _LABEL.fullmatch(w) for w in seen):
            counts[f"miss: only label or title words in view, not trimmed | {ident.kind}"] += 1
    return words


def _replay(removed: dict[str, list[tuple[int, int]]]) -> Callable[[Note], list[tuple[int, int]]]:
    return lambda note: removed[note.note_id]


def main() -> int:
    cache, halves = Path(sys.argv[1]), sys.argv[2].split(",")
    counts: Counter[str] = Counter()
    words: Counter[str] = Counter()
    found = {"as marked": Counter[str](), "labels outside": Counter[str]()}
    total = {"as marked": Counter[str](), "labels outside": Counter[str]()}
    for half in halves:
        notes = load(half)
        rows: dict[str, list[tuple[str, int, int]]] = dict(
            pickle.loads((cache / f"{half}.pkl").read_bytes())
        )
        removed = {note_id: [(s, e) for _, s, e in spans] for note_id, spans in rows.items()}
        for name, outside in (("as marked", False), ("labels outside", True)):
            result = score(notes, _replay(removed), labels_outside=outside)
            found[name].update(result.found)
            total[name].update(result.total)
        for note in notes:
            words.update(_audit_note(note, removed[note.note_id], counts))
    print(f"{len(halves)} halves")
    for key in sorted(k for k in counts if counts[k]):
        print(f"  {key}: {counts[key]}")
    print("  label words trimmed:", ", ".join(f"{w} {n}" for w, n in words.most_common()))
    print(f"  {'type':<11} {'as marked':>18} {'labels outside':>18}")
    for kind in sorted(total["as marked"]):
        cells = [
            f"{found[n][kind]}/{total[n][kind]} {found[n][kind] / max(1, total[n][kind]):.1%}"
            for n in ("as marked", "labels outside")
        ]
        print(f"  {kind:<11} {cells[0]:>18} {cells[1]:>18}")
    cells = [
        f"{sum(found[n].values())}/{sum(total[n].values())} "
        f"{sum(found[n].values()) / max(1, sum(total[n].values())):.2%}"
        for n in ("as marked", "labels outside")
    ]
    print(f"  {'ALL':<11} {cells[0]:>18} {cells[1]:>18}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
