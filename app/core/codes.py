"""Short codes that people read aloud or type over from a phone or paper: six characters
from an alphabet without look-alikes (no 0/O, 1/I/L, 2/Z, 5/S, 8/B), so what is typed is
what was shown. 25**6 (about 244 million) codes, unique within what they belong to."""

import secrets

ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 6


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def typed(text: str) -> str:
    """A code as someone typed it: capitals, no spaces or dashes ("k7m-4qx" is "K7M4QX")."""
    return "".join(c for c in text.upper() if c.isalnum())


def shown(code: str) -> str:
    """In two groups of three, easier to read aloud."""
    return f"{code[:3]} {code[3:]}"
