"""PII detection (SM101-SM111): Presidio with smlint's recognizers, run once per post.

``find_pii(analysis, codes)`` returns resolved spans; ``ENTITY_CODES`` maps each Presidio
entity type to its code.
"""

from smlint.pii.engine import PiiSpan, find_pii, pii_engine
from smlint.pii.table import ENTITY_CODES

__all__ = ["ENTITY_CODES", "PiiSpan", "find_pii", "pii_engine"]
