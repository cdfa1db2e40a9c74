"""The one table from Presidio entity types to smlint codes, with overlap priorities.

Every entity type any recognizer in ``smlint.pii.recognizers`` can emit must be a key here,
and every SM1xx code must be some entity's value (tests/test_pii.py checks both). When two
findings overlap, the entity with the higher ``priority`` (the more specific type) wins.
"""

from __future__ import annotations

from typing import NamedTuple


class EntityCode(NamedTuple):
    code: str
    priority: int  # higher = more specific; wins an overlap


ENTITY_CODES: dict[str, EntityCode] = {
    "US_SSN": EntityCode("SM101", 80),
    "PHONE_NUMBER": EntityCode("SM102", 40),
    "EMAIL_ADDRESS": EntityCode("SM103", 95),
    "CASE_NUMBER": EntityCode("SM104", 60),
    "PERSON": EntityCode("SM105", 10),
    "STREET_ADDRESS": EntityCode("SM106", 20),
    "DATE_OF_BIRTH": EntityCode("SM107", 35),
    "AGE": EntityCode("SM107", 30),
    "US_EIN": EntityCode("SM108", 75),
    "US_ITIN": EntityCode("SM108", 85),
    "CREDIT_CARD": EntityCode("SM109", 90),
    "ABA_ROUTING_NUMBER": EntityCode("SM109", 70),
    "US_BANK_NUMBER": EntityCode("SM109", 62),
    "US_DRIVER_LICENSE": EntityCode("SM110", 65),
    "US_PASSPORT": EntityCode("SM110", 65),
    "STATE_ID": EntityCode("SM110", 65),
    "MILITARY_ID": EntityCode("SM110", 65),
    "MEDICAID_ID": EntityCode("SM110", 65),
    "MEDICARE_ID": EntityCode("SM110", 66),
    "CLIENT_SITUATION": EntityCode("SM111", 0),
}

# Entities that describe a clause rather than a value: they never take part in overlap
# resolution with the identifier types.
CLAUSE_ENTITIES = frozenset({"CLIENT_SITUATION"})
