"""review62c: what deid62c's month abbreviations, phone layouts, labelled streets and unit tails
took that a clinician needs, mended.

* Abbreviations that are clinical acronyms in capitals ("5 DIC", "3 MRT", "1 ABR", "2 SIJ"
  injections) stay without their stop or year, "2 DES" (stents) is a shared word; other capitals
  ("3 OKT", "12 LUT.") are still dates. One joined to a hyphen is a prefix ("2 sub-centimetre
  nodules").
* English "dec." (decreased) before a numbered list's next item is no Hungarian month ("Air
  entry dec. 2. Crackles").
* French "des" after a count ("2 des 3 patients") is no Norwegian December; "4. des." is.
* After English "to", "and", "or", "from" a shared word is a count ("progress to 3 set.", "and 1
  mag. sulph"), and a Roman numeral a route or a film ("from 2 IV lines", "from 2 X-rays").
* A unit part that a lower-case word follows is the note going on ("14 Mill Road, sc. 2 units
  insulin", "ap. 2 views", "B 12 pack years").
* After an address word, a lower-case phrase with a count is no street ("Address given by
  daughter 1", "Anschrift: siehe oben 2").

Each keep has its must-remove probes in the same shapes."""

from __future__ import annotations

import pytest
from fixtures.deid_rules import gone as _gone
from fixtures.deid_rules import kept as _kept

_KEPT = [
    ("PCI with 2 DES to LAD and RCA.\n", ("2 DES",)),
    ("Staged PCI: 3 DES.\n", ("3 DES",)),
    ("ISTH score 5 DIC likely.\n", ("5 DIC",)),
    ("Nach 2 MRT-Untersuchungen unauffällig.\n", ("2 MRT",)),
    ("Hearing: 1 ABR normal; 2 SIJ injections given.\n", ("1 ABR", "2 SIJ")),
    ("2 des 3 patients ont répondu.\n", ("2 des 3",)),
    ("Dx 2 gen. cephalosporin started.\n", ("2 gen",)),
    ("Progress to 3 set. next week.\n", ("3 set",)),
    ("Give 2 mag. tabs and 1 mag. sulph.\n", ("1 mag",)),
    ("From 2 X-rays, no fracture.\n", ("2 X-rays",)),
    ("Escalated from 2 IV antibiotics; reduced to 1 IV dose.\n", ("2 IV", "1 IV")),
    ("Lives at 14 Mill Road, sc. 2 units insulin daily.\n", ("sc. 2 units",)),
    ("Address 12 High Street, bl. 2 units.\n", ("bl. 2 units",)),
    ("Via Roma 14, ap. 2 views.\n", ("ap. 2 views",)),
    ("14 Mill Road, top 3 priorities\n", ("top 3 priorities",)),
    ("14 Mill Road B 12 pack years\n", ("B 12 pack",)),
    ("Address given by daughter 1\n", ("given by daughter 1",)),
    ("Anschrift: siehe oben 2\n", ("siehe oben 2",)),
    ("Address: care home room 12\n", ("care home room 12",)),
    # Own words joined to a hyphen, "sub" and "tra" without a date's layout, English "dec."
    # (decreased) before a numbered list's next item.
    ("CT: 2 sub-centimetre nodules; 3 sub-segmental emboli.\n", ("2 sub-", "3 sub-")),
    ("Controllo tra 2 tra 3 giorni.\n", ("2 tra 3",)),
    ("1. Air entry dec. 2. Crackles bibasally.\n", ("dec. 2",)),
    ("Reflexes dec. 3. Tone normal.\n", ("dec. 3",)),
]


@pytest.mark.parametrize(("text", "parts"), _KEPT)
def test_acronyms_counts_and_views_stay(text: str, parts: tuple[str, ...]) -> None:
    _kept(text, *parts)


_GONE = [
    # Capitals with a year, lower case and Norwegian "des." after a dotted day.
    ("Consulta 12 DIC 2026 en Madrid.\n", ("12 DIC",)),
    ("Ingreso 12 DIC. por disnea; alta 20 DIC 2026.\n", ("12 DIC", "20 DIC")),
    ("Aufnahme 3 OKT wegen Sturz; Przyjęty 12 LUT. do szpitala.\n", ("3 OKT", "12 LUT")),
    ("Alta 9 dic. a domicilio; Kontroll 4. des. 2026.\n", ("9 dic", "4. des")),
    ("Kontrolle 4. des. hos fastlege.\n", ("4. des",)),
    ("Visita il 14 genn. in ambulatorio.\n", ("14 genn",)),
    ("Felvétel okt. 12., távozás dec. 3.: pneumonia.\n", ("okt. 12", "dec. 3")),
    ("Prijem 14. tra. 2026.; kontrola 3. svi.\n", ("14. tra", "3. svi")),
    ("Yatış 12 Şub. 2026, taburcu 19 şub.\n", ("12 Şub", "19 şub")),
    # A Roman month after a date word of the other languages.
    ("Leczenie od 25 XI w szpitalu.\n", ("25 XI",)),
    ("Ricoverato dal 3 IV al 5 IV.\n", ("3 IV", "5 IV")),
    # Unit chains ending at a comma, a town or a one-letter preposition.
    ("Residente in Via Garibaldi 8, scala B, int. 12, Roma.\n", ("scala B", "int. 12")),
    ("Via Roma 14 scala C int. 7 Napoli\n", ("scala C", "int. 7")),
    ("Domiciliu Str. Lalelelor nr. 3, bl. C4, sc. 1, ap. 22, Iași.\n", ("bl. C4", "ap. 22")),
    # Streets after an address word, capitalised or after a lower-case street word.
    ("zam. ul. Długa 14/7, Kraków\n", ("Długa 14/7",)),
    ("indirizzo via Roma 14, Napoli\n", ("Roma 14",)),
    ("adresa: str. Unirii 3, Cluj\n", ("Unirii 3",)),
    ("Pacijent, adresa Ilica 214, Zagreb.\n", ("Ilica 214",)),
]


@pytest.mark.parametrize(("text", "parts"), _GONE)
def test_the_same_shapes_as_identifiers_go(text: str, parts: tuple[str, ...]) -> None:
    _gone(text, *parts)
