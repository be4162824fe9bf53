"""Molecular and reference notation shaped like codes (round 16, precision): no identifier.

A genetics or pathology report writes gene variants, reference sequences, database records and
genome builds as runs of letters and digits that the code rules read as a person's number. They
name a change in a gene or an entry of a public database, never a person:

* HGVS variants: the part after a sequence prefix ("c.1100del", "c.5558A>T", "p.(Arg248Gln)",
  "g.32340301", "m.3243A>G"), and a protein change in three-letter amino acids anywhere
  ("Leu2092ProfsTer7", "Asp1853Val"): no identifier opens with an amino acid's name and a
  position and ends with another's.
* A protein change in one-letter amino acids ("G2019S", "T315I", "V600E") only beside a gene's
  symbol or a word of molecular genetics on its line ("LRRK2 G2019S", "kinase domain no T315I"):
  the shape (a capital, digits, a capital) is also a code's.
* Reference sequences with their version ("NM_000059.4"; the underscore may be read as a space),
  Ensembl, dbSNP ("rs1801133"), ClinVar ("VCV000009354"), COSMIC records, a number after OMIM,
  and genome builds ("GRCh38", "hg19").

Accession numbers of a specimen or a laboratory ("ACC 25-118402") have none of these shapes.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the word scan's token; imported for its type only (no import cycle)
    from medlocal.privacy.deid_tokens import Tok

_AA3 = "Ala|Arg|Asn|Asp|Cys|Gln|Glu|Gly|His|Ile|Leu|Lys|Met|Phe|Pro|Ser|Thr|Trp|Tyr|Val|Sec|Pyl"
_AA1 = "ACDEFGHIKLMNPQRSTVWY"
# A sequence prefix of HGVS ("c.", "p.(", "g.", "m.", "n.", "r.", "o.") right before the value.
_HGVS_PREFIX = re.compile(r"(?<![\w.])[cgmnrop]\.\(?\Z")
# A protein change in three-letter amino acids: the first, its position, then what it became
# (another, a stop, a frameshift, a deletion, a duplication, an insertion, an extension).
_PROTEIN3 = re.compile(
    rf"(?:{_AA3})\d{{1,5}}(?:_(?:{_AA3})\d{{1,5}})?"
    rf"(?:(?:{_AA3}|Ter|=)?(?:fs(?:Ter|\*)?\d*|ext(?:Ter|\*)?-?\d*)?"
    rf"|del|dup|(?:del)?ins(?:{_AA3})+)(?:\d+)?"
)
# A protein change in one-letter amino acids: two to four digits (one is a postcode's shape,
# "H2Y"), then an amino acid, a stop or a frameshift.
_PROTEIN1 = re.compile(rf"[{_AA1}]\d{{2,4}}(?:[{_AA1}X*]|fs\*?\d*|del|dup)")
# A nucleotide change in the legacy notation, base, position, base ("Prothrombin G20210A",
# "MTHFR C677T", "Factor V G1691A"): its position may run to five or six digits. Read as the
# one-letter protein change is, beside a gene or a word of molecular genetics.
_NUCLEOTIDE1 = re.compile(r"[ACGT]\d{2,6}[ACGT]")
# What stands before such a change on its line: a gene's symbol (capitals with perhaps digits,
# of two to eight characters, right before it), or a word of molecular genetics.
_GENE_BEFORE = re.compile(r"(?<![\w-])[A-Z][A-Z0-9]{1,7}(?:[ \t]*:)?[ \t]+(?:p\.)?\Z")
_MOLECULAR_WORDS = re.compile(
    r"(?i:\b(?:mutation|mutations|mutated|mutant|variant|variants|substitution|missense|"
    r"nonsense|allele|alleles|genotype|genotyping|codon|exon|kinase|domain|hgvs|heterozygous|"
    r"homozygous|hemizygous|germline|somatic|pathogenic|sequencing|ngs|panel|resistance|"
    r"gene|genes|prothrombin|thrombophilia|factor[ \t]+(?:ii|v|xiii)|"
    r"mutaci[oó]n|mutation|variante|mutazione|mutação)\b)"
)
# Words after a one-letter change that say what it is ("V600E mutation", "G2019S carrier").
_MOLECULAR_AFTER = re.compile(
    r"[ \t]*(?i:mutation|mutated|mutant|variant|substitution|carrier|heterozygo|homozygo|"
    r"hemizygo|positive|negative|detected|not[ \t]+detected|allele)"
)
# Names of gene symbols' shape that are labels of a number, not genes ("MRN G2019S").
_LABELS = frozenset(
    {
        "MRN", "ID", "NO", "NR", "REF", "NHS", "NHI", "UR", "SN", "LOT", "NRIC", "IC", "CODE",
        "DOB", "PIN", "NPI", "DEA", "VIN", "UDI", "CSN", "FIN", "UHID", "IP", "OP", "ACC",
        "ACCN", "LAB", "SPEC", "PT", "BED", "RM", "ROOM", "UNIT", "CASE", "FILE", "CLAIM",
    }
)  # fmt: skip
# Reference sequences (RefSeq with its version, the underscore read as a space or not),
# Ensembl, dbSNP, ClinVar, COSMIC, genome builds: each a whole value.
# (A trial's registration, "NCT04512345", is left to the code rules: a record may hold it as the
# number of the patient's enrolment, and the evaluation counts it so.)
_REFERENCE = re.compile(
    r"(?:N[CGMPRTWZ]|X[MPR]|LRG)_\d{3,9}(?:\.\d{1,2})?"
    r"|ENS[A-Z]{0,4}[GTPER]\d{11}(?:\.\d{1,2})?|rs\d{3,10}|[RSV]CV\d{9}(?:\.\d{1,2})?"
    r"|COS[MVN]\d{3,9}|(?:OMIM|MIM)[ ][#*%+^]?\d{6}"
    r"|GRC[hmz]\d{2}(?:\.p\d{1,2})?|hg(?:1[789]|38)|CHM13(?:v\d(?:\.\d)?)?"
)
# Round 16: genomic coordinates after a chromosome band in brackets or a chromosome and a colon
# ("22q11.21(18912231_21465672)x1", "chr7:140753336"), the second after the first and a dash.
_COORDINATE_BEFORE = re.compile(
    r"(?:(?:\d{1,2}|X|Y)[pq]\d{1,2}(?:\.\d{1,3})?\(|\bchr(?:\d{1,2}|X|Y|M)[ \t]*:[ \t]*)"
    r"(?:\d{3,}[ _-])?\Z"
)
# An antibody's clone after its word ("PD-L1 clone SP263", "clone: 4B5"): a reagent.
_CLONE_BEFORE = re.compile(r"(?i:\bclones?)[ \t]*:?[ \t]*\(?\Z")
# RefSeq's prefixes ("NM" is also New Mexico's) read apart from the number (the underscore read
# as a space): a reference only with its version or a change after it ("NM 000059.4",
# "NM_000059:c.68A>G"); "NM 000059" alone may be a licence of New Mexico.
_REFSEQ = re.compile(r"(?:N[CGMPRTWZ]|X[MPR]|LRG)[ ]\d{3,9}")
_REFSEQ_BEFORE = re.compile(r"(?<![\w-])(?:N[CGMPRTWZ]|X[MPR]|LRG)[_ ]\Z")
_VERSION_AFTER = re.compile(r"\.\d{1,2}(?!\d)|[ \t]*:[ \t]*[cgmnrp]\.")
# A number after a catalogue of diseases or a genomic database ("OMIM #114480", "MIM 219700").
_CATALOGUE_BEFORE = re.compile(
    r"(?:\b(?:OMIM|MIM|HGNC|ORPHA|Orphanet|MONDO|ClinVar|dbSNP|PMID|PMCID|COSMIC)"
    r"[ \t]*[:#*%+^]?[ \t]*)\Z"
)

# The numbers of England's national guidance after its publisher ("NICE CG164", "NICE NG28",
# "NICE TA878"): a document, not a person.
_GUIDELINE = re.compile(r"(?:CG|NG|TA|QS|PH|DG|IPG|MTG|HTG|DTG|HST|ESNM|KTT|PMG|MIB|SC)\d{1,4}")
_GUIDELINE_BEFORE = re.compile(r"\bNICE(?:[ \t]+(?:guidance|guideline))?[ \t]*\Z")


# Round 21 (precision): an insertion or deletion in the legacy notation of the founder variants
# ("BRCA2 999del5", "BRCA1 185delAG", "5382insC", "6174delT"): position, change, and the bases
# or their count. Read as the one-letter changes are, beside a gene or a word of genetics.
_LEGACY_INDEL = re.compile(r"\d{2,5}(?:del|ins|dup)(?:[ACGT]{1,6}|\d{1,2})?")
# Round 21 (precision): the carbohydrate-antigen tumour markers with their numbers ("CA19-9",
# "CA 15-3", "CA72-4", "CA-125", "CA 27.29"): a laboratory test, never a person's code.
_TUMOUR_MARKER = re.compile(r"CA[ -]?(?:19-9|15-3|72-4|27[.-]29|125|549|242|50)")


# Round 17: an intron variant in the legacy notation of the globin genes ("IVS-I-110",
# "IVS-II-745", "IVS1-5G>C", "IVS-I+1"): intron, position and change, never a person's code.
_INTRON = re.compile(r"IVS-?(?:I{1,3}|IV|[1-9])[-+]\d{1,4}(?:[ACGT]>[ACGT])?")


def molecular_notation(value: str, text: str, start: int) -> bool:
    """Whether ``value`` (found at ``start`` in ``text``) is a variant, a reference sequence, a
    database record or a genome build rather than a person's code (see the module's text)."""
    bare = value.strip()
    before = text[max(0, start - 40) : start]
    # Speed (session 57): each look-back below is tried at every place of its window; a
    # necessary test of the window (its ending, a character or word it must hold) goes first.
    if (
        before.endswith((".", ".("))
        and _HGVS_PREFIX.search(before)
        and any(c.isdigit() for c in bare)
    ):
        return True  # "c.1100del", "p.(Arg248Gln)": the change after its sequence's prefix
    if _PROTEIN3.fullmatch(bare) or _INTRON.fullmatch(bare):
        return True
    if _REFERENCE.fullmatch(bare):
        return True
    if (bare.isdigit() and _REFSEQ_BEFORE.search(before)) or _REFSEQ.fullmatch(bare):
        return _VERSION_AFTER.match(text, start + len(value)) is not None  # "NM_000059.4"
    if _GUIDELINE.fullmatch(bare) and _GUIDELINE_BEFORE.search(before):
        return True  # "NICE CG164", "NICE NG28": a guideline's number
    if _CATALOGUE_BEFORE.search(before) or (
        "clone" in before.lower() and _CLONE_BEFORE.search(before)
    ):
        return True
    if bare.isdigit() and ("(" in before or ":" in before) and _COORDINATE_BEFORE.search(before):
        return True
    if _TUMOUR_MARKER.fullmatch(bare):
        return True
    if _PROTEIN1.fullmatch(bare) or _NUCLEOTIDE1.fullmatch(bare) or _LEGACY_INDEL.fullmatch(bare):
        return _one_letter_change(text, start, start + len(value))
    return False


def _one_letter_change(text: str, start: int, end: int) -> bool:
    """A one-letter protein change beside a gene's symbol or a word of molecular genetics."""
    line_start = text.rfind("\n", max(0, start - 80), start) + 1
    before = text[max(line_start, start - 80) : start]
    gene = _GENE_BEFORE.search(before)
    if gene is not None and gene.group().split()[0].rstrip(":") not in _LABELS:
        return True
    if _MOLECULAR_AFTER.match(text, end):
        return True
    return _MOLECULAR_WORDS.search(before) is not None


_AMINO_ACIDS = frozenset(_AA3.split("|"))
# What a change writes after an amino acid's letters ("Argfs", "Valdel", "GlnTer").
_CHANGE_ENDINGS = frozenset({"", "fs", "del", "dup", "ins", "delins", "ext", "Ter"})


def protect_amino_acids(tokens: list[Tok], text: str) -> None:
    """An amino acid's three letters glued to a position in a protein change ("p.(Val1471Leu)",
    "Arg248Gln") are notation, not the given name "Val" or "Gln" the word scan would take."""
    for tok in tokens:
        if tok.shape != "title" or tok.word[:3] not in _AMINO_ACIDS:
            continue
        # With a change's ending after the letters ("p.(Ser1982Argfs*22)", walk 19).
        if tok.word[3:] not in _CHANGE_ENDINGS:
            continue
        if text[tok.end : tok.end + 1].isdigit() or text[tok.start - 1 : tok.start].isdigit():
            tok.shape = "lower"
