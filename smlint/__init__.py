"""smlint: an offline linter for public-sector social media posts."""

__version__ = "0.1.0"
