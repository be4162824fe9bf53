"""What a rule took that its words show to be clinical or no identifier, given back once the
redactions are resolved (round 18, walk 21): a weekday of a recurring dose, a urea result or a
reference range after a code's label, an influenza strain's name, an instrument's size after
"#", an insurer named as such, a nationality or language alone, a role before a name or a
list's label (deid_name_edges), a status or an abbreviation as an organisation field's value;
a hospital's service, a clinician's role, a disease's nurse or service (round 19,
deid_service_units), a form's one-word label (deid_label_words),
a brand named like a given name in a medicine's context (deid_name_brands), a
name inside a listed clinical term (deid_inside_terms), "24/7" said of care
(deid_round_the_clock), a unit's initials before its telephone number (deid_code_prefixes),
a growth centile (deid_centiles), a page's and a team's number (deid_numbered_parts);
round 20: a listed eponym apart from its head (deid_eponym_gaps), a medicine's, a standard's or
a diagnosis's code (deid_clinical_codes), a course's length after "x" (deid_course_lengths), an
unlisted brand before its strength (deid_dose_brands), a country in a law's title
(deid_law_titles), a trial's name joined to its data (deid_trial_names); deidfix34: the
post-nominal letters after a name (deid_post_nominals), a state or province (deid_states);
walk 38: a range of two years read as a code (deid_year_ranges); walk 41: a CSV header's
cells (deid_csv_headers); session 42: a standard section title (deid_section_titles), a
measurement's bracketed method (deid_method_citations); session 43: a karyotype's bands
(deid_karyotype_bands), a bypass graft's conduit before its target (deid_graft_conduits);
review 44: a fraction of a dose read as a day and month (deid_dose_fractions); session 45: a
brand before its generic in brackets (deid_brand_generics), an eponym made an adjective
("Ganser-type", deid_eponym_modifiers); walk 48b: a range of two decimal results after a
code's label (deid_result_ranges).

Read after resolution, on the spans as they will be written: each check reads the whole span
and the text around it, whichever rule (or the tagger) found it.
"""

from __future__ import annotations

from medlocal.privacy.deid_brand_generics import without_brand_generics
from medlocal.privacy.deid_cancel import checkpoint
from medlocal.privacy.deid_centiles import without_centiles
from medlocal.privacy.deid_clinical_codes import without_clinical_codes
from medlocal.privacy.deid_code_prefixes import without_service_prefixes
from medlocal.privacy.deid_countries import without_countries
from medlocal.privacy.deid_course_lengths import without_course_lengths
from medlocal.privacy.deid_csv_headers import without_csv_headers
from medlocal.privacy.deid_dose_brands import without_dose_brands
from medlocal.privacy.deid_dose_fractions import without_dose_fractions
from medlocal.privacy.deid_eponym_gaps import without_eponym_gaps
from medlocal.privacy.deid_eponym_modifiers import without_eponym_modifiers
from medlocal.privacy.deid_field_values import without_status_values
from medlocal.privacy.deid_graft_conduits import without_graft_conduits
from medlocal.privacy.deid_inside_terms import without_inside_terms
from medlocal.privacy.deid_instrument_sizes import without_instrument_sizes
from medlocal.privacy.deid_insurer_names import without_insurers
from medlocal.privacy.deid_karyotype_bands import without_karyotype_bands
from medlocal.privacy.deid_lab_numbers import without_lab_numbers
from medlocal.privacy.deid_label_words import without_form_labels
from medlocal.privacy.deid_law_titles import without_law_titles
from medlocal.privacy.deid_method_citations import without_method_citations
from medlocal.privacy.deid_name_brands import without_name_brands
from medlocal.privacy.deid_name_edges import name_edges
from medlocal.privacy.deid_numbered_parts import without_numbered_parts
from medlocal.privacy.deid_peoples import without_peoples
from medlocal.privacy.deid_post_nominals import without_post_nominals
from medlocal.privacy.deid_recurring_days import without_recurring_days
from medlocal.privacy.deid_result_ranges import without_result_ranges
from medlocal.privacy.deid_round_the_clock import without_round_the_clock
from medlocal.privacy.deid_section_titles import without_section_titles
from medlocal.privacy.deid_serovars import without_flu_strains
from medlocal.privacy.deid_service_acronyms import without_service_acronyms
from medlocal.privacy.deid_service_units import without_services
from medlocal.privacy.deid_spans import Redaction
from medlocal.privacy.deid_states import without_states
from medlocal.privacy.deid_trial_names import without_trial_reports
from medlocal.privacy.deid_year_ranges import without_year_ranges


def without_non_identifiers(text: str, redactions: list[Redaction]) -> list[Redaction]:
    """``redactions`` less those that name no one and date nothing."""
    checkpoint()
    kept = without_recurring_days(text, redactions)
    checkpoint()
    kept = without_lab_numbers(text, kept)
    checkpoint()
    kept = without_result_ranges(text, kept)
    checkpoint()
    kept = without_flu_strains(text, kept)
    checkpoint()
    kept = without_instrument_sizes(text, kept)
    checkpoint()
    kept = without_peoples(text, kept)
    checkpoint()
    kept = without_countries(text, kept)
    checkpoint()
    kept = without_states(text, kept)
    checkpoint()
    kept = without_post_nominals(text, kept)
    checkpoint()
    kept = name_edges(text, kept)
    checkpoint()
    kept = without_status_values(text, kept)
    checkpoint()
    kept = without_services(text, kept)
    checkpoint()
    kept = without_service_acronyms(text, kept)  # "moved to ITU", "repatriated to DGH"
    checkpoint()
    kept = without_form_labels(text, kept)
    checkpoint()
    kept = without_name_brands(text, kept)
    checkpoint()
    kept = without_inside_terms(text, kept)
    checkpoint()
    kept = without_round_the_clock(text, kept)
    checkpoint()
    kept = without_service_prefixes(text, kept)
    checkpoint()
    kept = without_centiles(text, kept)
    checkpoint()
    kept = without_numbered_parts(text, kept)
    checkpoint()
    kept = without_eponym_gaps(text, kept)
    checkpoint()
    kept = without_clinical_codes(text, kept)
    checkpoint()
    kept = without_course_lengths(text, kept)
    checkpoint()
    kept = without_dose_brands(text, kept)
    checkpoint()
    kept = without_brand_generics(text, kept)
    checkpoint()
    kept = without_eponym_modifiers(text, kept)
    checkpoint()
    kept = without_law_titles(text, kept)
    checkpoint()
    kept = without_trial_reports(text, kept)
    checkpoint()
    kept = without_year_ranges(text, kept)
    checkpoint()
    kept = without_csv_headers(text, kept)
    checkpoint()
    kept = without_section_titles(text, kept)
    checkpoint()
    kept = without_method_citations(text, kept)
    checkpoint()
    kept = without_karyotype_bands(text, kept)
    checkpoint()
    kept = without_graft_conduits(text, kept)
    checkpoint()
    kept = without_dose_fractions(text, kept)
    checkpoint()
    return without_insurers(text, kept)
