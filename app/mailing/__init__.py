"""Mail people choose: per kind of notification at once, in a daily digest or not at all
(the choices live in core.mail_preferences, which notify() reads), the digest itself, and
the one-click way out of every such mail."""
