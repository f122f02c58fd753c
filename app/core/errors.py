"""Domain errors that services raise and views turn into messages."""


class DomainError(Exception):
    """Base for refusals; `message` is user-facing and already translated (lazy)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class NotAllowed(DomainError):
    """The acting user may not do this."""


class RuleViolated(DomainError):
    """The action breaks a business rule; the message says which."""


class UnknownAction(LookupError):
    """A permission was asked for an action that no feature registered (deny loudly)."""
