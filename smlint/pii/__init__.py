"""PII detection (SM101-SM111): Presidio with smlint's recognizers, run once per post.

``patterns`` says what PII looks like (no Presidio import); ``recognizers`` and ``people``
run those patterns as Presidio recognizers; ``engine`` runs them over a post and resolves
the results (``find_pii``); ``table`` maps each Presidio entity type to its code.
"""
