"""The built-in checks, one module a family, listed explicitly (no import-time registry)."""

from __future__ import annotations

from smlint.checks.base import Check


def builtin_checks() -> tuple[Check, ...]:
    """Every built-in check, in the order they run."""
    from smlint.checks import (
        confidentiality,
        identity,
        language,
        links,
        pii,
        platform,
        politics,
        suppression,
    )

    return (
        platform.CHECK,
        identity.CHECK,
        links.CHECK,
        pii.CHECK,
        language.CHECK,
        politics.CHECK,
        confidentiality.CHECK,
        suppression.CHECK,
    )
