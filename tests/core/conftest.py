"""A real SMTP relay for the outbox tests (aiosmtpd on 127.0.0.1, a free port): STARTTLS,
implicit TLS or plain, with a certificate made for the test run and a login if asked."""

import logging
import socket
import ssl
import subprocess
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

LOGIN = ("buurtmakers", "relay-wachtwoord")
# The relay's own lines (aiosmtpd's deprecation notes) would land among the command's output,
# which the app's logs now share (stdout).
logging.getLogger("mail.log").setLevel(logging.ERROR)


class Inbox:
    """What the relay received. It refuses the addresses in `refuse` as a real server would
    (550), and hangs up at those in `hang_up` (421, as a relay going down for maintenance)."""

    def __init__(self, refuse=(), hang_up=()):
        self.messages: list[EmailMessage] = []
        self.refuse, self.hang_up = set(refuse), set(hang_up)
        self.logins: list[str] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's name
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        if address in self.hang_up:
            return "421 4.3.2 Service shutting down, closing channel"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's name
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        return "250 Message accepted for delivery"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = (auth_data.login.decode(), auth_data.password.decode()) == LOGIN
        if ok:
            self.logins.append(auth_data.login.decode())
        return AuthResult(success=ok)

    @property
    def subjects(self) -> list[str]:
        return [m["Subject"] for m in self.messages]

    @property
    def recipients(self) -> list[str]:
        return [m["To"] for m in self.messages]


@pytest.fixture(scope="session")
def certificate(tmp_path_factory) -> tuple[str, str]:
    """A self-signed certificate for 127.0.0.1, made for this run: (certificate, key)."""
    folder = tmp_path_factory.mktemp("relay-tls")
    cert, key = str(folder / "relay.pem"), str(folder / "relay.key")
    subprocess.run(  # noqa: S603 - fixed arguments
        [  # noqa: S607 - the openssl of the machine
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            key,
            "-out",
            cert,
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def relay(app, monkeypatch, certificate):
    """start(security, login=False, refuse=(), hang_up=(), trust=True) starts a relay and points
    the app's MAIL_* settings at it; returns its Inbox. `trust=False` leaves MAIL_CA_FILE empty."""
    controllers = []

    def start(security: str = "starttls", login: bool = False, refuse=(), hang_up=(), trust: bool = True) -> Inbox:
        inbox = Inbox(refuse, hang_up)
        server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server_tls.load_cert_chain(*certificate)
        options = {}
        if security == "tls":
            options["ssl_context"] = server_tls
        elif security == "starttls":
            options.update(tls_context=server_tls, require_starttls=True)
        if login:
            # aiosmtpd only knows of TLS it started itself (STARTTLS); implicit TLS is TLS too.
            options.update(authenticator=inbox.authenticate, auth_require_tls=security == "starttls")
        controller = Controller(inbox, hostname="127.0.0.1", port=_free_port(), **options)
        controller.start()
        controllers.append(controller)
        settings = {
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": controller.port,
            "MAIL_SECURITY": security,
            "MAIL_CA_FILE": certificate[0] if trust else "",
            "MAIL_USERNAME": LOGIN[0] if login else "",
            "MAIL_PASSWORD": LOGIN[1] if login else "",
            "MAIL_TIMEOUT": 5,
        }
        for name, value in settings.items():
            monkeypatch.setitem(app.config, name, value)
        return inbox

    yield start
    for controller in controllers:
        controller.stop()
