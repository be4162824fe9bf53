"""The list of redactions an export or ``--preview`` prints on stderr."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from medlocal.app.outputs import span_type
from medlocal.rag.export import kept_span_warnings, overridden_text

if TYPE_CHECKING:
    from medlocal.rag.export import PlannedRedaction


# An export lists this many redactions and counts the rest: a 5 MB record printed 176,000 lines
# after the file was written (walk 22); --preview lists them all.
EXPORT_LISTED = 40


def print_redactions(
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
