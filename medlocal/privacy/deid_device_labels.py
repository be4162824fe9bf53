"""A device's serial or lot grown over the capitals printed with it on its label (round 21).

An implant card, a sticker on a pump or the lot list of an operation note prints the serial
and the lot with their capitals glued to them by one space: "SN 19A44201", "LOT 0925A113",
"S/N 55120477", "SN#QX-77104". Read that way the capitals are part of what was copied from the
device, and the development notes' authors mark them so ("left SN 19A44201, right SN ..."),
which left the capitals in view between two redactions ("LOT [ID] SN [ID]").

Only a device's serial or lot takes them, only the printed capitals (a sentence's "lot" or
"serial" stays), and only with a single space, "#" or nothing between them and the number: a
label with a colon ("SN: 1120-4471") is a form's field and stays in view as it is.

Review 14 kept "SN" out of a code's prefix of capitals (deid_code_prefixes) and a label after
its word in view ("serial SN [ID]"): where a serial's or a lot's word stands right before the
capitals they are a label and stay; this reads only the capitals printed alone before a serial
the rules already found as a device's ("left SN 19A44201", "LOT 0925A113 SN 77410285").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from medlocal.privacy.deid_spans import Redaction

# The printed label right before the serial: at a line's start or after a blank, a bracket, a
# comma, a semicolon, a slash or a dash ("LOT 4471829 / SN 0038821A", "-- SN EU45-2210387").
_LABEL_BEFORE = re.compile(r"(?:^|(?<=[\s(\[,;/-]))(?:SN|S/N|LOT)(?:[ ]|[ ]?#[ ]?)\Z")
# The longest label and what may stand between it and the serial ("S/N # ").
_WINDOW = 7
# A serial's or a lot's word before the capitals: they are its label (Review 14).
_WORD_BEFORE = re.compile(
    r"(?i:\b(?:serial|lot|batch)s?(?:[ \t]+(?:no\.?|numbers?))?)[ \t]*:?[ \t]*\Z"
)


def device_label_spans(text: str, found: Iterable[Redaction]) -> Iterator[Redaction]:
    """The device serials and lots of ``found`` grown over the label printed before them."""
    for red in found:
        if red.kind != "device_id" or red.start < 2:
            continue
        label = _LABEL_BEFORE.search(text[max(0, red.start - _WINDOW) : red.start])
        if label is None:
            continue
        start = red.start - (label.end() - label.start())
        if _WORD_BEFORE.search(text, max(0, start - 20), start):
            continue
        yield Redaction(red.kind, start, red.end, text[start : red.end], red.replacement)
