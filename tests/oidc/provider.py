"""The OpenID provider of the test suite: oidc-provider (npm, tests/oidc/provider.mjs) under
this machine's Node.js, started once per test session. Without Node.js or its packages
(`make test` runs `npm ci` here) the tests that need it skip, except with REQUIRE_OIDC=1 (CI),
where they fail.

The helpers log a person in the way a browser would, without one: the app's redirect to the
provider, the provider's login form, and back to the app's callback with the code."""

import os
import re
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import requests

HERE = Path(__file__).resolve().parent
TIMEOUT = 10


@dataclass
class Provider:
    issuer: str

    def register(self, base_url: str) -> dict:
        """A client for the app served at `base_url` (dynamic client registration): the
        settings the app needs, OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET."""
        answer = requests.post(
            f"{self.issuer}/reg",
            json={
                "redirect_uris": [f"{base_url}/inloggen/organisatie/terug"],
                "post_logout_redirect_uris": [f"{base_url}/"],
            },
            timeout=TIMEOUT,
        )
        answer.raise_for_status()
        client = answer.json()
        return {
            "OIDC_ISSUER": self.issuer,
            "OIDC_CLIENT_ID": client["client_id"],
            "OIDC_CLIENT_SECRET": client["client_secret"],
        }

    def log_in(self, authorization_url: str, account: str) -> str:
        """Follow the app's redirect at the provider, log in as `account` on its form, and
        return the URL the provider sends the browser back to (the app's callback)."""
        browser = requests.Session()
        url, method, data = authorization_url, "GET", None
        for _hop in range(10):
            answer = browser.request(method, url, data=data, allow_redirects=False, timeout=TIMEOUT)
            if answer.status_code in (302, 303):
                url, method, data = requests.compat.urljoin(url, answer.headers["Location"]), "GET", None
                if not url.startswith(self.issuer):
                    return url
            elif answer.status_code == 200 and 'name="account"' in answer.text:
                action = re.search(r'action="([^"]+)"', answer.text).group(1)
                url, method, data = requests.compat.urljoin(url, action), "POST", {"account": account}
            else:
                raise AssertionError(f"provider answered {answer.status_code}: {answer.text[:300]}")
        raise AssertionError("too many redirects at the provider")

    def set_clock(self, offset_seconds: int) -> None:
        requests.post(f"{self.issuer}/test/clock", data={"offset": offset_seconds}, timeout=TIMEOUT).raise_for_status()


def path_of(url: str) -> str:
    """The path and query of an absolute URL of the app, for the Flask test client."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _unavailable(message: str):
    if os.environ.get("REQUIRE_OIDC") == "1":
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="session")
def oidc_provider():
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "oidc-provider").is_dir():
        _unavailable("OpenID provider not available (needs node and `npm ci` in tests/oidc): OIDC tests not run")
    port = _free_port()
    env = os.environ | {"PORT": str(port)}
    process = subprocess.Popen([node, "provider.mjs"], cwd=HERE, env=env, stdout=subprocess.PIPE, text=True)  # noqa: S603
    provider = Provider(f"http://127.0.0.1:{port}")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            requests.get(f"{provider.issuer}/.well-known/openid-configuration", timeout=1).raise_for_status()
            break
        except requests.RequestException:
            if process.poll() is not None:
                _unavailable(f"the OpenID provider stopped at start (exit {process.returncode})")
            time.sleep(0.2)
    else:
        process.terminate()
        _unavailable("the OpenID provider did not answer within 20 seconds")
    yield provider
    process.terminate()
    process.wait(10)
    process.stdout.close()
