"""The seed templates are written for residents at Dutch language level B1.

Measured with the Flesch-Douma reading ease for Dutch (textstat, language "nl") over every
text of a template except its sources and links: the fields are joined into one text, each
ending with a period. Higher is easier; the bar is a median of at least 60 over all templates
and no template below 45. Every template also gives a team 3 to 8 concrete steps.

Print the figures per template with `python -m tests.templates_library.test_readability`.
"""

import functools
import statistics
from typing import Any

import pytest
import textstat

from app.templates_library.content import TEXT_FIELDS
from app.templates_library.seeding import load_seeds

# No database needed (the autouse transaction fixture is skipped).
pytestmark = pytest.mark.no_db_transaction

MEDIAN_AT_LEAST = 60
EACH_AT_LEAST = 45
STEPS = range(3, 9)


def texts_of(content: dict[str, Any]) -> list[str]:
    """Every text a reader sees on a template, except sources and links."""
    texts = [content[name] for name in TEXT_FIELDS]
    texts += [group.get("label") or "" for group in content["target_groups"]]
    texts += content["working_elements"]
    texts += [text for step in content["steps"] for text in (step.get("title"), step.get("description"))]
    return [text.strip() for text in texts if text and text.strip()]


def as_one_text(content: dict[str, Any]) -> str:
    return " ".join(text if text.endswith((".", "!", "?")) else f"{text}." for text in texts_of(content))


@functools.cache
def seeds() -> dict[str, dict[str, Any]]:
    """The seed files as `flask seed templates` reads them (checked and normalised)."""
    return load_seeds()


@functools.cache
def reading_ease() -> dict[str, float]:
    textstat.set_lang("nl")
    return {slug: textstat.flesch_reading_ease(as_one_text(content)) for slug, content in seeds().items()}


def test_the_templates_are_easy_to_read():
    scores = reading_ease()
    assert statistics.median(scores.values()) >= MEDIAN_AT_LEAST
    assert {slug: round(score) for slug, score in scores.items() if score < EACH_AT_LEAST} == {}


def test_every_template_has_three_to_eight_steps():
    counts = {slug: len(content["steps"]) for slug, content in seeds().items()}
    assert {slug: count for slug, count in counts.items() if count not in STEPS} == {}


if __name__ == "__main__":
    scores = reading_ease()
    for slug, score in sorted(scores.items(), key=lambda item: item[1]):
        print(f"{score:6.1f}  {len(seeds()[slug]['steps'])} steps  {slug}")
    median, minimum = statistics.median(scores.values()), min(scores.values())
    print(f"median {median:.1f}, minimum {minimum:.1f} ({len(scores)} templates)")
