"""Full-text search on the database's own engine: FTS5 with BM25 on SQLite, a tsvector with
a GIN index and ts_rank on PostgreSQL.

Folding (core.text.fold), Dutch stemming (Snowball) and synonyms happen here in Python, for
the index and for the query alike, so both databases index the same words and a query
finds the same templates on both. A template stores its documents in four columns, from
heavy to light: its name, its head (name, summary and problems in everyday words), its
body (all other text) and its parts (the tails of the head's long words, so "cafe" finds
"buurtcafe"). The database index is built from these columns and follows them by itself:
triggers on SQLite, an expression index on PostgreSQL (see the migration
template_full_text_search).
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

# The FTS5 table and its shadow tables on SQLite, and the GIN index on PostgreSQL: made by
# the migration, not in the models' metadata (migrations/env.py leaves them out).
# Two FTS5 tables: the whole text finds templates; name, summary and word parts alone rank
# them, as BM25 divides by the length of the whole row and a method described at length
# would otherwise sink below one described in two lines.
FTS_TABLE, HEAD_TABLE = "template_fts", "template_fts_head"
FTS_TABLES = frozenset(
    name
    for table in (FTS_TABLE, HEAD_TABLE)
    for name in (table, *(f"{table}_{shadow}" for shadow in ("data", "idx", "docsize", "config")))
)
PG_INDEX = "ix_template_fts"
# Columns of the FTS5 table, and their BM25 weights: a word in the name counts most. BM25
# saturates a word's weighted count towards a maximum, so weights above 1 hardly differ.
COLUMNS = ("fts_name", "fts_head", "fts_body", "fts_parts")
BM25_WEIGHTS = (1.0, 0.5, 0.1, 0.05)
HEAD_BM25_WEIGHTS = (1.0, 0.5, 0.05)
WHOLE_TEXT_SHARE = 0.6
# The same document on PostgreSQL: a stored generated column made by the migration (not in
# the models), with a GIN index. ts_rank's weights, in the order D, C, B, A.
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

_local = threading.local()


def is_index_object(name: str | None, type_: str) -> bool:
    """Whether a database object belongs to the full-text index made by the migration."""
    return (
        (type_ == "table" and name in FTS_TABLES)
        or (type_ == "index" and name == PG_INDEX)
        or (type_ == "column" and name == "fts_vector")
    )


def _stemmer():
    # A Snowball stemmer keeps state while it works: one per thread.
    if not hasattr(_local, "stemmer"):
        _local.stemmer = snowballstemmer.stemmer("dutch_porter")
    return _local.stemmer


def words(text: str) -> list[str]:
    """Folded words: letters and digits, as FTS5's and PostgreSQL's tokenizers split them."""
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
    # make long texts so long that BM25, which favours short texts, would push them down.
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


def _fts5_query(terms: list[Term]) -> str:
    # BM25 adds up every phrase of the query, so a phrase given twice counts twice: that is
    # how the resident's own words weigh more than their synonyms. Stems hold letters and
    # digits only, so quoting them is enough.
    stems = [s for t in terms for s in t.own * OWN_WEIGHT + t.related]
    return " OR ".join(f'"{s}"' + ("*" if len(s) >= MIN_PREFIX else "") for s in stems)


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


def ranked(query: sa.Select, terms: list[Term], dialect: str, tiebreak) -> sa.Select:
    """`query` (over Template) narrowed to templates with any of the terms, best first: a
    template matching more of them, rarer ones, the resident's own words, or in a heavier
    column, ranks higher; equal ranks follow `tiebreak`."""
    if dialect == "postgresql":
        matches = sa.literal_column(PG_VECTOR).op("@@")(_pg_query(tuple(s for t in terms for s in t.stems)))
        return query.where(matches).order_by(sa.desc(_pg_rank(terms)), *tiebreak)
    match = _fts5_query(terms)

    def bm25_of(table: str, weights: tuple[float, ...], name: str):
        # A materialised CTE: SQLite runs each MATCH once. Joined directly, the virtual table
        # would be asked once per template row when the page's rows are counted.
        fts = sa.literal_column(table)
        return (
            sa.select(sa.literal_column(f"{table}.rowid").label("id"), sa.func.bm25(fts, *weights).label("rank"))
            .select_from(sa.table(table))
            .where(fts.op("MATCH")(match))
            .cte(name)
            .prefix_with("MATERIALIZED")
        )

    whole, head = bm25_of(FTS_TABLE, BM25_WEIGHTS, "whole"), bm25_of(HEAD_TABLE, HEAD_BM25_WEIGHTS, "head")
    return (
        query.join(whole, whole.c.id == Template.id)
        .outerjoin(head, head.c.id == Template.id)
        # bm25() is negative, lower is better: the name-and-summary rank plus a share of the
        # whole text's rank (the share tuned on the resident questions in test_search.py).
        .order_by(sa.func.coalesce(head.c.rank, 0) + WHOLE_TEXT_SHARE * whole.c.rank, *tiebreak)
    )
