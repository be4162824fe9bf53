"""The initials of hospitals' wards, units, teams and services, which every hospital or health
system has (review61a): read by deid_service_acronyms (given back after resolution) and
deid_slot_initials (no facility's initials in a slot of care)."""

from __future__ import annotations

# Wards, units, teams and services by their initials, as notes of each language write them.
SERVICE_ACRONYMS = frozenset(
    {
        # English (UK, Ireland, Australia, New Zealand, North America)
        "ITU", "HDU", "CCU", "AMU", "SDU", "MAU", "EPAU", "SCBU", "NNU", "PACU", "CAMHS",
        "CMHT", "SALT", "MDT", "OPD", "A&E", "DGH", "PHC", "GUM", "NICU", "PICU", "CICU",
        "CDU", "AAU", "SAU", "EAU", "ACU", "OPAT", "DSU", "MIU", "UTC", "WIC", "HASU", "PDU",
        "RDU", "RACPC", "AEC", "CCOT", "DAU", "PAU", "CAU", "GAU", "MHLT", "CRHT", "IAPT",
        "MSK", "ICCU", "HCU", "EPU", "FAU", "SSU", "ADU", "MAPU", "NNICU", "SICU", "MICU",
        "CTICU", "NSICU", "PCCU", "CCRU", "ASU", "HAU", "EMU", "OPAU", "TCU", "RAU", "FQHC",
        "ESD",
        # French
        "USIC", "SSR", "EHPAD", "HAD", "UHCD", "USC", "UNV", "USINV", "USLD", "SMUR", "SAMU",
        "UMJ", "PMI", "CMP", "CATTP", "UGA", "SSIAD", "CSAPA", "CMPP", "HDJ", "REA",
        # German
        "ZNA", "ITS", "IMC", "MVZ", "HNO", "ZOP", "SPZ", "SAPV",
        # Spanish and Portuguese
        "UCI", "URPA", "UCC", "UCE", "UCIN", "UCIP", "UHD", "UTI", "UPA", "UBS", "UTIP", "CEX",
        "UCO",
        # Italian
        "UTIC", "RSA", "OBI", "ADI", "DEA", "SPDC", "UTIN", "TIN",
        # Dutch, West Slavic, Scandinavian and Indonesian
        "SEH", "MCU", "HAP", "SOR", "OIOM", "OIT", "POZ", "JIP", "ARO", "KAR", "AKM", "MIO",
        "IGD", "AMK",
        # Russian
        "ПИТ", "РАО", "ОАРИТ",
    }
)  # fmt: skip
