"""review61c (deid61c's deid_name_forms): a found name that is also a scale's or an eponym's
keeps the letter of its grade ("Weber B ankle fracture", "Killip I", "Child-Pugh A" beside a
Dr Weber, Killip or Pugh of the same note); a specialty or a shift's word written short after
a role or a handed title is no name ("SHO gynae", "reg vasc", "d/w dr onc", "reg oncall"). The
must-remove probes are the same names signing with their initial, logins of initials, and
lower-case names after roles and handed titles beside the specialties, which still go."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone_words as _gone
from fixtures.deid_rules import kept_words as _kept
from fixtures.timing import assert_linear

from medlocal.privacy.deid_lexicon import lexicon
from medlocal.privacy.deid_name_forms import name_form_spans
from medlocal.privacy.deid_spans import Redaction

_KEPT = [
    ("Dr Weber saw her in clinic.\nX-ray: Weber B ankle fracture, cast.\n", ("Weber", "B")),
    ("Dr Fisher reviewed the CT.\nSAH, Fisher C grade on the scan.\n", ("Fisher", "C")),
    ("Dr Child reviewed him.\nKnown Child B cirrhosis, on propranolol.\n", ("Child", "B")),
    ("Dr Killip saw him on CCU.\nInferior STEMI, Killip I.\n", ("Killip", "I")),
    ("Dr Hunt reviewed the scan.\nSAH, Hunt V. Intubated.\n", ("Hunt", "V")),
    ("Dr Pugh reviewed him.\nCirrhosis, Child-Pugh A.\n", ("Pugh", "A")),
    ("Bleeding PV: SHO gynae to review; FY1 surg aware.\n", ("gynae", "surg")),
    ("Cold foot: reg vasc bleeped; d/w dr onc re chemo; reg haemonc aware.\n", ("vasc", "onc")),
    ("Night: reg oncall informed, FY1 wardround at 8; OT homevisit booked.\n", ("oncall",)),
    ("FY1 ophth clinic letter; SHO maxfax to see; reg neph review.\n", ("ophth", "maxfax")),
]


@pytest.mark.parametrize(("text", "words"), _KEPT)
def test_a_grade_or_a_specialty_stays(text: str, words: tuple[str, ...]) -> None:
    _kept(text, *words)


_GONE = [
    # The same eponym names as people, signing with their initial.
    ("Dr Weber saw her in clinic.\nWeber B reviewed the film.\n", ("Weber", "B")),
    ("Dr Fisher reviewed the CT.\nSigned: FISHER C\n", ("FISHER", "C")),
    ("Dr Hunt reviewed the scan.\nHunt K. agreed the plan.\n", ("Hunt", "K")),
    ("Dr Child saw him.\nReport checked by Child B.\n", ("Child", "B")),
    # Logins of a found name and initials, and a found name's possessive written without its
    # apostrophe ("st christophers" of dev47: a found name with an "s" is no plural to keep).
    ("Dr Cath Evans saw her.\nOrdered by cevans at 10:02; evansc2 verified.\n", ("cevans",)),
    ("Dr Dan Ross saw him.\nOrdered by rossd at 10:02.\n", ("rossd",)),
    ("Dr Chinedu Okafor saw him.\nokafors plan agreed with the family.\n", ("okafors",)),
    # Lower-case names after a role or a handed title beside the specialties that stay.
    ("Bleeding PV: SHO gynae bleeped; FY1 tegwen attended.\n", ("tegwen",)),
    ("Cold foot: d/w dr onc and d/w dr gunawardena re vasc.\n", ("gunawardena",)),
    ("Night: reg oncall informed; reg endo reviewed; HCA siobhainn did obs.\n", ("siobhainn",)),
]


@pytest.mark.parametrize(("text", "words"), _GONE)
def test_the_same_names_as_people_still_go(text: str, words: tuple[str, ...]) -> None:
    _gone(text, *words)


def test_the_grade_and_specialty_checks_are_linear() -> None:
    def run(n: int) -> list[Redaction]:
        text = "Dr Weber; Weber B ankle fracture; Child-Weber A; reg gynae; d/w dr onc. " * n
        found = [Redaction("name", 3, 8, "Weber", "[NAME]")]
        return list(name_form_spans(text, found, lexicon()))

    assert_linear(run, 400)
