"""Passwords: argon2id hashing with the cost from the config, and the NIST SP 800-63B
checks on a new password (length, not common or breached, not the person's own name or
e-mail; no composition rules)."""

import unicodedata
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from zxcvbn import zxcvbn

from app.core.i18n import lazy_gettext as _l

PASSWORD_MIN = 10
PASSWORD_MAX = 200
# zxcvbn's score: 3 means about 10^8 guesses or more. Its word lists hold the passwords of
# the large public breaches; below 3 a password is on such a list or as easy to guess.
MIN_SCORE = 3
# Words that Dutch breach lists are full of and zxcvbn's (English) lists miss.
# The hash of an account that has no password yet (a resident a coordinator registered):
# argon2 refuses it as a hash, so no password ever matches it.
NO_PASSWORD = "!none"  # noqa: S105 - not a password: a hash no password matches
DUTCH_WORDS = (
    "wachtwoord geheim welkom welkom01 hallo hoi buurt buurtmakers gemeente amersfoort amsterdam rotterdam "
    "utrecht denhaag ajax feyenoord psv voetbal zomer winter lente herfst maandag vrijdag liefde schat "
    "konijn poes hond nederland holland oranje fiets koffie"
).split()


def _hasher() -> PasswordHasher:
    config = current_app.config
    return PasswordHasher(time_cost=config["ARGON2_TIME_COST"], memory_cost=config["ARGON2_MEMORY_COST"])


@cache
def _dummy_hash(time_cost: int, memory_cost: int) -> str:
    return PasswordHasher(time_cost=time_cost, memory_cost=memory_cost).hash("not-a-real-password")


def dummy_hash() -> str:
    """A hash to verify against when there is no account, so that a wrong e-mail address
    costs exactly one hash, as a wrong password does."""
    config = current_app.config
    return _dummy_hash(config["ARGON2_TIME_COST"], config["ARGON2_MEMORY_COST"])


def hash_password(password: str) -> str:
    return _hasher().hash(password)


def verify_password(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher().verify(password_hash or dummy_hash(), password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def weakness(password: str, email: str, name: str):
    """Why this password is too easy to guess (a translatable message), or None."""
    folded = _fold(password)
    local_part = _fold(email).split("@")[0]
    name_parts = [part for part in _fold(name).split() if len(part) >= 3]
    if folded == _fold(email) or (len(local_part) >= 3 and local_part in folded):
        return _l("Gebruik niet uw e-mailadres als wachtwoord.")
    if any(part in folded for part in name_parts) and len(folded) < 2 * PASSWORD_MIN:
        return _l("Gebruik niet uw naam als wachtwoord.")
    if zxcvbn(password[:72], user_inputs=[*DUTCH_WORDS, local_part, *name_parts])["score"] < MIN_SCORE:
        return _l(
            "Dit wachtwoord is te makkelijk te raden: het staat in lijsten die inbrekers gebruiken. "
            "Kies een zin van een paar woorden die niet bij elkaar horen."
        )
    return None
