"""Full-text search on PostgreSQL: a weighted tsvector with a GIN index, ranked by ts_rank
times how rare each query word is.

Folding (core.text.fold), Dutch stemming (Snowball) and synonyms happen here in Python, for
the index and for the query alike. A template stores its documents in four columns, from
heavy to light: its name, its head (name, summary and problems in everyday words), its
body (all other text) and its parts (the tails of the head's long words, so "cafe" finds
"buurtcafe"). The database builds the tsvector from these columns by itself (a stored
generated column, `Template.fts_vector`).
"""

import re
import threading
from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache

import snowballstemmer
import sqlalchemy as sa

from app.core.text import fold
from app.templates_library.models import Template
from app.templates_library.synonyms import MIN_REST, SPLIT_PREFIXES, SYNONYM_GROUPS

# The four documents, heavy to light (weights A to D of the tsvector), and ts_rank's
# weights for them in the order D, C, B, A.
COLUMNS = ("fts_name", "fts_head", "fts_body", "fts_parts")
PG_VECTOR = "template.fts_vector"
PG_WEIGHTS = "{0.05, 0.1, 0.5, 1.0}"
# A query word of this length also finds longer words it starts ("portiek" finds
# "portiekgesprek"); a word part must be this long to be indexed on its own.
MIN_PREFIX = 4
MIN_PART = 3
MIN_PART_HEAD = 3
# A query word this long that is not a known everyday word may be a slip of one.
MIN_TYPO_LENGTH = 6
TYPO_CUTOFF = 0.85
# A resident's own word counts this many times as much as one of its synonyms.
OWN_WEIGHT = 2
# Each facet (a problem, a target group) the query names and the template has adds this
# share to its rank; a template under this share of the best rank is a weak match.
FACET_BONUS = 0.3
WEAK_SHARE = 0.3

_local = threading.local()


def _stemmer():
    # A Snowball stemmer keeps state while it works: one per thread.
    if not hasattr(_local, "stemmer"):
        _local.stemmer = snowballstemmer.stemmer("dutch_porter")
    return _local.stemmer


def words(text: str) -> list[str]:
    """Folded words: letters and digits, as PostgreSQL's tokenizer splits them."""
    return re.findall(r"[^\W_]+", fold(text))


def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text)]


def parts(tokens: list[str]) -> list[str]:
    """The tails of long words: "buurtcafe" gives "rtcafe", "tcafe" and "cafe"."""
    tails = (
        token[start:] for token in dict.fromkeys(tokens) for start in range(MIN_PART_HEAD, len(token) - MIN_PART + 1)
    )
    return list(dict.fromkeys(tails))


def documents(name: str, summary: str, problems: str, text: str) -> dict[str, str]:
    """The four weighted documents of a template, as the values of its `fts_*` columns. The
    words for its problems are shared by every template with that problem, so they go with
    the body: what tells templates apart is their own name and summary."""
    name_stems, summary_stems, problem_stems = stems(name), stems(summary), stems(problems)
    # Parts of the name's, summary's and problems' words only: parts of every word would
    # make long texts so long that the ranking, which favours short texts, would push them down.
    values = (
        name_stems,
        name_stems + summary_stems,
        problem_stems + stems(text),
        parts(name_stems + summary_stems + problem_stems),
    )
    return {column: " ".join(tokens) for column, tokens in zip(COLUMNS, values, strict=True)}


_SYNONYMS: dict[str, frozenset[str]] = {}
for _group in SYNONYM_GROUPS:
    _stems = frozenset(stems(_group))
    for _stem in _stems:
        _SYNONYMS[_stem] = _SYNONYMS.get(_stem, frozenset()) | _stems
# Everyday words residents type, to catch a slip of the keyboard ("eenzaamheit").
_KNOWN_WORDS = sorted({word for group in SYNONYM_GROUPS for word in words(group)})


@dataclass(frozen=True)
class Term:
    """A query word as stems: its own (and the same word written otherwise) and those
    of its synonyms, which count for less."""

    own: tuple[str, ...]
    related: tuple[str, ...]

    @property
    def stems(self) -> tuple[str, ...]:
        return self.own + self.related


@lru_cache(maxsize=4096)  # a pure function of the word: stemming and the typo search cost
def term(word: str) -> Term:
    """The query word, the rest after a leading part that residents also write apart, and
    a known word it looks like; with the synonyms of these."""
    rests = [word[len(prefix) :] for prefix in SPLIT_PREFIXES if word.startswith(prefix)]
    own = {stem(word)} | {stem(rest) for rest in rests if len(rest) >= MIN_REST}
    if len(word) >= MIN_TYPO_LENGTH and word not in _KNOWN_WORDS:
        own |= {stem(known) for known in get_close_matches(word, _KNOWN_WORDS, n=1, cutoff=TYPO_CUTOFF)}
    related = set().union(*(_SYNONYMS.get(s, frozenset()) for s in own)) - own
    return Term(tuple(sorted(own)), tuple(sorted(related)))


def _alternatives(stems: tuple[str, ...]) -> str:
    return " | ".join(f"'{s}'" + (":*" if len(s) >= MIN_PREFIX else "") for s in stems)


def _pg_query(stems: tuple[str, ...]):
    return sa.func.to_tsquery(sa.literal_column("'simple'::regconfig"), _alternatives(stems))


def _pg_rank(terms: list[Term]) -> sa.TextClause:
    """ts_rank per query word (own words weighing more than synonyms), times how rare the
    word is (BM25's idf), as ts_rank itself counts a word found everywhere as much as a
    rare one. SQL text with the queries as parameters: built from SQLAlchemy's expression
    objects on every search, the same ranking cost about a millisecond of CPU."""
    params, parts = {}, []
    # Only constants and numbers go into the text; the words are parameters.
    for n, t in enumerate(terms):
        params |= {f"all_{n}": _alternatives(t.stems), f"own_{n}": _alternatives(t.own)}
        found = f"(SELECT count(*) FROM template WHERE {PG_VECTOR} @@ to_tsquery('simple', :all_{n}))"  # noqa: S608
        idf = f"ln(((SELECT count(*) FROM template) - {found} + 0.5) / CAST({found} + 0.5 AS DOUBLE PRECISION) + 1)"  # noqa: S608
        rank = f"{OWN_WEIGHT} * ts_rank('{PG_WEIGHTS}'::float4[], {PG_VECTOR}, to_tsquery('simple', :own_{n}))"
        if t.related:
            params[f"related_{n}"] = _alternatives(t.related)
            rank += f" + ts_rank('{PG_WEIGHTS}'::float4[], {PG_VECTOR}, to_tsquery('simple', :related_{n}))"
        parts.append(f"{idf} * ({rank})")
    return sa.text(f"({' + '.join(parts)})").bindparams(**params)


def ranked(query: sa.Select, terms: list[Term], tiebreak, fit=None) -> sa.Select:
    """`query` (over Template) narrowed to templates with any of the terms, best first: a
    template matching more of them, rarer ones, the resident's own words, or in a heavier
    column, ranks higher, and more so for each facet the words name that it has (`fit`, a
    count per template: "eenzame ouderen" names a problem and a target group). Templates
    under WEAK_SHARE of the best rank are left out, unless they have a facet the words
    name: a two-word question gets the methods that fit, not every one that mentions a
    word. Equal ranks follow `tiebreak`."""
    matches = Template.fts_vector.op("@@")(_pg_query(tuple(s for t in terms for s in t.stems)))
    rank = sa.type_coerce(_pg_rank(terms), sa.Float)
    fit = fit if fit is not None else sa.literal(0)
    scored = (
        query.where(matches)
        .with_only_columns(Template.id.label("id"), (rank * (1 + FACET_BONUS * fit)).label("rank"), fit.label("fit"))
        .cte("scored")
    )
    best = sa.select(sa.func.max(scored.c.rank)).scalar_subquery()
    return (
        query.join(scored, scored.c.id == Template.id)
        # A method for a problem or group the words name is never a weak match.
        .where(sa.or_(scored.c.rank >= WEAK_SHARE * best, scored.c.fit >= 1))
        .order_by(scored.c.rank.desc(), *tiebreak)
    )
