"""The query layer against the real seeded graph (seeds/ loaded through the pipeline)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from datetime import date
from typing import Any

import neo4j
import pytest

from kgapi.config import Settings
from kgapi.graph.driver import async_driver
from kgapi.graph.read_queries import articles, claims, entities, search
from kgapi.graph.read_queries.pagination import InvalidCursor, InvalidPageSize, QueryInputError
from kgapi.graph.read_queries.resolve import resolve
from kgapi.graph.reader import GraphReader
from kgapi.graph.schema import apply_schema
from tests.helpers import graph_counts

BLINKEN = "person:antony-blinken"
UKRAINE = "location:ukraine"
US = "location:united-states"
SEED_ARTICLE = "article:d41b048c13bebd42"

INJECTIONS = [
    "') MATCH (n) DETACH DELETE n //",
    '"}) RETURN 1 //',
    "name:(*",
    "\\",
    "*:*",
    "' OR 1=1 --",
    'x") DETACH DELETE n //',
]


@pytest.fixture
async def reader(
    seeded_graph: neo4j.Driver, neo4j_settings: Settings
) -> AsyncIterator[GraphReader]:
    driver = async_driver(neo4j_settings)
    try:
        yield GraphReader(driver=driver, database=neo4j_settings.neo4j_database)
    finally:
        await driver.close()


async def _all_claims(reader: GraphReader, **filters: Any) -> list[claims.ClaimResult]:
    page = await claims.find_claims(reader, first=100, **filters)
    assert page.next_cursor is None
    return page.items


# --- name resolution -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Blinken", [BLINKEN]),
        ("blinken", [BLINKEN]),
        ("BLINKEN", [BLINKEN]),
        ("Antony Blinken", [BLINKEN]),
        ("antony blinken", [BLINKEN]),
        (BLINKEN, [BLINKEN]),
        ("Ukraine", [UKRAINE]),
        ("ukraine", [UKRAINE]),
        ("Ukrainian", [UKRAINE]),
        (UKRAINE, [UKRAINE]),
        ("U.S.", [US]),
        ("United States", [US]),
        ("America", [US]),
        ("Russia's", ["location:russia"]),
        ("Putin", ["person:vladimir-putin"]),
        ("Bremmer", ["person:ian-bremmer"]),
        ("Nobody Atall", []),
        ("", []),
        ("person:no-such-person", []),
    ],
)
async def test_name_resolution_table(reader: GraphReader, typed: str, expected: list[str]) -> None:
    assert await resolve(reader, typed) == expected


async def test_speaker_resolution_only_finds_actors(reader: GraphReader) -> None:
    assert await resolve(reader, "Ukraine", label="Actor") == []
    assert await resolve(reader, "Blinken", label="Actor") == [BLINKEN]


@pytest.mark.parametrize("hostile", INJECTIONS)
async def test_hostile_names_resolve_to_nothing(reader: GraphReader, hostile: str) -> None:
    assert await resolve(reader, hostile) == []


# --- claims --------------------------------------------------------------------------


async def test_statements_by_blinken_about_ukraine_are_exactly_the_two(reader: GraphReader) -> None:
    page = await claims.find_claims(reader, speaker="Blinken", about="Ukraine")
    assert page.total == 2
    assert page.next_cursor is None
    texts = sorted(c.text for c in page.items)
    assert "I think there's some opportunity there" in texts[0]
    assert "robust package for Ukraine" in texts[1]
    for claim in page.items:
        assert claim.speaker is not None and claim.speaker.id == BLINKEN
        assert UKRAINE in {e.id for e in claim.about}
        assert claim.article is not None and claim.article.id == SEED_ARTICLE
        assert claim.start is not None and claim.end is not None and claim.start < claim.end
        assert claim.text in (claim.sentence or "").replace("’", "'") or claim.kind != "direct"


@pytest.mark.parametrize(
    ("speaker", "about"),
    [
        ("blinken", "ukraine"),
        ("Antony Blinken", "Ukrainian"),
        (BLINKEN, UKRAINE),
        ("BLINKEN", "UKRAINE"),
    ],
)
async def test_every_spelling_of_the_headline_query_gives_the_same_claims(
    reader: GraphReader, speaker: str, about: str
) -> None:
    reference = await _all_claims(reader, speaker="Blinken", about="Ukraine")
    assert await _all_claims(reader, speaker=speaker, about=about) == reference


async def test_speaker_filter_returns_every_claim_of_the_speaker(reader: GraphReader) -> None:
    every = await _all_claims(reader)
    by_blinken = await _all_claims(reader, speaker="Blinken")
    assert {c.id for c in by_blinken} == {
        c.id for c in every if c.speaker and c.speaker.id == BLINKEN
    }
    assert len(by_blinken) >= 3


async def test_about_filter_returns_every_claim_about_the_entity(reader: GraphReader) -> None:
    every = await _all_claims(reader)
    about_us = await _all_claims(reader, about="U.S.")
    assert about_us
    assert {c.id for c in about_us} == {c.id for c in every if US in {e.id for e in c.about}}


@pytest.mark.parametrize("kind", ["direct", "indirect", "partial", "belief"])
async def test_kind_filter(reader: GraphReader, kind: str) -> None:
    every = await _all_claims(reader)
    found = await _all_claims(reader, kind=kind)
    assert {c.id for c in found} == {c.id for c in every if c.kind == kind}


async def test_several_kinds_mean_any_of_them(reader: GraphReader) -> None:
    found = await _all_claims(reader, kind=["direct", "partial"])
    assert found and {c.kind for c in found} <= {"direct", "partial"}


async def test_text_filter_is_full_text_search(reader: GraphReader) -> None:
    found = await _all_claims(reader, text="opportunity")
    assert [c.speaker.id for c in found if c.speaker] == [BLINKEN]
    assert await _all_claims(reader, text="OPPORTUNITY") == found


async def test_article_filter_by_id(reader: GraphReader) -> None:
    assert (
        len(await _all_claims(reader, article=SEED_ARTICLE))
        == (await claims.find_claims(reader)).total
    )
    assert await _all_claims(reader, article="article:nope") == []


async def test_undated_claims_fall_outside_any_date_range(reader: GraphReader) -> None:
    # The seed carries no dates: a claim's date is then unknown and no range includes it.
    assert await _all_claims(reader, date_from=date(2000, 1, 1)) == []


async def test_unknown_speaker_gives_empty_page_not_error(reader: GraphReader) -> None:
    page = await claims.find_claims(reader, speaker="Nobody Atall", about="Ukraine")
    assert (page.items, page.total, page.next_cursor) == ([], 0, None)


@pytest.mark.parametrize("order", ["newest", "oldest"])
@pytest.mark.parametrize("size", [1, 2, 5])
async def test_pages_walk_every_claim_once(reader: GraphReader, order: str, size: int) -> None:
    every = await claims.find_claims(reader, first=100, order_by=order)  # type: ignore[arg-type]
    seen: list[str] = []
    after = None
    while True:
        page = await claims.find_claims(reader, first=size, after=after, order_by=order)  # type: ignore[arg-type]
        assert page.total == every.total
        assert len(page.items) <= size
        seen += [c.id for c in page.items]
        after = page.next_cursor
        if after is None:
            break
    assert seen == [c.id for c in every.items]
    assert len(set(seen)) == every.total


@pytest.mark.parametrize("filters", [{}, {"kind": "direct"}, {"speaker": "Blinken"}])
async def test_claims_written_before_day_existed_get_it_when_the_schema_is_applied(
    reader: GraphReader,
    seeded_graph: neo4j.Driver,
    neo4j_settings: Settings,
    filters: dict[str, Any],
) -> None:
    # A graph loaded before `Claim.day`: without it the newest-first list (which walks the
    # claim_day index) would lose those claims; applying the schema back-fills them.
    expected = await claims.find_claims(reader, first=100, **filters)
    assert expected.total > 0
    seeded_graph.execute_query(
        "MATCH (c:Claim) REMOVE c.day", database_=neo4j_settings.neo4j_database
    )
    apply_schema(seeded_graph, neo4j_settings.neo4j_database)
    records, _, _ = seeded_graph.execute_query(
        "MATCH (c:Claim) WHERE c.day IS NULL RETURN count(c) AS n",
        database_=neo4j_settings.neo4j_database,
    )
    assert records[0]["n"] == 0
    assert await claims.find_claims(reader, first=100, **filters) == expected


async def test_cursor_of_another_query_is_refused(reader: GraphReader) -> None:
    page = await claims.find_claims(reader, first=1)
    assert page.next_cursor
    with pytest.raises(InvalidCursor):
        await claims.find_claims(reader, first=1, after=page.next_cursor, speaker="Blinken")


@pytest.mark.parametrize(
    ("kwargs", "param"),
    [
        ({"kind": "rumour"}, "kind"),
        ({"order_by": "sideways"}, "order_by"),
        ({"first": 0}, "first"),
        ({"first": 101}, "first"),
        ({"after": "garbage"}, "after"),
        ({"date_from": date(2024, 1, 2), "date_to": date(2024, 1, 1)}, "date_from"),
    ],
)
async def test_bad_claim_arguments_name_the_argument(
    reader: GraphReader, kwargs: dict[str, Any], param: str
) -> None:
    with pytest.raises(QueryInputError) as err:
        await claims.find_claims(reader, **kwargs)
    assert err.value.param == param


async def test_page_size_limit_follows_the_configured_maximum(reader: GraphReader) -> None:
    with pytest.raises(InvalidPageSize):
        await claims.find_claims(reader, first=6, max_page_size=5)


async def test_claims_query_is_one_round_trip(reader: GraphReader) -> None:
    before = reader.round_trips
    await claims.find_claims(
        reader, speaker="Blinken", about="Ukraine", text="package", kind="partial"
    )
    assert reader.round_trips - before == 1


async def test_get_claim_by_id_and_unknown(reader: GraphReader) -> None:
    claim = (await claims.find_claims(reader, speaker="Blinken", first=1)).items[0]
    assert await claims.get_claim(reader, claim.id) == claim
    assert await claims.get_claim(reader, "claim:none:0-1") is None


# --- entities, articles, search ------------------------------------------------------


@pytest.mark.parametrize("label", ["Actor", "Organization", "Location"])
@pytest.mark.parametrize("order", ["name", "mentions", "claims"])
async def test_entity_pages_walk_every_entity_once(
    reader: GraphReader, label: str, order: str
) -> None:
    every = await entities.list_entities(reader, label=label, first=100, order_by=order)  # type: ignore[arg-type]
    assert every.total == len(every.items) > 0
    assert {e.type for e in every.items} == {label}
    seen, after = [], None
    while True:
        page = await entities.list_entities(
            reader, label=label, first=2, after=after, order_by=order
        )  # type: ignore[arg-type]
        seen += [e.id for e in page.items]
        if (after := page.next_cursor) is None:
            break
    assert seen == [e.id for e in every.items]


async def test_entities_sorted_by_mentions_are_most_mentioned_first(reader: GraphReader) -> None:
    page = await entities.list_entities(reader, label="Location", order_by="mentions", first=100)
    counts = [e.mention_count for e in page.items]
    assert counts == sorted(counts, reverse=True)


async def test_entity_search_matches_name_or_alias_substring(reader: GraphReader) -> None:
    page = await entities.list_entities(reader, label="Actor", q="blink")
    assert [e.id for e in page.items] == [BLINKEN]
    assert page.items[0].claim_count >= 3
    us = await entities.list_entities(reader, label="Location", q="u.s.")
    assert [e.id for e in us.items] == [US]


async def test_actor_kind_filter(reader: GraphReader) -> None:
    people = await entities.list_entities(reader, label="Actor", kind="person", first=100)
    assert people.items and {e.kind for e in people.items} == {"person"}
    with pytest.raises(QueryInputError):
        await entities.list_entities(reader, label="Actor", kind="robot")


async def test_labels_come_only_from_the_allow_list(reader: GraphReader) -> None:
    with pytest.raises(QueryInputError):
        await entities.list_entities(reader, label="Claim")  # type: ignore[arg-type]
    with pytest.raises(QueryInputError):
        await entities.get_entity(reader, BLINKEN, label="Actor) DETACH DELETE (n")  # type: ignore[arg-type]


async def test_entity_detail_has_claims_mentions_and_ties(reader: GraphReader) -> None:
    blinken = await entities.get_entity(reader, BLINKEN, label="Actor")
    assert blinken is not None
    assert len(blinken.claims) == blinken.claim_count >= 3
    assert all(c.speaker and c.speaker.id == BLINKEN for c in blinken.claims)
    assert [m.article.id for m in blinken.mentions] == [SEED_ARTICLE]
    ukraine = await entities.get_entity(reader, UKRAINE)
    assert ukraine is not None and ukraine.claims == []
    assert len(ukraine.claims_about) == ukraine.about_count
    assert {c.id for c in ukraine.claims_about} == {
        c.id for c in await _all_claims(reader, about=UKRAINE)
    }


async def test_entity_detail_of_wrong_label_or_unknown_id_is_none(reader: GraphReader) -> None:
    assert await entities.get_entity(reader, BLINKEN, label="Location") is None
    assert await entities.get_entity(reader, "person:nobody") is None


async def test_article_list_and_detail(reader: GraphReader) -> None:
    page = await articles.list_articles(reader)
    assert [a.id for a in page.items] == [SEED_ARTICLE]
    assert page.items[0].claim_count == (await claims.find_claims(reader)).total
    detail = await articles.get_article(reader, SEED_ARTICLE)
    assert detail is not None and detail.text
    starts = [c.start for c in detail.claims]
    assert starts == sorted(starts)
    for claim in detail.claims:  # provenance: the span lies in the text; quotes are verbatim
        assert claim.start is not None and claim.end is not None
        assert 0 <= claim.start < claim.end <= len(detail.text)
        if claim.kind == "direct":  # (the extraction straightens typographic apostrophes)
            quoted = detail.text[claim.start : claim.end]
            assert quoted.replace("’", "'") == claim.text.replace("’", "'")
    assert BLINKEN in {m.entity.id for m in detail.mentions}
    assert await articles.get_article(reader, "article:none") is None


async def test_article_title_search(reader: GraphReader) -> None:
    assert (await articles.list_articles(reader, q="BACKCHANNEL")).total == 1
    assert (await articles.list_articles(reader, q="no such title")).total == 0


async def test_search_finds_entities_articles_and_claims(reader: GraphReader) -> None:
    found = await search.search(reader, "blinken")
    assert BLINKEN in [hit.entity.id for hit in found.entities]
    assert (await search.search(reader, "backchannel")).articles
    assert (await search.search(reader, "opportunity")).claims


@pytest.mark.parametrize("hostile", INJECTIONS)
async def test_hostile_text_in_every_string_argument_changes_nothing(
    reader: GraphReader, seeded_graph: neo4j.Driver, neo4j_settings: Settings, hostile: str
) -> None:
    before = graph_counts(seeded_graph, neo4j_settings.neo4j_database)
    for field in ("speaker", "about", "text", "article"):
        assert (await claims.find_claims(reader, **{field: hostile})).total == 0
    for label in ("Actor", "Organization", "Location"):
        assert (await entities.list_entities(reader, label=label, q=hostile)).total == 0  # type: ignore[arg-type]
        assert await entities.get_entity(reader, hostile, label=label) is None  # type: ignore[arg-type]
    assert (await articles.list_articles(reader, q=hostile, source=hostile)).total == 0
    assert await articles.get_article(reader, hostile) is None
    assert await claims.get_claim(reader, hostile) is None
    await search.search(reader, hostile)
    assert graph_counts(seeded_graph, neo4j_settings.neo4j_database) == before


async def test_a_canonical_name_beats_another_entitys_alias(
    empty_graph: neo4j.Driver, neo4j_settings: Settings
) -> None:
    """Tier 2 of resolution: typed as an entity's name is spelled (or as the curated
    table spells it), the name wins over entities that merely carry it as an alias; the
    alias still resolves when nothing is named so."""
    empty_graph.execute_query(
        """
        CREATE (:Entity:Location {id: 'location:georgia', name: 'Georgia', aliases: ['Georgia']})
        CREATE (:Entity:Actor {id: 'person:georgia-hale', name: 'Georgia Hale', kind: 'person',
                               aliases: ['Georgia Hale', 'Georgia']})
        CREATE (:Entity:Organization {id: 'organization:the-ministry', name: 'The Ministry',
                                      aliases: ['The Ministry', 'Ministry of Truth']})
        """,
        database_=neo4j_settings.neo4j_database,
    )
    driver = async_driver(neo4j_settings)
    try:
        reader = GraphReader(driver=driver, database=neo4j_settings.neo4j_database)
        assert await resolve(reader, "Georgia") == ["location:georgia"]
        assert await resolve(reader, "Georgians") == ["location:georgia"]  # curated demonym
        assert await resolve(reader, "Georgia", label="Actor") == ["person:georgia-hale"]
        assert await resolve(reader, "Ministry of Truth") == ["organization:the-ministry"]
        assert await resolve(reader, "Hale") == ["person:georgia-hale"]
    finally:
        await driver.close()


async def test_the_api_driver_logs_no_notifications_for_missing_properties(
    reader: GraphReader, caplog: pytest.LogCaptureFixture
) -> None:
    """Sparse data (an article without a source) makes Neo4j warn "property key does not
    exist"; the driver would log the whole query with it on every request. The API's
    driver asks for no notifications (/cypher asks for them in its own sessions)."""
    with caplog.at_level(logging.INFO, logger="neo4j"):
        rows = await reader.read(
            "MATCH (a:Article) RETURN a.kgapi_test_never_written AS x LIMIT 1", name="test"
        )
    assert rows == [{"x": None}]
    assert not [r for r in caplog.records if r.name.startswith("neo4j.notifications")]
