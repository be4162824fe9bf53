"""An instrument's size written with "#" after its name is no flat's number (dev28: "K-file #15",
"Gates Glidden drill #2" became "[ADDRESS]"): endodontic files and drills, burs, reamers,
needles, blades, sutures and sounds are sized so. A flat's "#" follows a street's name or a
house number ("12 Elm St #4"), never an instrument's word.
"""

from __future__ import annotations

import re

from medlocal.privacy.deid_spans import Redaction

_SIZE = re.compile(r"#[ \t]?\d{1,3}")
_INSTRUMENT_BEFORE = re.compile(
    r"(?i:\b(?:files?|drills?|burs?|burrs?|reamers?|needles?|blades?|sutures?|sounds?|"
    r"dilators?|catheters?|tubes?|sheaths?|probes?|pluggers?|spreaders?|points?|cones?|"
    r"size|sizes|gauge|cannula|scalpel|forceps|curettes?|endoscopes?|laryngoscope|"
    r"speculum|bougies?|electrodes?|stylets?)[ \t]*(?:size[ \t]*)?)\Z"
)


def without_instrument_sizes(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less the sizes of instruments written as "#" and a number."""
    if "#" not in text:
        return redactions
    return [
        red
        for red in redactions
        if not (
            red.kind == "street_address"
            and _SIZE.fullmatch(red.original)
            and _INSTRUMENT_BEFORE.search(text, max(0, red.start - 24), red.start)
        )
    ]
