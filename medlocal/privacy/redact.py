"""De-identification of exported text, after the HIPAA Safe Harbor identifier list
(45 CFR 164.514(b)(2)): recall first.

The :class:`Redactor` combines five detectors, each in its own module, and removes the union of
what they find (where two overlap, the longer wins and the other's extra characters are added):

* :mod:`~medlocal.privacy.deid_identity`: the patient's own name, MRN and date of birth from the
  vault, in their common variants.
* :mod:`~medlocal.privacy.deid_dates`: every date (all elements but the year), shifted by one
  offset per export or cut to the year.
* :mod:`~medlocal.privacy.deid_patterns`: identifiers with a fixed form: phone, fax, e-mail, URL,
  IP, SSN, MRN, health-plan, account, licence, vehicle and device numbers (also a code after a
  device word, UDI strings, MAC addresses), any labelled number, other codes, street addresses,
  ZIP and postcodes, ages over 89 in digits or words; and names after a cue ("Patient:", "Dr.",
  "..., MD"). Numbers the clinical value grammar owns (a result after a lab name, a score after
  its scale, spinal levels, ECG leads) are not identifiers.
* :mod:`~medlocal.privacy.deid_words`: the recall-first word scan (after Philter): a capitalised
  word that is neither an English word nor a clinical term is an identifier, and so are facility
  names, streets, counties and places around it; names of relatives, clinicians and others are
  found with or without a cue.
* :mod:`~medlocal.privacy.deid_tagger`: the statistical line, a conditional random field trained
  on MedLocal's annotated development notes, reading the same words with the same word lists; it
  adds the names, organisations and places it is sure of (``tagger=False`` leaves it out).
* Then the address lines
  (:func:`~medlocal.privacy.deid_address_lines.address_line_candidates`): what none of the above
  found inside an address line read part by part after its label or an address part
  ("Location: Ballyheigue Road, Causeway, Co. Kerry").

Optionally a fifth, :mod:`~medlocal.privacy.deid_model`: the loaded chat model proposes names,
places and organisations; its spans are added to the rules' spans, never used to drop one.

Clinical content is kept: drug names, doses, units, lab names and values, anatomy, eponymous
diseases, signs and scales ("Parkinson disease", "Glasgow Coma Scale", "Bruce protocol").

What is NOT removed (review the preview before sharing): names written in lower case, names that
are ordinary English words with no name or cue beside them ("Grace" alone at the start of a
sentence), an all-caps name of one word outside a "Name:" field, identifiers inside images,
biometrics, and unique characteristics described in words. Years on their own stay (Safe Harbor
allows them). Date shifting keeps intervals but is not itself Safe Harbor: choose
``date_mode="year"`` for a strict Safe Harbor export.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Hashable, Iterator

from medlocal.collector import collector_paused
from medlocal.privacy.deid_abroad_addresses import abroad_candidates
from medlocal.privacy.deid_address_lines import address_line_candidates
from medlocal.privacy.deid_address_runs import address_run_candidates
from medlocal.privacy.deid_age_cells import age_cell_candidates
from medlocal.privacy.deid_age_words import age_word_candidates
from medlocal.privacy.deid_bare_days import bare_day_candidates
from medlocal.privacy.deid_bed_names import bed_name_candidates
from medlocal.privacy.deid_blood_groups import without_blood_groups
from medlocal.privacy.deid_bracket_affiliations import bracketed_affiliations
from medlocal.privacy.deid_bracket_names import bracketed_names
from medlocal.privacy.deid_call_sign_words import call_sign_word_candidates
from medlocal.privacy.deid_call_signs import call_sign_candidates
from medlocal.privacy.deid_cancel import checkpoint
from medlocal.privacy.deid_care_verbs_outside import without_care_verbs
from medlocal.privacy.deid_case import recase
from medlocal.privacy.deid_checked_numbers import checked_number_candidates
from medlocal.privacy.deid_clinical_dash_codes import without_tests_as_vehicles
from medlocal.privacy.deid_clinical_pairs import without_clinical_pairs
from medlocal.privacy.deid_code_lists import listed_code_candidates
from medlocal.privacy.deid_code_prefixes import prefixed_code_spans
from medlocal.privacy.deid_collar_numbers import collar_number_candidates
from medlocal.privacy.deid_dated_pairs import dated_pair_candidates
from medlocal.privacy.deid_dates import (
    DateMode,
    DateRedactor,
    date_readings,
    parse_date,
    shift_from_bytes,
)
from medlocal.privacy.deid_day_month_numbers import day_month_number_candidates
from medlocal.privacy.deid_day_month_words import day_month_word_candidates
from medlocal.privacy.deid_digit_slots import digit_slot_candidates, wrapped_code_rests
from medlocal.privacy.deid_employer_units import employer_slot_candidates, military_unit_candidates
from medlocal.privacy.deid_eponym_scores import without_eponym_scores
from medlocal.privacy.deid_eponyms import eponym_lower_words, eponym_not_patient
from medlocal.privacy.deid_facility_bridges import facility_bridge_spans
from medlocal.privacy.deid_facility_departments import without_department_tails
from medlocal.privacy.deid_facility_mentions import facility_mention_spans
from medlocal.privacy.deid_facility_tails import facility_tail_spans
from medlocal.privacy.deid_file_name_parts import file_name_part_spans
from medlocal.privacy.deid_first_line import first_line_organisation
from medlocal.privacy.deid_heading_places import heading_places
from medlocal.privacy.deid_hl7 import hl7_candidates
from medlocal.privacy.deid_house_numbers import house_number_candidates
from medlocal.privacy.deid_id_labels import without_label_words
from medlocal.privacy.deid_identity import PatientIdentity, identity_patterns
from medlocal.privacy.deid_initial_signs import initial_sign_candidates
from medlocal.privacy.deid_initial_slots import initial_slot_candidates
from medlocal.privacy.deid_institution_names import institution_name_spans
from medlocal.privacy.deid_irish_names import irish_name_candidates
from medlocal.privacy.deid_kin_ages import kin_age_candidates
from medlocal.privacy.deid_kin_eponyms import without_kin_eponyms
from medlocal.privacy.deid_kin_names import kin_name_candidates
from medlocal.privacy.deid_label_abbreviations import label_abbreviation_candidates
from medlocal.privacy.deid_lexicon import CALENDAR_WORDS, clinical_abbreviation, lexicon
from medlocal.privacy.deid_listed_possessives import listed_possessives
from medlocal.privacy.deid_login_names import login_name_spans
from medlocal.privacy.deid_lone_months import lone_month_candidates
from medlocal.privacy.deid_lower_codes import lower_code_candidates
from medlocal.privacy.deid_lower_names import lower_name_candidates
from medlocal.privacy.deid_lower_orgs import lower_org_candidates
from medlocal.privacy.deid_lower_people import lower_people_candidates
from medlocal.privacy.deid_model import SpanProposer, proposed_candidates
from medlocal.privacy.deid_name_ages import ages_after_names
from medlocal.privacy.deid_name_forms import name_form_spans
from medlocal.privacy.deid_name_initials import name_initials_spans
from medlocal.privacy.deid_name_leads import name_lead_spans
from medlocal.privacy.deid_name_variants import name_variant_spans
from medlocal.privacy.deid_names import forget_cues
from medlocal.privacy.deid_not_identifiers import without_non_identifiers
from medlocal.privacy.deid_number_labels import labelled_numbers
from medlocal.privacy.deid_numbered_facilities import numbered_facility_spans
from medlocal.privacy.deid_ocr import ocr_repaired, underscores_as_spaces
from medlocal.privacy.deid_ocr_glue import glued_candidates
from medlocal.privacy.deid_old_dates import old_dates_removed
from medlocal.privacy.deid_patterns import pattern_candidates
from medlocal.privacy.deid_people_words import (
    PARTICLES,
    RELATIONS,
    ROLE_QUALIFIERS,
    ROLES,
    TITLES,
)
from medlocal.privacy.deid_person_growth import grown_person_spans
from medlocal.privacy.deid_place_growth import grown_place_spans
from medlocal.privacy.deid_place_slots import place_slot_candidates
from medlocal.privacy.deid_plate_words import plate_word_candidates
from medlocal.privacy.deid_possessive_places import possessive_place_candidates
from medlocal.privacy.deid_practice_names import practice_name_candidates
from medlocal.privacy.deid_printed_codes import printed_code_candidates
from medlocal.privacy.deid_recall_first import recall_first_spans
from medlocal.privacy.deid_road_locations import road_location_candidates
from medlocal.privacy.deid_roles_abroad import role_abroad_spans
from medlocal.privacy.deid_run_cuts import OPENING_VERBS
from medlocal.privacy.deid_saint_names import saint_place_candidates
from medlocal.privacy.deid_secret_words import secret_word_candidates
from medlocal.privacy.deid_shared_cues import (
    forget_text_cues,
    keep_text_cues,
    keep_written_cues,
)
from medlocal.privacy.deid_short_dates import short_date_candidates
from medlocal.privacy.deid_signer_initials import signer_initial_candidates
from medlocal.privacy.deid_slot_initials import slot_initial_spans
from medlocal.privacy.deid_span_ends import (
    line_breaks_kept,
    place_possessive_inside,
    punctuation_outside,
)
from medlocal.privacy.deid_span_tails import span_tail_spans
from medlocal.privacy.deid_spans import Redaction, apply_redactions, label, resolve
from medlocal.privacy.deid_split_names import split_name_candidates
from medlocal.privacy.deid_street_numbers import street_number_spans
from medlocal.privacy.deid_street_postcodes import street_postcode_spans
from medlocal.privacy.deid_tagger import shipped_tagger
from medlocal.privacy.deid_timed_days import timed_day_candidates
from medlocal.privacy.deid_titled_letters import titled_letter_candidates
from medlocal.privacy.deid_titled_spans import titled_as_names
from medlocal.privacy.deid_tokens import TOKEN, Tok, WordSpan
from medlocal.privacy.deid_unit_tails import unit_tail_spans
from medlocal.privacy.deid_university_initials import university_spans
from medlocal.privacy.deid_vehicle_numbers import vehicle_number_candidates
from medlocal.privacy.deid_weekday_dates import weekday_date_candidates
from medlocal.privacy.deid_whole_facility_names import whole_facility_names
from medlocal.privacy.deid_words import NameSeeds, read_tokens, scan
from medlocal.privacy.deid_world_plates import world_plate_candidates
from medlocal.privacy.deid_world_words import WORLD_WEEKDAYS
from medlocal.privacy.deid_wrapped_codes import wrapped_code_spans

__all__ = [
    "DateMode",
    "PatientIdentity",
    "Redaction",
    "Redactor",
    "apply_redactions",
    "date_readings",
    "parse_date",
]


class Redactor:
    """Finds identifiers in text and replaces them. One instance per export: the date offset is
    drawn once, so every date in one export moves by the same number of days."""

    def __init__(
        self,
        identity: PatientIdentity | None = None,
        *,
        date_mode: DateMode = "shift",
        shift_days: int | None = None,
        word_scan: bool = True,
        tagger: bool = True,
        proposer: SpanProposer | None = None,
        day_first: bool | None = None,
        record: NameSeeds | None = None,
    ) -> None:
        self.identity = identity or PatientIdentity()
        self.date_mode = date_mode
        if shift_days is None:
            shift_days = shift_from_bytes(secrets.token_bytes(8))
        self.shift_days = shift_days
        self.word_scan = word_scan
        self.tagger = tagger and word_scan
        self.proposer = proposer
        # The names, organisations and places found in the patient's other documents
        # (deid_record): a relative named with a cue in one letter goes from every export.
        self.record = record
        self.day_first = day_first
        self.own_patterns = identity_patterns(self.identity)
        self._dates = DateRedactor(self.identity.dob, date_mode, shift_days, day_first)

    def reading_key(self) -> Hashable:
        """What this redactor's findings in a text depend on besides the text: two redactors
        with equal keys find the same spans and write the same replacements. The model line's
        proposer is not in it (its caller knows which model it asks): a plan kept for reuse is
        keyed on both (rag.export)."""
        record = self.record
        seeds = (
            None
            if record is None
            else (
                tuple(sorted(record.words.items())),
                tuple(sorted(record.phrases.items())),
                record.lower_names,
            )
        )
        return (
            self.identity,
            self.date_mode,
            self.shift_days,
            self.day_first,
            self.word_scan,
            self.tagger,
            seeds,
        )

    def _kept_values(self, text: str) -> Iterator[Redaction]:
        """Every candidate but a bare day-month pair its context reads as a clinical value
        ("BP 12/8", "Seen 3/12 ago"; session 61: deid_clinical_pairs), a score's eponym
        before its value ("Downton 4") and a blood group system in its notation ("Duffy
        Fy(a-b-)"; session 62: deid_eponym_scores, deid_blood_groups)."""
        own = (self.identity.name or "").replace(",", " ").split()
        kept = without_clinical_pairs(text, self._candidates(text))
        kept = without_blood_groups(text, kept)
        kept = without_tests_as_vehicles(text, kept)
        return without_eponym_scores(text, kept, lexicon(), own)

    def _candidates(self, text: str) -> Iterator[Redaction]:
        # The rules read capitals: lines typed all in capitals or all in lower case are read
        # re-cased (same offsets), and each redaction keeps the text as written.
        # Text from a scan is read with its 0/O and 1/l slips mended, and file names with their
        # underscores as spaces ("Smith_1951-04-17_letter.pdf"), also at the same offsets.
        repaired = underscores_as_spaces(ocr_repaired(text))
        read = recase(repaired, lexicon()) if self.word_scan else repaired
        found, tagged, tokens = self._read_candidates(read, text)
        if read is not text:
            found, tagged = _as_written(text, found), _as_written(text, tagged)
            # The readings below search the text as written: they share the re-cased text's
            # cue index where both fold the same (speed63; deid_shared_cues).
            keep_written_cues(text, read)
        checkpoint()
        yield from found
        # Identifiers a scan glued to the words beside them, or dated with misread separators
        # ("son-in-fawBartholomewAchterberg", "D.O.B14:031961"; deid_ocr_glue).
        added: list[Redaction] = list(glued_candidates(repaired, self.identity, lexicon()))
        yield from added
        # Everything the rules below add, kept for the last pass (recall first).
        for red in self._after_the_rules(text, found, tagged):
            added.append(red)
            yield red
        # Recall first (deid50a): a listed word that is also an English word, capitalised alone
        # mid-sentence where the document never writes it in lower case and nothing around it
        # reads as a term ("came from Hastings on Friday"), once every other reading has spoken.
        checkpoint()
        if tokens:
            yield from recall_first_spans(text, tokens, found + tagged + added, lexicon())

    def _after_the_rules(
        self, text: str, found: list[Redaction], tagged: list[Redaction]
    ) -> Iterator[Redaction]:
        """What is read once the rules and the statistical line have spoken: the gaps and
        growths beside their spans, and the statistical line's own additions."""
        # What every rule missed inside an address line ("Causeway" between a street and a
        # county), read once the rules have spoken (and before the tagger: a tagged word there
        # would hide the gap the reading fills).
        checkpoint()
        lines = list(address_line_candidates(text, found))
        # An address typed in lower case after "lives at", up to the town found at its end
        # (by the rules or the statistical line).
        checkpoint()
        lines += address_run_candidates(text, found + tagged)
        yield from lines
        # A place's span grown over its house number or head word ("14 [Clepington]",
        # "[Aggieland] Rehab"), whichever line found the name.
        checkpoint()
        yield from grown_place_spans(text, found + lines + tagged)
        # A person's name grown over the initials, surname or given name left beside it, and a
        # signed document's date over its clock time.
        checkpoint()
        people = list(grown_person_spans(text, found + lines + tagged, lexicon()))
        yield from people
        # A person's login where a system or a file's note stamps its user ("verified by user
        # SMITHK1", "NHS\\jokafor", "[kate].smith"; deid_login_names).
        checkpoint()
        yield from login_name_spans(text, found + lines + tagged + people, lexicon())
        # An age over 89 beside a name any of them found ("Matiu Te Whata (91)").
        checkpoint()
        yield from ages_after_names(text, found + lines + tagged + people)
        # A university's initials before its town ("TU Dublin", "UC Davis").
        checkpoint()
        yield from university_spans(text, found + lines + tagged, lexicon())
        # The initials of the people named, where they sign or stand for one of them.
        checkpoint()
        initials = list(name_initials_spans(text, found + lines + tagged, lexicon()))
        yield from initials
        # A second signer's initials after a slash, initials after a signing word of another
        # language (session 60: deid_signer_initials).
        checkpoint()
        yield from signer_initial_candidates(
            text, found + lines + tagged + people + initials, lexicon()
        )
        # A found name's initial and the date beside it in a file name ("clarke_b_0612.docx").
        yield from file_name_part_spans(text, found + lines + tagged + people)
        # A found name again in another form: "Okafor A", "dr lindo", "wjordan" (deid61c).
        checkpoint()
        yield from name_form_spans(text, found + lines + tagged + people + initials, lexicon())
        # The initial or typist's initials left beside a found name, and the name in another
        # grammatical case ("[Khoury], E", "[Brandt]/me", "Tamm" -> "Tamme"; deid62b).
        checkpoint()
        yield from name_variant_spans(text, found + lines + tagged + people + initials, lexicon())
        # A name after a role written in another language ("rezidentas Jonaitis", "hemşire Gül").
        yield from role_abroad_spans(text, lexicon())
        # An organisation's initials in brackets after a person's name ("Dr Orr (RVH)").
        checkpoint()
        yield from bracketed_affiliations(text, found + lines + tagged, lexicon())
        # A name or an organisation in words in brackets after a person's name ("Childminder
        # Tasha (Little Acorns)", "grandson Bish (Bishop)").
        checkpoint()
        yield from bracketed_names(text, found + lines + tagged + people, lexicon())
        # A code's prefix of capitals ("SN 4K2-19930-QX", "HUM H1234-567").
        checkpoint()
        yield from prefixed_code_spans(text, found)
        # A postcode after a found street, before its town ("..., 06000 Nice").
        checkpoint()
        yield from street_postcode_spans(text, found + lines)
        # A street's flat, staircase, block and floor parts, however many ("Via Roma 14, scala
        # C, int. 7"; deid_unit_tails).
        yield from unit_tail_spans(text, found + lines)
        # A street's name that the word scan or the tagger took as a name or a place, grown over
        # its street word and house number ("[Hämeenkatu] 14 B 22", "[Üllői] út 78";
        # deid_street_numbers).
        yield from street_number_spans(text, found + lines + tagged)
        # A street's or a number's tail its rule stopped short of: "Jalan SS2/[24]", "Cnoc an
        # Doire [townland]", a number's last group wrapped onto the next line.
        checkpoint()
        yield from span_tail_spans(text, found + lines + tagged)
        # A found organisation's lower-case tail up to its kind's word ("[kingston] public
        # hospital"), and a lower-case organisation named by a listed name ("mercy hospice").
        checkpoint()
        tails = list(facility_tail_spans(text, found + lines + tagged, lexicon()))
        yield from tails
        # A found facility's initials and short name at its other mentions, and capital
        # initials where the note sends or sees the patient ("transferred from KATH").
        checkpoint()
        mentions = list(facility_mention_spans(text, found + lines + tagged + tails, lexicon()))
        # Initials where a note of another language sends or treats the patient ("Zuverlegt vom
        # UKE"), and initials a note defines beside a found name ("... Ηρακλείου (ΠΑΓΝΗ)").
        checkpoint()
        mentions += slot_initial_spans(text, found + lines + tagged + tails, lexicon())
        yield from mentions
        # A found facility's particles, kind words, number and saint's word left in view between
        # or beside its found pieces ("Fakultní [nemocnice v] Motole"; deid59a).
        checkpoint()
        yield from facility_bridge_spans(text, found + lines + tagged + tails + mentions, lexicon())
        # A facility named by its kind and number ("Poliklinika No. 3", "Farmacia Comunale N.
        # 41"; deid60a).
        yield from numbered_facility_spans(text)
        # A found facility's own leading words where the note names it by them alone
        # ("Sunrise of Eastbourne" ... "Sunrise will keep his room"; deid55a).
        checkpoint()
        yield from name_lead_spans(text, found + lines + tagged + tails + mentions, lexicon())
        # An institution named by kinds' words only, on the letterhead or before a found place
        # ("UNIVERSITY TEACHING HOSPITAL, [LUSAKA]"; deid55a).
        checkpoint()
        yield from institution_name_spans(text, found + lines + tagged, lexicon())
        # Letters from abroad (walk 47b): a wrapped telephone number's last group, a postcode
        # before its town, a street's house number, a hospital named by its country.
        checkpoint()
        yield from abroad_candidates(text, found + lines, lexicon())
        # The hospital between a heading's kind and its date ("Children's ED, Starship, 20/01").
        checkpoint()
        yield from heading_places(text, found, lexicon())
        # A facility that nothing names, at the other end of a found place's transfer, beside
        # it in a list, closing a found person's signature or on a dashed heading (deid49a).
        checkpoint()
        yield from place_slot_candidates(text, found + lines + tagged, lexicon())
        # The organisation on a note's first line, whole, where a word of it was found.
        checkpoint()
        yield from first_line_organisation(text, found + tagged)
        # The tagger only adds: where it overlaps a rule's span, the rule's reading (and label)
        # stands and the tagger adds only the words outside it.
        checkpoint()
        yield from _outside(text, tagged, found)
        if self.proposer is not None:
            yield from proposed_candidates(text, self.proposer)

    def _read_candidates(
        self, text: str, written: str | None = None
    ) -> tuple[list[Redaction], list[Redaction], list[Tok]]:
        """(the rules' redactions, the statistical line's, the word scan's tokens) in ``text``,
        the re-cased reading of ``written`` (the text as written, same offsets); no tokens
        without the word scan."""
        found: list[Redaction] = []
        for kind, pattern in self.own_patterns:
            for match in pattern.finditer(text):
                if kind == "patient_name" and eponym_not_patient(text, match.start(), match.end()):
                    continue
                found.append(
                    Redaction(kind, match.start(), match.end(), match.group(), label(kind))
                )
        checkpoint()
        # The cue index the fixed-form patterns read, built first for the date forms and the
        # other finders that search this text (deid_shared_cues).
        keep_text_cues(text)
        found += self._dates.candidates(text)
        checkpoint()
        found += pattern_candidates(text)
        checkpoint()
        found += road_location_candidates(text)
        found += call_sign_candidates(text)
        found += wrapped_code_spans(text)
        found += vehicle_number_candidates(text)
        found += collar_number_candidates(text)
        found += saint_place_candidates(text)
        found += irish_name_candidates(text)
        found += possessive_place_candidates(text, lexicon())
        # Ages over 89 as a person word's attribute, plates in other scripts (session 53:
        # deid_kin_ages, deid_world_plates).
        found += kin_age_candidates(text)
        found += world_plate_candidates(text)
        # Ages in key-value cells and shorthand, codes in lower case after their labels, words
        # used as codes, lower-case plates after other languages' plate words (session 54:
        # deid_age_cells, deid_lower_codes, deid_secret_words, deid_plate_words).
        found += age_cell_candidates(text)
        found += lower_code_candidates(text)
        found += secret_word_candidates(text)
        found += plate_word_candidates(text)
        # Initials after a title or a signing cue, days written in other ways, house numbers
        # after Russian and Turkish streets (session 55: deid_titled_letters,
        # deid_day_month_words, deid_house_numbers).
        found += titled_letter_candidates(text)
        found += day_month_word_candidates(text)
        found += house_number_candidates(text)
        # Codes after their label's abbreviation, call signs of spelling-alphabet words, ages
        # as one word of another language, days with a time after (session 56: deid56b).
        found += label_abbreviation_candidates(text)
        found += call_sign_word_candidates(text)
        found += age_word_candidates(text)
        found += timed_day_candidates(text)
        found += printed_code_candidates(text)  # session 57: zero-led and donation codes
        # The next code of a list after a found code (session 54: deid_code_lists).
        found += list(listed_code_candidates(text, found))
        checkpoint()
        found += hl7_candidates(text)
        found += checked_number_candidates(text)  # session 64: bare national numbers by check
        if not self.word_scan:
            return found, [], []
        lex = lexicon()
        checkpoint()
        tokens = read_tokens(text, lex)
        # The tagger reads the words first: the scan marks them as it goes.
        checkpoint()
        tagged = shipped_tagger().spans(text, lex, tokens) if self.tagger else []
        if tagged:
            tagged = _not_eponym_words(
                text, tagged, eponym_lower_words(tokens) | listed_possessives(tokens, text, lex)
            )
            tagged = [s for s in tagged if not _PREFIXED_ACRONYM.fullmatch(text, s.start, s.end)]
        checkpoint()
        found += [
            _word_redaction(text, span) for span in scan(text, lex, tokens, self.record, written)
        ]
        # A practice named by its place and "Medical" alone ("(Battery Point Medical)").
        checkpoint()
        found += practice_name_candidates(text, lex)
        # Identifiers with a digit where the fixed forms stop short, a bare day and month the
        # clinical grammar does not own, and initials in a person's slot (session 51:
        # deid_digit_slots, deid_short_dates, deid_initial_slots).
        checkpoint()
        found += digit_slot_candidates(text, lex)
        found += short_date_candidates(text, lex)
        # Dotted days and months in a date's slot, slashed ones no score can be, and a month
        # named alone after a preposition of another language or as an event's (session 59:
        # deid_day_month_numbers, deid_lone_months).
        found += day_month_number_candidates(text, lex)
        found += lone_month_candidates(text)
        # A day of the month alone after a date's article or a weekday of another language
        # (session 60: deid_bare_days).
        found += bare_day_candidates(text)
        # A day and month after a weekday's abbreviation of many languages, with the weekday
        # ("ma 7.12.", "lun. 30/11", "út 8. 12. 2026"; session 64: deid_weekday_dates).
        found += weekday_date_candidates(text)
        # Days and months as numbers beside a time, after a value's "on", in a table's heading
        # row or after a meeting; ordinal days before a time (session 60: deid_dated_pairs).
        found += dated_pair_candidates(text)
        found += list(wrapped_code_rests(text, found, lex, (self.identity.mrn,)))
        found += initial_slot_candidates(text, lex)
        # Initials where a chart, a log or a team list signs with them (session 57: deid57b).
        found += initial_sign_candidates(text, lex)
        # Organisations and names typed in lower case, by Philter's safe-list test (session 52:
        # deid_lower_orgs, deid_lower_names), and names a scan cut with a stray space
        # (deid_split_names).
        found += lower_org_candidates(text, lex)
        found += split_name_candidates(text, lex)
        # An employer in its slot and an armed forces unit by its shape (session 64: deid64a).
        found += employer_slot_candidates(text, lex)
        found += military_unit_candidates(text)
        tagged_spans = [_word_redaction(text, span) for span in tagged]
        found += lower_name_candidates(text, found + tagged_spans, lex)
        # Names typed in lower case in a person's slot, and their other lower-case mentions
        # (session 56: deid_lower_people).
        found += lower_people_candidates(text, lex)
        # A relative's name right after the word for the relation, in any language (session
        # 59: deid_kin_names).
        found += kin_name_candidates(text, lex)
        # "Surname, Given" after a bed's number (session 60: deid_bed_names).
        found += bed_name_candidates(text, lex)
        # A disease named after a person right after a relative's word is no name ("Aunt Lynch
        # syndrome", "Mother Addison's"; session 60: deid_kin_eponyms).
        found, tagged_spans = without_kin_eponyms(text, lex, found, tagged_spans)
        return found, tagged_spans, tokens

    def preview(self, text: str) -> list[Redaction]:
        """Every redaction that :meth:`redact` would make, in text order, without overlaps."""
        # Speed (session 50): the collector's sweeps during a reading free nothing (its tokens,
        # matches and spans die by reference counting) and cost 40-50 ms of a 20-page record.
        with collector_paused():
            return self._preview(text)

    def _preview(self, text: str) -> list[Redaction]:
        try:
            if "\r" not in text:
                return self._settled(text, resolve(text, self._kept_values(text)))
            # Windows ("\r\n") and old Mac ("\r") line ends: the line-based rules read "\n"
            # (a "$" or "[ \t]*\n" after the value), so the text is read with plain line ends
            # and each redaction is placed back on the text as written.
            plain, starts, ends = _plain_line_ends(text)
            resolved = self._settled(plain, resolve(plain, self._kept_values(plain)))
            return [
                Redaction(
                    red.kind,
                    starts[red.start],
                    ends[red.end],
                    text[starts[red.start] : ends[red.end]],
                    _own_line_ends(red, text, starts, ends),
                )
                for red in resolved
            ]
        finally:
            # The word lists remember what they said of each word while a text is read; a
            # patient's words are not kept once it is done.
            lexicon().forget()
            self._dates.forget()
            forget_cues()
            forget_text_cues()

    def _settled(self, text: str, resolved: list[Redaction]) -> list[Redaction]:
        """What the resolved redactions are written as: a date without its year shifted like
        the others, a health-service number labelled by its label rather than its shape."""
        # What resolution still took that reads as no identifier in its context (a recurring
        # dose's weekday, urea after "Ur", an insurer named as such; deid_not_identifiers).
        found = without_non_identifiers(text, resolved)
        # A department written beside a facility's whole name ("St Luke's Hospital [Eye
        # Clinic]", "Guy's and St Thomas' [Marfan clinic]"; deid60a).
        found = without_department_tails(text, found)
        found = without_label_words(text, found)  # "[NAME] no [MRN]" of "Hosp no …" (walk 52a)
        # A sentence's opening care word is no part of the name after it ("Zuverlegt vom [UKE]";
        # review62a).
        found = without_care_verbs(text, found)
        # A facility's span grown to the whole name it stops short of: "[University Hospitals
        # Bristol] and [Weston NHS Foundation Trust]", "AZ [Sint-Lucas]" (deid62a).
        found = whole_facility_names(text, found, lexicon())
        # A date of 90 or more years ago keeps no year (Safe Harbor; deid_old_dates).
        checkpoint()
        dated = old_dates_removed(self._dates.shift_undated(text, found))
        checkpoint()
        settled = labelled_numbers(text, dated)
        checkpoint()
        settled = titled_as_names(text, settled)
        checkpoint()
        return [
            line_breaks_kept(place_possessive_inside(text, punctuation_outside(text, red)))
            for red in settled
        ]

    def redact(self, text: str) -> str:
        return apply_redactions(text, self.preview(text))


def _plain_line_ends(text: str) -> tuple[str, list[int], list[int]]:
    """``text`` with each "\r\n" and lone "\r" as "\n", and two maps from the offsets of that
    copy to the text's: where a character starts (for a span's start) and where the character
    before an offset ends (for a span's end; a "\n" read for "\r\n" ends after both)."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = [0]
    i, size = 0, len(text)
    while i < size:
        starts.append(i)
        if text[i] == "\r":
            chars.append("\n")
            i += 2 if text.startswith("\n", i + 1) else 1
        else:
            chars.append(text[i])
            i += 1
        ends.append(i)
    starts.append(size)
    return "".join(chars), starts, ends


def _own_line_ends(red: Redaction, text: str, starts: list[int], ends: list[int]) -> str:
    """The replacement of ``red`` (read on the plain copy of ``text``) with the text's own line
    ends: a line break kept inside a removed span (:func:`line_breaks_kept`) was written "\n",
    and a Windows text got a bare "\n" in the middle of its "\r\n" lines (session 33). Each
    "\n" of the replacement stands, in order, for one line end of the span as written."""
    if "\n" not in red.replacement:
        return red.replacement
    written = [
        text[starts[i] : ends[i + 1]]
        for i in range(red.start, red.end)
        if red.original[i - red.start] == "\n"
    ]
    pieces = red.replacement.split("\n")
    if len(pieces) - 1 != len(written):
        # Not a copy of the span's breaks: the text's first line end for each.
        written = [written[0] if written else "\n"] * (len(pieces) - 1)
    out = [pieces[0]]
    for brk, piece in zip(written, pieces[1:], strict=True):
        out += [brk, piece]
    return "".join(out)


# Round 14: an acronym in capitals after a small lower-case prefix ("mpMRI", "fMRI", "eGFR",
# "hCG", "pCR"): a shape of clinical abbreviations that no name has; the tagger read one as a
# facility.
_PREFIXED_ACRONYM = re.compile(r"[a-z]{1,3}[A-Z]{2,5}")


def _not_eponym_words(text: str, tagged: list[WordSpan], eponym: set[int]) -> list[WordSpan]:
    """The tagged spans less those made only of an eponym's lower-case head and particles."""
    if not eponym:
        return tagged
    return [
        span
        for span in tagged
        if not all(m.start() in eponym for m in TOKEN.finditer(text, span.start, span.end))
    ]


def _word_redaction(text: str, span: WordSpan) -> Redaction:
    return Redaction(span.kind, span.start, span.end, text[span.start : span.end], label(span.kind))


def _as_written(text: str, found: list[Redaction]) -> list[Redaction]:
    """Redactions found in the re-cased text, holding the text as written."""
    return [Redaction(r.kind, r.start, r.end, text[r.start : r.end], r.replacement) for r in found]


_JOINERS = frozenset({"and", "of", "&", "the"})  # what a piece between two rule spans may be
# A title, relation or role beside a person's name stays in view, as the rules leave it ("Seen
# by Sister [NAME]"; the tagger reads "Sister Kelly" whole); in an organisation's name it goes
# ("Nurse Maude", "Dr. Lal PathLabs").
_KEPT_WORDS = TITLES | RELATIONS | ROLES
# Session 31: a clinical abbreviation with one letter joined by a dash names a kind of device or
# test ("CRT-D", "CRT-P", "S-ICD", "ICD-V"); the model reads the capitals as an organisation's.
_LETTERED_ABBREVIATION = re.compile(r"(?:(?P<a>[A-Z]{2,5})-[A-Z]|[A-Z]-(?P<b>[A-Z]{2,5}))")


def _lettered_abbreviation(piece: str) -> bool:
    """Whether ``piece`` is a clinical abbreviation with one letter joined by a dash."""
    found = _LETTERED_ABBREVIATION.fullmatch(piece)
    return found is not None and clinical_abbreviation(found.group("a") or found.group("b"))


# A rule leaves a name's possessive outside it ("[NAME]'s worker"); where the tagger reads it as
# part of an organisation's name ("Barnardo's", "Sainsbury's"), it joins the rule's span instead
# of standing as a redaction of its own ("[NAME][FACILITY] worker").
_POSSESSIVES = frozenset({"'s", "’s", "'", "’"})


# Round 18 (walk 20): words the model took though they name no one and nothing: a role with its
# grading words ("Student Midwife", "Senior Staff Nurse") or a day, with a short word of time
# before it ("Am Montag"). The rules leave them in view; so does the model's line now.
_DAY = CALENDAR_WORDS | WORLD_WEEKDAYS
_ROLE_OR_DAY = ROLES | _DAY
_BESIDE_ROLE_OR_DAY = ROLE_QUALIFIERS | frozenset({"am", "on", "op", "le", "el", "il", "the"})
_WORDS = re.compile(r"[^\W\d_]+")


def _names_nothing(piece: str, kind: str) -> bool:
    """Whether the lower-case ``piece`` is only a role or a day and the words that grade it or
    say when. A lone role word read as part of an organisation's name stays its ("Nurse Maude",
    a nursing service)."""
    words = _WORDS.findall(piece)
    if not all(w in _ROLE_OR_DAY or w in _BESIDE_ROLE_OR_DAY for w in words):
        return False
    if kind == "name" or any(w in _DAY for w in words):
        return any(w in _ROLE_OR_DAY for w in words)
    # In an organisation's piece a role counts only with its grading words ("Senior Staff Nurse").
    return any(w in ROLES for w in words) and any(w in ROLE_QUALIFIERS for w in words)


_UNITS_ALONE = frozenset(
    {"mm", "cm", "m", "km", "mg", "mcg", "g", "kg", "ml", "l", "mmol", "mmhg", "bpm", "fr", "ch"}
)
_NUMBER_BEFORE = re.compile(r"\d[ \t]?\Z")


def _outside(text: str, tagged: list[Redaction], found: list[Redaction]) -> Iterator[Redaction]:
    """The parts of ``tagged`` that no span of ``found`` covers, each with a letter or digit."""
    covered = bytearray(len(text))
    for red in found:
        covered[red.start : red.end] = b"\x01" * (red.end - red.start)
    for red in tagged:
        start = red.start
        while start < red.end:
            while start < red.end and covered[start]:
                start += 1
            end = start
            while end < red.end and not covered[end]:
                end += 1
            piece = text[start:end]
            # Trimmed of the spaces and punctuation next to the covered part.
            left = len(piece) - len(piece.lstrip(" ,;:.-"))
            right = len(piece.rstrip(" ,;:.-"))
            bare = piece.strip(" ,;:.-").lower()
            kept = bare in _JOINERS or (red.kind == "name" and bare in _KEPT_WORDS)
            # A particle tagged alone in lower case ("del", "van") names no one: the model's
            # reading of the words around an eponym it was not let take ("scavo del Douglas").
            # Inside a name the rules found ("Ahmad [bin] Rosli") it is the name's.
            alone = text[red.start : red.end].strip(" ,;:.-") == piece.strip(" ,;:.-") and not (
                any(covered[max(0, start - 2) : start]) or any(covered[end : end + 2])
            )
            kept = kept or (alone and bare in PARTICLES and piece.strip(" ,;:.-").islower())
            # A verb that opens the sentence the model read into the name ("Attended
            # Kingsbridge Community College"): the rules' span is the name, the verb stays.
            kept = kept or _names_nothing(bare, red.kind) or bare in OPENING_VERBS
            kept = kept or (alone and _lettered_abbreviation(piece.strip(" ,;:.-")))
            # Session 32 (format sweep): a unit alone after its number ("SAPIEN 3 26 mm" gave
            # "mm" to the model's places) measures something and names no one.
            if not kept and alone and bare in _UNITS_ALONE:
                first = start + left
                kept = _NUMBER_BEFORE.search(text, max(0, first - 3), first) is not None
            if any(c.isalnum() for c in piece) and not kept:
                a, b = start + left, start + right
                if bare in _POSSESSIVES and a > 0 and covered[a - 1]:
                    a -= 1  # overlapping the span before, the possessive joins it
                yield Redaction(red.kind, a, b, text[a:b], red.replacement)
            start = end
