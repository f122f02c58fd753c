"""Configuration classes; `create_app()` picks one by name or from FLASK_ENV-like settings."""

import os
import tempfile
from datetime import timedelta
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
# This code's version. A deploy sets RELEASE (e.g. to its commit) when it does not raise this.
VERSION = "2026.12.0"


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    # PostgreSQL (app/core/database.py); without DATABASE_URL only development runs, on an
    # embedded server in EMBEDDED_POSTGRES_DIR.
    SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "")
    EMBEDDED_POSTGRES_DIR = ""
    # Connections are renewed before a server or proxy's idle timeout can drop them. Not
    # pool_pre_ping: that costs a round trip on every checkout, i.e. on every request.
    # hide_parameters: an error (and so a log line or a Sentry event) never quotes the values
    # of a statement, which may be a name, an address or a password's hash.
    # A statement a connection runs often is prepared (by psycopg, after five runs), so that
    # PostgreSQL plans it once. PgBouncer in transaction mode keeps prepared statements only
    # from version 1.21 with max_prepared_statements set; DATABASE_PREPARED_STATEMENTS=0 is
    # for an older one.
    SQLALCHEMY_ENGINE_OPTIONS = {
        "pool_recycle": int(os.environ.get("DATABASE_POOL_RECYCLE", "300")),
        "hide_parameters": True,
        "connect_args": {}
        if os.environ.get("DATABASE_PREPARED_STATEMENTS", "1") == "1"
        else {"prepare_threshold": None},
    }
    BABEL_DEFAULT_LOCALE = "nl"
    BABEL_DEFAULT_TIMEZONE = "Europe/Amsterdam"
    LANGUAGES = ("nl", "en")
    # Rate limits: a shared store (Redis) when several processes serve.
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    RATELIMIT_KEY_PREFIX = os.environ.get("RATELIMIT_KEY_PREFIX", "buurtmakers")
    # Public pages for anonymous visitors (app/core/cache.py). Several processes must share
    # one store, or one process would keep serving a page another one's edit changed: without
    # Redis, production caches nothing; development and tests (one process) keep it in memory.
    CACHE_REDIS_URL = os.environ.get("CACHE_REDIS_URL", "")
    CACHE_TYPE = "RedisCache" if CACHE_REDIS_URL else "NullCache"
    CACHE_NO_NULL_WARNING = True
    CACHE_KEY_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "buurtmakers:cache:")
    # A slow or unreachable Redis costs a request at most this long, then it is left alone
    # for CACHE_RETRY_SECONDS: pages are served uncached and writes go on (core.cache).
    CACHE_OPTIONS = {"socket_connect_timeout": 0.5, "socket_timeout": 0.5} if CACHE_REDIS_URL else {}
    CACHE_RETRY_SECONDS = float(os.environ.get("CACHE_RETRY_SECONDS", "5"))
    # In every cached page's key and ETag: a deploy never serves a page of the code before it.
    RELEASE = os.environ.get("RELEASE", VERSION)
    # An edit changes a page's key at once; the timeout only bounds what time itself changes
    # (an activity that is no longer upcoming).
    CACHE_DEFAULT_TIMEOUT = 300
    # Registrations and reset requests per client address.
    LOGIN_RATE_LIMIT = "10 per 5 minutes"
    # Failed passwords (login, password change, erasure; core/throttle.py): per client address,
    # and per account from all addresses together. The second is ten times the first, so that
    # one address's failures never lock the owner out elsewhere (it takes several addresses at
    # once), while a distributed guesser still gets at most 100 tries a quarter of an hour.
    FAILED_LOGIN_LIMIT = "10 per 5 minutes"
    FAILED_LOGIN_ACCOUNT_LIMIT = "100 per 15 minutes"
    # Registrations, reset requests and visitors' sign-ups (each page its own count) per
    # mailbox of the e-mail address typed, from any client address: a flood of mails to one
    # person's inbox stops here (known and unknown addresses alike).
    MAILS_PER_ADDRESS_LIMIT = "5 per hour"
    # Visitors' sign-ups for activities, per client address: no mass sign-ups.
    SIGNUP_RATE_LIMIT = "10 per hour"
    # Every absolute link that leaves the app (mail, feeds, API) starts with this, never with
    # the request's Host header, which an attacker chooses.
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL", "http://127.0.0.1:5000")
    # A request body larger than this is refused (413) before it is read.
    MAX_CONTENT_LENGTH = int(os.environ.get("MAX_CONTENT_LENGTH", str(1024 * 1024)))
    # Photos of activities: larger than other requests (only their upload route takes this
    # much), stored outside static/ and served through a view that checks who may see them.
    PHOTO_MAX_BYTES = int(os.environ.get("PHOTO_MAX_BYTES", str(5 * 1024 * 1024)))
    # Receipts of a voucher's accountability (PDF, JPEG or PNG); only their upload route takes this much.
    RECEIPT_MAX_BYTES = int(os.environ.get("RECEIPT_MAX_BYTES", str(5 * 1024 * 1024)))
    # Pixels of a photo or photographed receipt, read from the file's header before anything
    # is decoded: a phone's photo is 12 to 24 megapixels (a recent iPhone's 5712 x 4284), and
    # a small file can declare far more, each costing worker time to decode and re-encode.
    PHOTO_MAX_PIXELS = int(os.environ.get("PHOTO_MAX_PIXELS", "25000000"))
    # Uploads (photos and receipts together) per person: each one costs up to a second of a
    # worker's time, and a team adds a few dozen after an activity at most.
    UPLOAD_LIMIT = "40 per hour"
    UPLOAD_FOLDER = os.environ.get("UPLOAD_FOLDER", str(BASE_DIR / "instance" / "uploads"))
    PERMANENT_SESSION_LIFETIME = timedelta(days=14)
    SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", "120"))
    REMEMBER_COOKIE_DURATION = timedelta(days=30)
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    MAIL_SENDER = os.environ.get("MAIL_SENDER", "Buurtmakers <noreply@buurtmakers.nl>")
    MAIL_SERVER = os.environ.get("MAIL_SERVER", "")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "587"))
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME", "")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")
    # How to reach the relay: "starttls" (port 587), "tls" (implicit TLS, port 465) or "none"
    # (a plain relay inside the municipality's network). Certificates are always checked;
    # MAIL_CA_FILE adds the CA of a relay whose certificate an internal CA signed.
    MAIL_SECURITY = os.environ.get("MAIL_SECURITY", "starttls")
    MAIL_CA_FILE = os.environ.get("MAIL_CA_FILE", "")
    MAIL_TIMEOUT = int(os.environ.get("MAIL_TIMEOUT", "30"))
    # A mail that fails is tried again after 5, 10, 20 ... minutes (at most a day apart), and
    # given up after this many tries; `flask outbox failed` lists it.
    OUTBOX_MAX_TRIES = int(os.environ.get("OUTBOX_MAX_TRIES", "8"))
    OUTBOX_RETRY_MINUTES = int(os.environ.get("OUTBOX_RETRY_MINUTES", "5"))
    MAIL_PRINT = False
    # Trying the demo: the mails on a page (/uitproberen/mails) instead of sent; never in production.
    MAIL_PREVIEW = False
    PASSWORD_RESET_MAX_AGE = 3600
    ARGON2_TIME_COST = 3
    ARGON2_MEMORY_COST = 65536
    INVITATION_DAYS = 14
    TEAM_DORMANT_AFTER_DAYS = int(os.environ.get("TEAM_DORMANT_AFTER_DAYS", "180"))
    PAGE_SIZE = 20
    # The coordinator's dashboard: after how many days a situation becomes a signal.
    SIGNAL_HEADING_DORMANT_DAYS = int(os.environ.get("SIGNAL_HEADING_DORMANT_DAYS", "120"))
    SIGNAL_DECISION_PENDING_DAYS = int(os.environ.get("SIGNAL_DECISION_PENDING_DAYS", "21"))
    SIGNAL_QUESTION_UNANSWERED_DAYS = int(os.environ.get("SIGNAL_QUESTION_UNANSWERED_DAYS", "3"))
    SIGNAL_NO_CONTACT_DAYS = int(os.environ.get("SIGNAL_NO_CONTACT_DAYS", "14"))
    # Retention (privacy.retention, `flask privacy purge` daily); the privacy page names each period.
    # A visitor's sign-up nobody confirmed with the link from the mail.
    RETENTION_UNCONFIRMED_SIGNUP_HOURS = int(os.environ.get("RETENTION_UNCONFIRMED_SIGNUP_HOURS", "48"))
    # An address for the neighbourhood letter whose confirmation link nobody followed.
    RETENTION_UNCONFIRMED_LETTER_HOURS = int(os.environ.get("RETENTION_UNCONFIRMED_LETTER_HOURS", "48"))
    # A visitor's sign-up, counted from the day of the activity.
    RETENTION_VISITOR_SIGNUP_DAYS = int(os.environ.get("RETENTION_VISITOR_SIGNUP_DAYS", "30"))
    # A sent mail (recipient, subject and text), counted from sending.
    RETENTION_SENT_MAIL_DAYS = int(os.environ.get("RETENTION_SENT_MAIL_DAYS", "30"))
    # An account never activated; the activation link works as long.
    RETENTION_UNACTIVATED_ACCOUNT_DAYS = int(os.environ.get("RETENTION_UNACTIVATED_ACCOUNT_DAYS", "7"))
    # An account not used for this long gets a warning; still unused this many days later, it is erased.
    RETENTION_INACTIVE_ACCOUNT_MONTHS = int(os.environ.get("RETENTION_INACTIVE_ACCOUNT_MONTHS", "24"))
    RETENTION_INACTIVE_WARNING_DAYS = int(os.environ.get("RETENTION_INACTIVE_WARNING_DAYS", "30"))
    # Audit entries lose who did it and the personal details.
    RETENTION_AUDIT_MONTHS = int(os.environ.get("RETENTION_AUDIT_MONTHS", "24"))
    # Financial records (fiscal retention): the people in them are anonymised after the fund year plus this.
    RETENTION_FINANCIAL_YEARS = int(os.environ.get("RETENTION_FINANCIAL_YEARS", "7"))
    # Who residents contact for help, privacy and accessibility (contact page, footer pages).
    MUNICIPALITY_NAME = os.environ.get("MUNICIPALITY_NAME", "Gemeente Voorbeeldstad")
    HELPDESK_EMAIL = os.environ.get("HELPDESK_EMAIL", "helpdesk@buurtmakers.example")
    HELPDESK_PHONE = os.environ.get("HELPDESK_PHONE", "14 033")
    # Proxies in front of the app (e.g. 1 for nginx): then X-Forwarded-For gives the client's
    # address, which rate limiting needs, and X-Forwarded-Proto the https scheme.
    TRUSTED_PROXIES = int(os.environ.get("TRUSTED_PROXIES", "0"))
    # Operations (issue 25). Logs: JSON lines on stdout in production, readable text elsewhere.
    LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
    # /metrics answers only with this bearer token; without it, /metrics is off (404).
    METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
    # Errors to Sentry (or a Sentry-compatible service such as GlitchTip) when set.
    SENTRY_DSN = os.environ.get("SENTRY_DSN", "")
    # Where uploads live: "disk" (UPLOAD_FOLDER) or "s3" (an S3-compatible bucket).
    UPLOAD_STORAGE = os.environ.get("UPLOAD_STORAGE", "disk")
    S3_ENDPOINT_URL = os.environ.get("S3_ENDPOINT_URL", "")
    S3_BUCKET = os.environ.get("S3_BUCKET", "")
    S3_REGION = os.environ.get("S3_REGION", "eu-west-1")
    S3_ACCESS_KEY_ID = os.environ.get("S3_ACCESS_KEY_ID", "")
    S3_SECRET_ACCESS_KEY = os.environ.get("S3_SECRET_ACCESS_KEY", "")
    # /.well-known/security.txt (RFC 9116): where to report a vulnerability, and until when that holds.
    SECURITY_CONTACT = os.environ.get("SECURITY_CONTACT", "mailto:security@buurtmakers.example")
    SECURITY_TXT_EXPIRES = os.environ.get("SECURITY_TXT_EXPIRES", "2027-12-31T23:00:00Z")
    # Staff login (issue 26). The organisation's account over OpenID Connect (accounts.oidc):
    # the provider is found through its discovery document at OIDC_ISSUER; without an issuer
    # the button is not shown. OIDC_REQUIRED_FOR_STAFF refuses coordinators' and admins'
    # password logins, so they use the organisation's account (and its MFA).
    OIDC_ISSUER = os.environ.get("OIDC_ISSUER", "").rstrip("/")
    OIDC_CLIENT_ID = os.environ.get("OIDC_CLIENT_ID", "")
    OIDC_CLIENT_SECRET = os.environ.get("OIDC_CLIENT_SECRET", "")
    OIDC_REQUIRED_FOR_STAFF = os.environ.get("OIDC_REQUIRED_FOR_STAFF", "0") == "1"
    # A code from an authenticator app after the password (accounts.totp): asked of everyone
    # who set it up, and with this setting of every coordinator and admin (on in production).
    TOTP_REQUIRED_FOR_STAFF = os.environ.get("TOTP_REQUIRED_FOR_STAFF", "0") == "1"
    # Wrong codes per account from all addresses together (the per-address limit is
    # FAILED_LOGIN_LIMIT): a code has a million values, so far fewer guesses than a password.
    FAILED_CODE_ACCOUNT_LIMIT = os.environ.get("FAILED_CODE_ACCOUNT_LIMIT", "20 per hour")
    HSTS = False
    DEBUG = False
    TESTING = False


class DevelopmentConfig(Config):
    EMBEDDED_POSTGRES_DIR = str(BASE_DIR / "instance" / "pgdata")
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    CACHE_TYPE = "RedisCache" if Config.CACHE_REDIS_URL else "SimpleCache"
    DEBUG = True
    MAIL_PRINT = True
    MAIL_PREVIEW = True


class TestConfig(Config):
    TESTING = True
    SECRET_KEY = "test-secret"  # noqa: S105 - fixed key for reproducible tests
    # The suite gives every app its own database (tests/databases.py).
    SQLALCHEMY_DATABASE_URI = os.environ.get("TEST_DATABASE_URL", "")
    WTF_CSRF_ENABLED = True
    RATELIMIT_STORAGE_URI = "memory://"
    CACHE_TYPE = "SimpleCache"
    PUBLIC_BASE_URL = "https://buurtmakers.test"
    UPLOAD_FOLDER = str(Path(tempfile.gettempdir()) / "buurtmakers-test-uploads")
    # argon2 at full cost makes every login in the suite slow; tests check behaviour, not cost.
    ARGON2_TIME_COST = 1
    ARGON2_MEMORY_COST = 256


class ProductionConfig(Config):
    PUBLIC_BASE_URL = os.environ.get("PUBLIC_BASE_URL")
    HSTS = True
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
    TOTP_REQUIRED_FOR_STAFF = os.environ.get("TOTP_REQUIRED_FOR_STAFF", "1") == "1"

    @classmethod
    def check(cls, app) -> None:
        if not app.config.get("SECRET_KEY"):
            raise RuntimeError("SECRET_KEY must be set in production")
        if app.debug:
            raise RuntimeError("debug must be off in production")
        if not (app.config.get("PUBLIC_BASE_URL") or "").startswith(("https://", "http://")):
            raise RuntimeError("PUBLIC_BASE_URL (e.g. https://buurtmakers.amersfoort.nl) must be set in production")
        if app.config["OIDC_REQUIRED_FOR_STAFF"] and not app.config["OIDC_ISSUER"]:
            raise RuntimeError("OIDC_REQUIRED_FOR_STAFF needs OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET")
        from app.core.mail import SECURITY_MODES

        if app.config.get("MAIL_SECURITY") not in SECURITY_MODES:
            raise RuntimeError(f"MAIL_SECURITY must be one of {', '.join(SECURITY_MODES)}")


CONFIGS = {
    "development": DevelopmentConfig,
    "test": TestConfig,
    "production": ProductionConfig,
}
