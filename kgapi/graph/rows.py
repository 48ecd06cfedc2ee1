"""Pure mapping from an `Extraction` to the parameter rows the writer sends to Neo4j.

No database here: everything is plain dicts of Neo4j-compatible values (str, int, lists of
str, `datetime`, `date`, None), so the mapping is unit-testable and the writer only ever
passes values as parameters.

Identity rules enforced here (see schema/README.md):

- the article id is the extraction's, else derived from its URL or text (`article_id`);
- a claim's id is derived from its article and span (`claim_id`), whatever id the
  extraction gave its statement, so claims of two articles can never collide;
- anonymous and group sources are scoped to their article: an id that is not (e.g. from
  an external pipeline) is re-derived with `entity_id(..., article=...)`;
- named entities keep their global id, so articles meet on them.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from kgapi.graph.statement_identity import Report
from kgapi.model import (
    ACTOR_TYPES,
    ARTICLE_SCOPED,
    Entity,
    Extraction,
    article_id,
    claim_id,
    entity_id,
)
from kgapi.vocabulary import LABEL_OF_KIND, EntityKind, EntityLabel

logger = logging.getLogger(__name__)

# Bump when the mapping changes what lands in the graph: it is part of the extraction
# hash, so re-loading after an upgrade replaces articles instead of calling them unchanged.
ROWS_VERSION = "4"  # 2: Claim.day; 3: date_precision, date_basis; 4: one claim, many reports

#: The only node labels the writer ever puts on entities (an allow-list: labels cannot be
#: parameters in Cypher, so they are chosen from here, never from input text).
ENTITY_LABELS: tuple[str, ...] = tuple(label.value for label in EntityLabel)


#: Property names of article and claim nodes. The write statements spell them out (`SET
#: a.url = row.url, ...`, `CREATE (c:Claim {id: row.id, ...})`) rather than `SET a += row`:
#: a map of unknown keys may touch the properties the statement matches on, which forces
#: an `Eager` (materialise every row) into the plan.
ARTICLE_PROPERTIES: tuple[str, ...] = (
    "url",
    "title",
    "source",
    "author",
    "published_at",
    "text",
    "sha256",
    "extraction_hash",
)
CLAIM_PROPERTIES: tuple[str, ...] = (
    "id",
    "text",
    "kind",
    "verb",
    "sentence",
    "start",
    "end",
    "stated_on",
    "date_precision",
    "date_basis",
    "day",
    "report_count",
    "first_reported",
)

#: The claim's dates, which one more report can change (the writer rewrites them together).
CLAIM_DATE_PROPERTIES: tuple[str, ...] = (
    "stated_on",
    "date_precision",
    "date_basis",
    "day",
    "first_reported",
)

#: Write-statement properties that travel as ISO-8601 strings, with the Cypher function
#: that turns each back into its temporal type (`write_queries` applies it). The driver
#: converts `date`/`datetime` parameters value by value in pure Python, which cost the
#: loader more than packing all the rest of its parameters; `date()`/`datetime()` in
#: Neo4j parse the strings for almost nothing.
TEMPORAL_PROPERTIES: dict[str, str] = {
    "published_at": "datetime",
    "stated_on": "date",
    "day": "date",
    "first_reported": "datetime",
}


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()


#: `Claim.day` when neither the claim nor its article has a date: the earliest date, so
#: undated claims sort last (newest first) and every claim has a day to order and page by.
UNKNOWN_DAY = date(1, 1, 1)

Row = dict[str, Any]


class RowsError(ValueError):
    """The extraction cannot be mapped to the graph (e.g. no way to identify the article)."""


@dataclass
class ArticleRows:
    """Every parameter row one article contributes to the graph."""

    article_id: str
    sha256: str | None
    extraction_hash: str
    article: Row
    entities: dict[str, list[Row]] = field(default_factory=dict)  # label → rows
    claims: list[Row] = field(default_factory=list)
    stated: list[Row] = field(default_factory=list)
    about: list[Row] = field(default_factory=list)
    reported_in: list[Row] = field(default_factory=list)
    mentions: list[Row] = field(default_factory=list)
    affiliated_with: list[Row] = field(default_factory=list)
    _reports: list[Report] | None = field(default=None, repr=False)

    def article_row(self) -> Row:
        """The article row for the writer's article statement: the node's properties plus
        its MENTIONS edges, written in the same pass (one article lookup, not one per
        mention). `published_at` travels as an ISO string (see `_iso`)."""
        return {
            **self.article,
            "published_at": _iso(self.article["published_at"]),
            "mentions": self.mentions,
        }

    def reports(self) -> list[Report]:
        """This article's statements as reports (`statement_identity.Report`): what its
        REPORTED_IN edges will hold, and what `claim_merge` groups into claims. Made once,
        index keys included (the writer makes them ahead, in its mapping thread)."""
        if self._reports is None:
            self._reports = self._make_reports()
            for report in self._reports:
                if not report.scoped:  # an anonymous or group source's are never stored
                    _ = report.index
        return self._reports

    def _make_reports(self) -> list[Report]:
        about: dict[str, list[tuple[str, str]]] = {}
        for row in self.about:
            about.setdefault(row["claim_id"], []).append((row["entity_id"], row["basis"]))
        return [
            Report(
                id=claim["id"],
                article_id=self.article_id,
                speaker_id=stated["speaker_id"],
                text=claim["text"],
                kind=claim["kind"],
                verb=claim["verb"],
                sentence=claim["sentence"],
                start=claim["start"],
                end=claim["end"],
                stated_on=claim["stated_on"],
                date_precision=claim["date_precision"],
                date_basis=claim["date_basis"],
                published_at=self.article["published_at"],
                about=tuple(about.get(claim["id"], ())),
            )
            for claim, stated in zip(self.claims, self.stated, strict=True)
        ]

    @property
    def entity_count(self) -> int:
        """Distinct entities of this article (including affiliation organizations)."""
        return sum(len(rows) for rows in self.entities.values())

    @property
    def claim_count(self) -> int:
        return len(self.claims)

    @property
    def relationship_count(self) -> int:
        return (
            len(self.stated)
            + len(self.about)
            + len(self.reported_in)
            + len(self.mentions)
            + len(self.affiliated_with)
        )


def extraction_hash(extraction: Extraction) -> str:
    """Hash of everything of the extraction that reaches the graph (warnings do not)."""
    payload = extraction.model_dump_json(exclude={"warnings"})
    return hashlib.sha256(f"{ROWS_VERSION}\0{payload}".encode()).hexdigest()


def text_sha256(text: str | None) -> str | None:
    """sha256 of the article text, as `Article.sha256` computes it; None without text."""
    return hashlib.sha256(text.encode()).hexdigest() if text is not None else None


def _utc(value: datetime | None) -> datetime | None:
    # One type in the graph (zoned DATETIME), so range filters and the index see every
    # article: a naive timestamp is taken to be UTC.
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def claim_day(stated_on: date | None, published_at: datetime | None) -> date:
    """The day a claim is ordered and filtered by: its own date, else its article's
    publication day (in the timestamp's own zone, as Cypher's `date(datetime)`), else
    `UNKNOWN_DAY`. Stored as `Claim.day` so the newest-first list can walk an index."""
    if stated_on is not None:
        return stated_on
    if published_at is not None:
        return published_at.date()
    return UNKNOWN_DAY


def _unique(values: list[str]) -> list[str]:
    """Order-preserving de-duplication, dropping blanks."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        if value and value.strip() and value not in seen:
            seen.add(value)
            out.append(value)
    return out


def resolve_article_id(extraction: Extraction) -> str:
    """The article's id: as given, else from its URL, else from its text."""
    meta = extraction.article
    if meta.id.strip():
        return meta.id.strip()
    if (meta.url and meta.url.strip()) or meta.text:
        return article_id(url=meta.url, text=meta.text or "")
    raise RowsError("article has no id, no url and no text: cannot identify it")


def _scoped_id(entity: Entity, article: str) -> str:
    """Anonymous and group ids must be scoped to their article; re-derive them when not."""
    if entity.type not in ARTICLE_SCOPED:
        if entity.id.startswith(tuple(f"{kind}:" for kind in ARTICLE_SCOPED)):
            # Such ids are an article's own sources: a claim by one is looked for in that
            # article only (`statement_identity`, "article-scoped").
            raise RowsError(f"{entity.type} {entity.id} has the id of an article-scoped source")
        return entity.id
    scope = f"{entity.type}:{article.removeprefix('article:')}:"
    if entity.id.startswith(scope):
        return entity.id
    return entity_id(entity.type, entity.name, article=article)


def article_rows(extraction: Extraction) -> ArticleRows:
    """Map one extraction to its parameter rows.

    Raises `RowsError` when the extraction cannot be identified or is inconsistent.
    """
    meta = extraction.article
    aid = resolve_article_id(extraction)
    sha = text_sha256(meta.text)
    digest = extraction_hash(extraction)
    rows = ArticleRows(
        article_id=aid,
        sha256=sha,
        extraction_hash=digest,
        article={
            "id": aid,
            "url": meta.url,
            "title": meta.title,
            "source": meta.source,
            "author": meta.author,
            "published_at": _utc(meta.published_at),
            "text": meta.text,
            "sha256": sha,
            "extraction_hash": digest,
        },
    )

    # --- entities: one row per id (an extraction may repeat an entity) --------------
    id_map: dict[str, str] = {}  # extraction id → graph id
    by_id: dict[str, Row] = {}
    label_of: dict[str, str] = {}
    for entity in extraction.entities:
        gid = _scoped_id(entity, aid)
        id_map[entity.id] = gid
        label = LABEL_OF_KIND[entity.type]
        if gid in by_id:
            if label_of[gid] != label:
                raise RowsError(f"entity {gid} is given two types ({label_of[gid]}, {label})")
            row = by_id[gid]
            row["aliases"] = _unique([*row["aliases"], *entity.aliases])
            row["role"] = row["role"] or entity.role
            row["_mentions"] += entity.mentions
            continue
        label_of[gid] = label
        by_id[gid] = {
            "id": gid,
            "name": entity.name,
            # The canonical name is an alias too: full-text search over aliases alone
            # then finds every surface form.
            "aliases": _unique([entity.name, *entity.aliases]),
            "kind": entity.type if entity.type in ACTOR_TYPES else None,
            "role": entity.role,
            "_mentions": entity.mentions,
            "_affiliation": entity.affiliation if entity.type in ACTOR_TYPES else None,
        }

    # --- affiliations: resolve the organization by name or alias, else create it ----
    org_by_name: dict[str, str] = {}
    for gid, row in by_id.items():
        if label_of[gid] == "Organization":
            for alias in row["aliases"]:
                org_by_name.setdefault(alias.casefold(), gid)
    synthesized: list[Row] = []
    for gid, row in list(by_id.items()):
        affiliation = row.pop("_affiliation")
        if not affiliation or not affiliation.strip():
            continue
        org_id = org_by_name.get(affiliation.casefold())
        if org_id is None:
            org_id = entity_id(EntityKind.ORGANIZATION, affiliation)
            if org_id in by_id and label_of[org_id] != "Organization":
                raise RowsError(f"affiliation {affiliation!r} names a non-organization {org_id}")
            if org_id not in by_id:
                org_row: Row = {
                    "id": org_id,
                    "name": affiliation,
                    "aliases": [affiliation],
                    "kind": None,
                    "role": None,
                    "_mentions": None,  # not mentioned as such: no MENTIONS edge
                }
                by_id[org_id] = org_row
                label_of[org_id] = "Organization"
                synthesized.append(org_row)
            org_by_name[affiliation.casefold()] = org_id
        rows.affiliated_with.append({"actor_id": gid, "org_id": org_id, "role": row["role"]})

    for gid, row in by_id.items():
        mentions = row.pop("_mentions")
        if mentions is not None:
            rows.mentions.append(
                {"article_id": aid, "entity_id": gid, "count": mentions, "aliases": row["aliases"]}
            )
        rows.entities.setdefault(label_of[gid], []).append(row)
    if synthesized:
        logger.debug("%s: created %d affiliation organizations", aid, len(synthesized))

    # --- claims ----------------------------------------------------------------------
    seen_claims: set[str] = set()
    for statement in extraction.statements:
        start, end = statement.span
        cid = claim_id(aid, start, end)
        if cid in seen_claims:
            logger.warning(
                "%s: two statements share the span %d-%d; keeping the first", aid, start, end
            )
            continue
        seen_claims.add(cid)
        speaker = id_map.get(statement.speaker_id, statement.speaker_id)
        rows.claims.append(
            {
                "id": cid,
                "text": statement.text,
                "kind": statement.kind,
                "verb": statement.verb,
                "sentence": statement.sentence,
                "start": start,
                "end": end,
                "stated_on": statement.date,
                "date_precision": statement.date_precision,
                "date_basis": statement.date_basis,
                "day": claim_day(statement.date, rows.article["published_at"]),
            }
        )
        rows.reported_in.append({"claim_id": cid, "article_id": aid})
        rows.stated.append({"speaker_id": speaker, "claim_id": cid})
        seen: set[str] = set()
        for position, about_id in enumerate(statement.about_ids):
            about = id_map.get(about_id, about_id)
            if about not in seen:
                seen.add(about)
                basis = statement.basis_of(position)
                rows.about.append({"claim_id": cid, "entity_id": about, "basis": basis})
    return rows


def merge_entity_rows(batches: list[ArticleRows]) -> dict[str, list[Row]]:
    """Entity rows of several articles, one row per id per label, for one UNWIND.

    Cross-article merging rules: the name is the first one seen (the graph keeps the name
    it already has), aliases are the set union in first-seen order, the role is the
    latest known one. Ids seen under two labels stay in both lists: the database then
    rejects the batch (an id names one kind of thing) and the writer isolates the article.
    """
    merged: dict[str, dict[str, Row]] = {label: {} for label in ENTITY_LABELS}
    for article in batches:
        for label, rows in article.entities.items():
            bucket = merged[label]
            for row in rows:
                seen = bucket.get(row["id"])
                if seen is None:
                    bucket[row["id"]] = dict(row)
                    continue
                seen["aliases"] = _unique([*seen["aliases"], *row["aliases"]])
                seen["role"] = row["role"] or seen["role"]
                seen["kind"] = seen["kind"] or row["kind"]
    return {label: list(bucket.values()) for label, bucket in merged.items() if bucket}


@dataclass(frozen=True)
class StatementRows:
    """The parameter rows of one write transaction's statements, for the articles `ids`."""

    ids: tuple[str, ...]
    entities: dict[str, list[Row]]
    articles: list[Row]
    affiliations: list[Row]


def statement_rows(articles: list[ArticleRows]) -> StatementRows:
    """Everything the writer's statements send for these articles, entities merged."""
    return StatementRows(
        ids=tuple(a.article_id for a in articles),
        entities=merge_entity_rows(articles),
        articles=[a.article_row() for a in articles],
        affiliations=[row for a in articles for row in a.affiliated_with],
    )
