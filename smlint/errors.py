"""The base of every error a user can cause (bad config, pack, option, input)."""


class UserError(ValueError):
    """Reported as one line on stderr with exit status 2, never as a traceback."""
