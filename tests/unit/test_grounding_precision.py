"""The grounding precision audit's figures as a floor (tests/fixtures/grounding_eval/): on good
sentences, through the real answerer and summariser, no more false alarms than measured after
the audit's fixes, and on bad sentences no fewer catches. Deterministic: the fake model writes
the sentence and every check is a rule. Only counts are reported, never sentence text; see
``python benchmarks/bench_grounding.py --show`` for the development part's cases."""

from __future__ import annotations

import pytest
from fixtures.grounding_eval import BAD_KINDS, GOOD, HELD_OUT, JUDGES, MODES, PARTS, load, score

# (false alarms on good sentences, bad sentences caught), measured after the twelfth round of
# fixes. dev2 was the first round's held-out part (12/75 and 32/44 after that round); heldout2
# the second round's (25/89 and 48/63 after it), read case by case and fixed in round 3. dev's
# last false alarm but one ("each for five days") went with the duration-vs-dose fix (sum27).
# heldout3 was written blind during round 3 and scored in total only: 35/105 and 57/64 before
# round 3's fixes, 29/105 and 57/64 after them; round 4 made it development data, read it case
# by case and took it to 1/105 and 59/64. heldout4, written blind during round 4, was scored
# in total only: 27/112 and 47/68 before round 4's fixes, 24/112 and 46/68 after them (the
# figure to believe for unseen text then); round 5 made it development data, read it case by
# case and took it to 1/112 and 49/68. heldout5, written blind in session 31 before round 5,
# was scored in total only: 27/109 and 40/63 before round 5's fixes, 26/109 and 40/63 after
# them. Round 6 (precision first: conflicts and absences reported only between plain
# readings) made it development data and took it to 9/109 with 40/63, and dev to 0/177; no
# part lost a catch. heldout6, written blind after round 5 and held out, scored 19/109 and
# 43/62 before round 6 and 13/109 and 43/62 after it: the first round that carried to unseen text.
# heldout7, written blind in session 32 (new specialties and countries), scored 23/121 and 48/60
# on its first reading, in total only. Round 7 (precision first again) made heldout6
# development data and took it to 2/109 with 43/62, heldout5 to 7/109 with 40/63, no part
# losing a catch; heldout7, still held out, went from 23/121 to 21/121 with 48/60. Round 8
# made heldout7 development data (read case by case) and took it to 7/121 with 48/60, no part
# losing a catch or gaining a false alarm. heldout8, written blind in session 33 (neurology,
# respiratory, hepatology, microbiology, palliative care, audiology, ...; NZ/IE/NG/SG/US),
# scored 29/126 and 32/60 on its first reading, in total only, before round 8, and 28/126 and
# 32/60 after it. heldout9, written blind in session 34 (rheumatology, neonatal, transplant,
# genetics, dietetics, sleep, burns, TB, ...; ZA/KE/CA/PK/PH/Scotland), scored 33/124 and 45/60
# on its first reading (before round 9), 32/124 with 45/60 after it and 33/124 with 45/60 after
# round 9's review fixes (four escapes closed), in total only. Round 9
# made heldout8 development data (read case by case) and took it to 11/126 with 36/60, dev2 to
# 41/44 and heldout5 to 41/63 (an hour point and a side written after the value), no part
# losing a catch or gaining a false alarm. heldout10, written blind in session 60 (urology,
# medical retina, anticoagulation, paediatric growth, antenatal, dialysis, depot psychiatry,
# dermatology biologics, ICU, medicines reconciliation, ITP, hip fracture; IN/IE/US/AU/BR/FR/JP
# with CSV, pipe and spaced tables), scored 32/123 and 46/60 on its first reading (before
# round 10), in total only, and 30/123 with 46/60 after it. Round 10 made heldout9 development
# data (read case by case) and took it to 13/124 with 45/60, heldout7 to 6/121, heldout8 to
# 10/126 and heldout5 to 43/63 caught, no part losing a catch or gaining a false alarm (dev,
# heldout3 and heldout4 already caught one more than their floors: 75, 60, 50). heldout11,
# written blind in session 61 (device clinic, thrombolysis, chemotherapy cycles, neonatal,
# TB/HIV, transplant levels, thyroid/adrenal, spirometry/sleep, rheumatology, falls, sexual
# health, travel; DE/ES/NG/SG/ZA/CA/NZ/US with key: value, CSV, pipe and spaced tables), scored
# 28/134 and 50/60 on its first reading (before round 11), in total only, and 23/134 with 51/60
# after it. Round 11 made heldout10 development data (read case by case) and took it to 14/123
# with 48/60 and heldout5 to 6/109, no part losing a catch or gaining a false alarm.
# heldout12, written blind in session 62 (thalassaemia transfusion, glaucoma, peritoneal
# dialysis, paediatric malaria, dengue, dental extraction on warfarin, hospice syringe driver,
# occupational lead, melanoma, child ADHD, hand therapy, health check, leprosy;
# IT/PL/JP/KE/PH/BR/IE/AU with CSV, pipe, semicolon, spaced, key: value and HL7-like tables),
# scored 34/139 and 51/65 on its first reading (before round 12), in total only, and 31/139
# with 51/65 after it. Round 12 made heldout11 development data (read case by case) and took it
# to 11/134 with 51/60 and heldout9 to 12/124, no part losing a catch or gaining a false alarm.
# heldout13, written blind in session 63 (gender clinic, dysphagia, cystic fibrosis, bariatric
# surgery, IVF, sickle cell crisis, haemophilia, snakebite, natalizumab, home parenteral
# nutrition, pulmonary hypertension, leukaemia maintenance, decompression illness;
# NZ/CA/FR/MX/VN/NG/DE/ZA/CH with key: value, CSV, pipe and spaced tables and timed charts),
# scored 28/140 and 54/73 on its first reading (before round 13), in total only. Round 13 made
# heldout12 development data (read case by case) and took it to 20/139 with 51/65 and heldout10
# to 13/123, no part losing a catch or gaining a false alarm.
# heldout14, written blind in session 64 around sides (AMD injections by eye, audiology by ear,
# leg arterial duplex, kidney transplant, growth clinic, obstetric growth scan, anaesthetic
# record, nerve conduction, arm lymphoedema, lithium, lung nodules by lobe, breast clinic;
# SE/NL/GR/KR/PK/GH/CL/PT/DK/IL/TR/AR with pipe, key: value, spaced, CSV and HL7-like tables and
# a timed chart), scored 17/120 and 49/72 on its first reading (before round 14), in total only,
# and 17/120 with 52/72 after it. Round 14 made heldout13 development data (read case by case)
# and took it to 23/140 with 54/73, no part losing a catch or gaining a false alarm.
MEASURED = {
    "dev": (0, 75),
    "dev2": (0, 41),
    "heldout2": (1, 56),
    "heldout3": (1, 60),
    "heldout4": (1, 50),
    "heldout5": (6, 43),
    "heldout6": (2, 44),
    "heldout7": (6, 48),
    "heldout8": (10, 36),
    "heldout9": (12, 45),
    "heldout10": (13, 48),
    "heldout11": (11, 51),
    "heldout12": (20, 51),
    "heldout13": (23, 54),
    "heldout14": (17, 52),
}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("part", PARTS)
def test_false_alarms_and_catches_hold_their_measured_floor(part: str, mode: str) -> None:
    result = score(load(part), JUDGES[mode])
    alarms, caught = MEASURED[part]
    assert result.false_alarms <= alarms, (part, mode, result.false_alarms, result.good)
    assert result.caught >= caught, (part, mode, result.caught, result.bad)


def test_the_set_is_large_and_varied_enough() -> None:
    cases = {part: load(part) for part in PARTS}
    sets = {part: {c.set.id for c in found} for part, found in cases.items()}
    assert sum(len(ids) for ids in sets.values()) >= 25
    # Where a held-out part is present, it holds at least a dozen sets and at most two fifths of
    # all (each round adds a blind part of 12-14 sets as the development data grows).
    held_out = sum(len(sets[part]) for part in HELD_OUT)
    assert not HELD_OUT or (
        held_out >= 12 and held_out / sum(len(ids) for ids in sets.values()) <= 0.4
    )
    for found in cases.values():
        for set_id in {c.set.id for c in found}:
            good = [c for c in found if c.set.id == set_id and c.expected == GOOD]
            assert len(good) >= 3, set_id
    bad = [c for found in cases.values() for c in found if c.expected != GOOD]
    assert len(bad) >= 30
    assert {c.expected for c in bad} == set(BAD_KINDS)  # every kind of error is planted
