"""Two independent calendar readers for the app's iCalendar output, besides the icalendar
library that writes it: vobject (Python) and ical.js (Mozilla's, as in Thunderbird, run with
Node.js from tests/calendar). Without Node.js or `npm ci` here the ical.js reads skip,
except in CI (REQUIRE_CALENDAR=1), where they fail."""

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import vobject

HERE = Path(__file__).parent


def with_icaljs(ics: bytes | str) -> dict:
    """{"method": ..., "events": [{uid, sequence, status, summary, url, description, start, end, tzid}]}"""
    node = shutil.which("node")
    if node is None or not (HERE / "node_modules" / "ical.js").is_dir():
        message = "ical.js is not installed: run `npm ci` in tests/calendar (make test does)"
        if os.environ.get("REQUIRE_CALENDAR") == "1":
            pytest.fail(message)
        pytest.skip(message)
    data = ics.encode() if isinstance(ics, str) else ics
    result = subprocess.run(  # noqa: S603 - the machine's node with our own script
        [node, str(HERE / "read.mjs")], input=data, capture_output=True, check=False, timeout=30
    )
    assert result.returncode == 0, result.stderr.decode()
    return json.loads(result.stdout)


def with_vobject(ics: bytes | str) -> list:
    """The VEVENTs as vobject reads them (it raises on a file it cannot parse)."""
    text = ics.decode() if isinstance(ics, bytes) else ics
    calendar = vobject.readOne(text)
    return list(calendar.vevent_list)
