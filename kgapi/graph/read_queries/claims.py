"""Claims: the filtered, paged list (the headline query) and claims by id.

`find_claims` is one round trip. With a speaker, subject, text or article filter, the names
are resolved by subqueries of the same Cypher statement, the filtered set is counted (a
streamed count) and paged (a top-N sort cut at the page size), each in memory that does
not grow with the set. Without them (the
"latest claims" list, perhaps by kind or dates) the page is read in the order of the
`claim_day` index and cut at the page size, and the total is a count (from the count store
when nothing filters). The statement text is assembled from constant fragments only (which
filters are present); every value, names included, travels as a parameter.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import Any, Unpack

from pydantic import Field

from kgapi.graph.read_queries import batch, fragments, lucene
from kgapi.graph.read_queries.pagination import (
    CursorValue,
    Keyset,
    PageArgs,
    QueryInputError,
    SortKey,
    encode_cursor,
    member,
    order,
    start_page,
)
from kgapi.graph.read_queries.resolve import resolve_block, resolve_params
from kgapi.graph.read_queries.results import ClaimResult, Page
from kgapi.graph.reader import GraphReader
from kgapi.vocabulary import AboutBasis, ClaimKind, ClaimOrder


class ClaimPage(Page[ClaimResult]):
    """A page of claims that can give each item's cursor: `cursor(i)` resumes after
    `items[i]`.

    Item cursors are for GraphQL's edges, and made only when a client selects one:
    encoding twenty of them was a tenth of the query layer's Python time on a page, and
    REST (which answers with `Page`'s fields only) never uses them.
    """

    keys: list[list[CursorValue]] = Field(default_factory=list, exclude=True)
    fingerprint: str = Field(default="", exclude=True)

    def cursor(self, index: int) -> str:
        """The cursor that resumes after `items[index]`."""
        return encode_cursor(self.keys[index], self.fingerprint)


# The claim's date, then article id, position in the article and claim id.
_SORT = {
    order_by: SortKey(("d", "a.id", "st", "c.id"), (date, str, int, str), descending)
    for order_by, descending in ((ClaimOrder.NEWEST, True), (ClaimOrder.OLDEST, False))
}

TEXT_BLOCK = """
CALL () {
  CALL db.index.fulltext.queryNodes('claim_text', $text_lucene) YIELD node
  RETURN collect(node.id) AS text_ids
}
"""


def claim_kinds(kind: str | Sequence[str] | None) -> list[ClaimKind] | None:
    if kind is None:
        return None
    kinds = [kind] if isinstance(kind, str) else list(kind)
    return sorted({member(ClaimKind, k, "kind", "claim kind") for k in kinds}) or None


def filtered_match(
    *,
    speaker: bool,
    about: bool,
    basis: bool,
    text: bool,
    kinds: bool,
    article: bool,
    dates: bool,
    source: bool = False,
    min_reports: bool = False,
) -> str:
    """MATCH ... WHERE binding s, c, a, d (and st) for the filters present.

    The start point follows the most selective filter: the speaker (the headline query),
    else the subject, else the full-text hits, else the article, else the source's
    articles, else every statement. With a speaker, the subject test compares bound nodes
    (`about_nodes`), not ids: no property read per subject of each of the speaker's claims.
    Relationship types fix their end labels (STATED ends at a Claim, REPORTED_IN at an
    Article), so those are not re-checked. `a` is the claim's own (primary) report's
    article; the article and source filters hold when any report is in such an article.
    """
    where: list[str] = []
    if speaker:
        parts = [
            "MATCH (s:Actor) WHERE s.id IN speaker_ids",
            "MATCH (s)-[:STATED]->(c)",
        ]
        if about:
            where.append(f"EXISTS {{ (c)-[r:ABOUT]->(x) WHERE x IN about_nodes{_basis(basis)} }}")
        if text:
            where.append("c.id IN text_ids")
        if where:
            parts.append("WHERE " + " AND ".join(where))
        where = []
    elif about:
        parts = [f"MATCH (x:Entity)<-[r:ABOUT]-(c:Claim) WHERE x.id IN about_ids{_basis(basis)}"]
        if text:
            parts.append("AND c.id IN text_ids")
        parts.append("WITH DISTINCT c MATCH (s:Actor)-[:STATED]->(c)")
    elif text:
        parts = ["MATCH (c:Claim) WHERE c.id IN text_ids MATCH (s:Actor)-[:STATED]->(c)"]
    elif article:
        parts = [
            "MATCH (x:Article) WHERE x.id = $article OR x.url = $article",
            "MATCH (c:Claim)-[:REPORTED_IN]->(x)",
            "WITH DISTINCT c MATCH (s:Actor)-[:STATED]->(c)",
        ]
        article = False  # the start point is the filter
    elif source:
        parts = [
            "MATCH (x:Article) WHERE toLower(x.source) = $source",
            "MATCH (c:Claim)-[:REPORTED_IN]->(x)",
            "WITH DISTINCT c MATCH (s:Actor)-[:STATED]->(c)",
        ]
        source = False
    else:  # (aggregates only: the list walks `claim_day` in `_by_day`) down the index
        parts = [
            f"MATCH (c:Claim) WHERE c.day >= coalesce($date_from, {fragments.UNKNOWN_DAY})",
            "MATCH (s:Actor)-[:STATED]->(c)",
        ]
    parts.append(fragments.PRIMARY_REPORT)
    if kinds:
        where.append("c.kind IN $kinds")
    if min_reports:
        where.append("coalesce(c.report_count, 1) >= $min_reports")
    if article:
        where.append(
            "EXISTS { (c)-[:REPORTED_IN]->(x:Article) WHERE x.id = $article OR x.url = $article }"
        )
    if source:
        where.append("EXISTS { (c)-[:REPORTED_IN]->(x:Article) WHERE toLower(x.source) = $source }")
    if where:
        parts.append("AND " + " AND ".join(where))
    parts.append(f"WITH s, c, a, {fragments.CLAIM_DATE} AS d, coalesce(c.start, 0) AS st")
    if dates:
        parts.append(
            "WHERE ($date_from IS NULL OR d >= $date_from) AND ($date_to IS NULL OR d <= $date_to)"
        )
    return "\n".join(parts)


def _basis(basis: bool) -> str:
    """The test on `ABOUT` relationship `r` for an `about_basis` filter (links loaded
    before the basis was recorded are text links)."""
    return " AND coalesce(r.basis, 'text') = $about_basis" if basis else ""


def _by_day(
    *,
    order_by: ClaimOrder,
    kinds: bool,
    date_from: bool,
    date_to: bool,
    keyset: bool,
    min_reports: bool = False,
) -> tuple[str, str]:
    """(total, page) subqueries for the list without speaker/about/text/article filters.

    The page walks the `claim_day` index in the requested order (the range predicate on
    `c.day` is what makes the planner use it; the cursor's day bounds it too) and stops at
    `$limit` rows; ties on the day are sorted by a partial sort only. The total counts the
    same WHERE, or reads the count store when nothing filters.
    """
    where = [f"c.day >= {'$date_from' if date_from else fragments.UNKNOWN_DAY}"]
    if date_to:
        where.append("c.day <= $date_to")
    if kinds:
        where.append("c.kind IN $kinds")
    if min_reports:
        where.append("coalesce(c.report_count, 1) >= $min_reports")
    match = (
        f"MATCH (c:Claim) WHERE {' AND '.join(where)}\n"
        f"MATCH (s:Actor)-[:STATED]->(c)\n{fragments.PRIMARY_REPORT}"
    )
    if kinds or date_from or date_to or min_reports:
        total = f"CALL () {{\n{match}\nRETURN count(*) AS total\n}}"
    else:
        total = "CALL () {\nMATCH (:Actor)-[:STATED]->() RETURN count(*) AS total\n}"
    if keyset:  # implied by the keyset below; stated on c.day so the index seek uses it
        where.append("c.day <= $k0" if order_by is ClaimOrder.NEWEST else "c.day >= $k0")
    match = (
        f"MATCH (c:Claim) WHERE {' AND '.join(where)}\n"
        f"MATCH (s:Actor)-[:STATED]->(c)\n{fragments.PRIMARY_REPORT}"
    )
    page = "\n".join(
        [
            "CALL () {",
            match,
            f"WITH s, c, a, {fragments.CLAIM_DATE} AS d, coalesce(c.start, 0) AS st",
            f"WHERE {_SORT[order_by].after}" if keyset else "",
            f"WITH s, c, a, d, st {_SORT[order_by].order_by} LIMIT $limit",
            f"RETURN collect({{claim: {fragments.claim('c', 's', 'a')}, "
            f"key: [{fragments.iso_date('d')}, a.id, st, c.id]}}) AS rows\n}}",
        ]
    )
    return total, page


# The subject nodes of an `about` filter, bound once for the speaker-first plan.
ABOUT_NODES = """
CALL (about_ids) {
  MATCH (x:Entity) WHERE x.id IN about_ids
  RETURN collect(x) AS about_nodes
}
"""


async def find_claims(
    reader: GraphReader,
    *,
    speaker: str | None = None,
    about: str | None = None,
    about_basis: AboutBasis | str | None = None,
    kind: str | Sequence[str] | None = None,
    text: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    article: str | None = None,
    source: str | None = None,
    min_reports: int | None = None,
    order_by: ClaimOrder = ClaimOrder.NEWEST,
    **page_args: Unpack[PageArgs],
) -> ClaimPage:
    """Claims matching every given filter, one page, with the total of the filtered set.

    - `speaker`/`about`: a name as typed ("Blinken", "ukraine", "U.S.") or an entity id,
      resolved by `resolve`; a name that resolves to nothing gives an empty page;
    - `about_basis`: with `about`, only claims linked to it that way: `text` (named in the
      statement) or `context` (the question it answers, or its pronoun's referent);
    - `kind`: one claim kind or several (any of them);
    - `text`: full-text search in the claim and its sentence (every word must match);
    - `date_from`/`date_to`: inclusive, on the claim's date (else its article's day);
    - `article`: an article id or URL (claims any of whose reports it is);
    - `source`: an outlet, case-insensitive (claims any of whose reports it carried);
    - `min_reports`: claims carried by at least this many reports (widely carried ones);
    - `first`/`after`: page size (1..max_page_size) and a `next_cursor` of the same query.

    Raises `QueryInputError` (with `.param`) on invalid input.
    """
    order_by = order(ClaimOrder, order_by)
    kinds = claim_kinds(kind)
    basis = None if about_basis is None else member(AboutBasis, about_basis, "about_basis", "basis")
    if basis is not None and about is None:
        raise QueryInputError("about_basis", "about_basis needs an about filter (whose links?)")
    if date_from is not None and date_to is not None and date_from > date_to:
        raise QueryInputError("date_from", "the start date is after the end date")
    src = source_key(source)
    if min_reports is not None and min_reports < 1:
        raise QueryInputError("min_reports", "must be at least 1")
    filters = (
        "claims",
        speaker,
        about,
        basis,
        kinds,
        text,
        date_from,
        date_to,
        article,
        order_by,
        *((src, min_reports) if src is not None or min_reports is not None else ()),
    )
    page = start_page(_SORT[order_by], filters, **page_args)
    params: dict[str, Any] = {
        "kinds": kinds,
        "about_basis": basis,
        "article": article,
        "source": src,
        "min_reports": min_reports,
        "date_from": date_from,
        "date_to": date_to,
        **page.params(),
    }
    if speaker is not None:
        params |= resolve_params("speaker", speaker)
    if about is not None:
        params |= resolve_params("about", about)
    if text is not None:
        params["text_lucene"] = lucene.all_words(text)
        if params["text_lucene"] is None:  # nothing searchable: nothing can match
            return ClaimPage(items=[], total=0, next_cursor=None)
    query = _statement(
        speaker=speaker is not None,
        about=about is not None,
        basis=basis is not None,
        text=text is not None,
        kinds=kinds is not None,
        article=article is not None,
        date_from=date_from is not None,
        date_to=date_to is not None,
        order_by=order_by,
        keyset=page.key is not None,
        source=src is not None,
        min_reports=min_reports is not None,
    )
    return await _page(reader, query, params, page)


def source_key(source: str | None) -> str | None:
    """A source filter as compared (lower case), None when blank."""
    return source.strip().lower() if source is not None and source.strip() else None


@cache
def _statement(
    *,
    speaker: bool,
    about: bool,
    basis: bool,
    text: bool,
    kinds: bool,
    article: bool,
    date_from: bool,
    date_to: bool,
    order_by: ClaimOrder,
    keyset: bool,
    source: bool = False,
    min_reports: bool = False,
) -> str:
    """The `find_claims` statement for one combination of filters: constant text (the
    values are parameters), so it is assembled once per combination."""
    blocks: list[str] = []
    scope: list[str] = []
    if speaker:
        blocks.append(resolve_block("speaker", "Actor"))
        scope.append("speaker_ids")
    if about:
        blocks.append(resolve_block("about"))
        if speaker:
            blocks.append(ABOUT_NODES)
            scope.append("about_nodes")
        else:
            scope.append("about_ids")
    if text:
        blocks.append(TEXT_BLOCK)
        scope.append("text_ids")
    if not (speaker or about or text or article or source):
        total_block, page_block = _by_day(
            order_by=order_by,
            kinds=kinds,
            date_from=date_from,
            date_to=date_to,
            keyset=keyset,
            min_reports=min_reports,
        )
        return "\n".join([total_block, page_block, "RETURN total, rows"])
    dates = date_from or date_to
    filtered = filtered_match(
        speaker=speaker,
        about=about,
        basis=basis,
        text=text,
        kinds=kinds,
        article=article,
        dates=dates,
        source=source,
        min_reports=min_reports,
    )
    # A speaker and a subject and nothing else: the total is the pair's counter.
    counted = (
        speaker
        and about
        and not (basis or text or kinds or article or dates or source or min_reports)
    )
    return _single_pass(
        blocks,
        scope,
        filtered,
        order_by,
        keyset=keyset,
        from_speaker=speaker and not dates,
        counted=counted,
    )


def _counted_total(inputs: str, filtered: str) -> str:
    """The total of a speaker × subject slice from the writer's `TALKS_ABOUT {claims}`
    counters (`aggregates`): one relationship read per speaker, however many claims.

    Exact when the subject resolves to one entity (a claim has one speaker, and one ABOUT
    edge per subject). A claim about two of several resolved subjects would be counted
    twice, so a name resolving to several entities still counts the `filtered` walk.
    """
    # Each subquery aggregates, so each gives one row (0 when its WHERE drops the input).
    return (
        f"CALL ({inputs}) {{\n"
        "WITH * WHERE size(about_nodes) <= 1\n"
        "OPTIONAL MATCH (s:Actor)-[t:TALKS_ABOUT]->(x) WHERE s.id IN speaker_ids "
        "AND x IN about_nodes\n"
        "RETURN coalesce(sum(t.claims), 0) AS counted\n}\n"
        f"CALL ({inputs}) {{\n"
        "WITH * WHERE size(about_nodes) > 1\n"
        f"{filtered}\nRETURN count(*) AS walked\n}}\n"
        "WITH *, counted + walked AS total"
    )


def _single_pass(
    blocks: list[str],
    scope: list[str],
    filtered: str,
    order_by: ClaimOrder,
    *,
    keyset: bool,
    from_speaker: bool,
    counted: bool = False,
) -> str:
    """The statement for a list with a speaker/about/text/article filter (`filtered`, from
    `_filtered`): a count and a top-N page of the filtered set (walked from the speaker,
    or down the `claim_day` index when that is cheaper and `from_speaker`; see `_walk`)."""
    # The total and the page are two walks of the filtered set, each in constant memory:
    # a streamed `count(*)`, and a top-N sort (`ORDER BY ... LIMIT` keeps only `$limit`
    # rows while it walks). Collecting the filtered rows once to count and sort them in
    # memory walked it once, but took transaction memory in proportion to the slice: a
    # few concurrent heavy slices (thousands of claims each) exhausted Neo4j's memory
    # pool (MemoryPoolOutOfMemoryError; docs/benchmarks.md, "Many clients").
    inputs = ", ".join(scope)
    count = f"CALL ({inputs}) {{\n{filtered}\nRETURN count(*) AS total\n}}"
    if counted:
        count = _counted_total(inputs, filtered)
    walked = _walk(filtered, inputs, order_by, keyset=keyset) if from_speaker else None
    if walked is None:
        return "\n".join(
            [*blocks, count, _paged(inputs, filtered, order_by, keyset), "RETURN total, rows"]
        )
    # Both pages are planned; the one the figures favour runs, the other sees no row.
    return "\n".join(
        [
            *blocks,
            count,
            _WALK_OR_EXPAND,
            f"CALL ({inputs}, walk, walk_from) {{\nWITH * WHERE walk\n"
            + _paged(inputs, walked, order_by, keyset, wrapped=False)
            + "\nUNION ALL\nWITH * WHERE NOT walk\n"
            + _paged(inputs, filtered, order_by, keyset, wrapped=False)
            + "\n}",
            "WITH total, reduce(acc = [], page IN collect(rows) | acc + page) AS rows",
            "RETURN total, rows",
        ]
    )


def _paged(
    inputs: str, filtered: str, order_by: ClaimOrder, keyset: bool, *, wrapped: bool = True
) -> str:
    """The page of `filtered`: a top-N sort after the cursor, projected and collected."""
    after = f"WHERE {_SORT[order_by].after}" if keyset else ""
    body = (
        f"{filtered}\n{after}\n"
        f"WITH s, c, a, d, st {_SORT[order_by].order_by} LIMIT $limit\n"
        f"RETURN collect({{claim: {fragments.claim('c', 's', 'a')}, "
        f"key: [{fragments.iso_date('d')}, a.id, st, c.id]}}) AS rows"
    )
    return f"CALL ({inputs}) {{\n{body}\n}}" if wrapped else body


# Which page to run for a speaker filter. Expanding from the speaker reads every claim it
# made (`spoken`); walking the `claim_day` index in page order until `$limit` matches
# reads about `$limit * claims / total` of them. A heavy slice (the headline: thousands
# of Blinken's claims about Ukraine) is paged by the walk in a few hundred index entries,
# a light one (seven claims) by the expansion.
_WALK_OR_EXPAND = """
CALL (speaker_ids) {
  MATCH (s:Actor) WHERE s.id IN speaker_ids
  RETURN sum(COUNT { (s)-[:STATED]->() }) AS spoken
}
CALL () { MATCH (every:Claim) RETURN count(every) AS claims }
WITH *, total > 0 AND $limit * claims < total * spoken AS walk
WITH *, CASE WHEN walk THEN date('0001-01-01') END AS walk_from
"""

_SPEAKER_START = "MATCH (s:Actor) WHERE s.id IN speaker_ids\n"


def _walk(filtered: str, inputs: str, order_by: ClaimOrder, *, keyset: bool) -> str | None:
    """`filtered` (a speaker-first walk) run for each claim met down the `claim_day` index
    in page order instead: the same rows, so the same page, met newest (or oldest) first,
    so the top-N sort stops after `$limit` matches. None if `filtered` does not start from
    a speaker.

    The claim is bound by the index before `filtered` runs as a subquery of it, so no plan
    (one cached from a small graph included) can start from the speaker and lose the
    index's order: with the speaker in the same MATCH, such a plan read the whole index.
    """
    if not filtered.startswith(_SPEAKER_START):
        return None
    # `walk_from` is null unless this page is the one to run: a null bound seeks nothing.
    # (A `walk` filter alone may be planned above the index seek, which then reads the
    # whole index to drop every row.)
    bound = ["c.day >= walk_from"]
    if keyset:  # the cursor's day bounds the walk
        bound.append("c.day <= $k0" if order_by is ClaimOrder.NEWEST else "c.day >= $k0")
    return (
        f"MATCH (c:Claim) USING INDEX c:Claim(day) WHERE {' AND '.join(bound)}\n"
        f"CALL (c, {inputs}) {{\n{filtered}\nRETURN s, a, st\n}}\n"
        # `d` is the claim's day, as in `filtered`; named here, the planner knows it is
        # in the index's order.
        f"WITH s, c, a, {fragments.CLAIM_DATE} AS d, st"
    )


async def _page(reader: GraphReader, query: str, params: dict[str, Any], page: Keyset) -> ClaimPage:
    """Run a `find_claims` statement (one row: total, rows) and build the page."""
    result = await reader.read(query, params, name="find_claims")
    total: int = result[0]["total"]
    rows: list[dict[str, Any]] = result[0]["rows"]
    items = rows[: page.size]
    # The day comes as its ISO string (`fragments.iso_date`), as the cursor holds it.
    keys = [row["key"] for row in items]
    return ClaimPage(
        items=fragments.claim_results(row["claim"] for row in items),
        total=total,
        next_cursor=page.next_cursor(rows),
        keys=keys,
        fingerprint=page.fingerprint,
    )


_BY_IDS = f"""
UNWIND $ids AS id
MATCH (c:Claim {{id: id}})
OPTIONAL MATCH (s:Actor)-[:STATED]->(c)
OPTIONAL MATCH (c)-[lead:REPORTED_IN]->(a:Article) WHERE coalesce(lead.primary, true)
WITH c, head(collect(s)) AS s, head(collect(a)) AS a
RETURN {fragments.claim("c", "s", "a")} AS claim
"""


#: Reports listed with each claim where a list of claims carries them (REST); the rest are
#: counted by `report_count` and paged by GraphQL's `reports`.
REPORTS_PER_CLAIM = 20


async def with_reports(
    reader: GraphReader, claims: Sequence[ClaimResult], first: int = REPORTS_PER_CLAIM
) -> list[ClaimResult]:
    """`claims` with their first `first` reports (one round trip for all of them)."""
    if not claims:
        return []
    found = await batch.reports_of_claims(reader, [c.id for c in claims], first)
    return [
        claim.model_copy(update={"reports": found[claim.id].items}) if claim.id in found else claim
        for claim in claims
    ]


async def get_claims(reader: GraphReader, ids: Sequence[str]) -> dict[str, ClaimResult]:
    """Claims by id, in one round trip; unknown ids are absent from the result."""
    if not ids:
        return {}
    rows = await reader.read(_BY_IDS, {"ids": list(dict.fromkeys(ids))}, name="get_claims")
    claims = fragments.claim_results(row["claim"] for row in rows)
    return {claim.id: claim for claim in claims}


async def get_claim(reader: GraphReader, claim_id: str) -> ClaimResult | None:
    """One claim with its speaker, subjects and article; None if there is no such claim."""
    return (await get_claims(reader, [claim_id])).get(claim_id)
