"""The pure mapping from an Extraction to the writer's parameter rows (no database)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from kgapi.graph.claim_merge import claim_row
from kgapi.graph.rows import (
    ARTICLE_PROPERTIES,
    CLAIM_PROPERTIES,
    ENTITY_LABELS,
    UNKNOWN_DAY,
    RowsError,
    article_rows,
    extraction_hash,
    merge_entity_rows,
)
from kgapi.model import (
    ArticleMeta,
    Entity,
    Extraction,
    Statement,
    article_id,
    claim_id,
    entity_id,
)
from kgapi.vocabulary import EntityKind

# A short made-up wire story (not a published article).
TEXT = (
    'Harbour Minister Mara Velden said on Monday that the port of Tessaly "will open by '
    'spring." An official familiar with the plan said costs had doubled.'
)
URL = "https://example.test/news/tessaly-port"
AID = article_id(url=URL, text=TEXT)
VELDEN = entity_id("person", "Mara Velden")
PARTY = entity_id("organization", "Coastal Party")
TESSALY = entity_id("location", "Tessaly")
OFFICIAL = entity_id("anonymous", "official familiar with the plan", article=AID)


def make(
    *,
    entities: list[Entity] | None = None,
    statements: list[Statement] | None = None,
    **meta: Any,
) -> Extraction:
    """A small extraction; pass entities/statements/meta fields to vary it."""
    base_meta: dict[str, Any] = {"id": AID, "title": "Port of Tessaly", "url": URL, "text": TEXT}
    base_meta.update(meta)
    if entities is None:
        entities = [
            Entity(
                id=VELDEN,
                type="person",
                name="Mara Velden",
                aliases=["Velden", "Mara Velden"],
                role="Harbour Minister",
                affiliation="Coastal Party",
                mentions=2,
            ),
            Entity(id=PARTY, type="organization", name="Coastal Party"),
            Entity(id=TESSALY, type="location", name="Tessaly", aliases=["Tessaly's"], mentions=3),
            Entity(id=OFFICIAL, type="anonymous", name="official familiar with the plan"),
        ]
    if statements is None:
        statements = [
            Statement(
                id="s1",
                speaker="Mara Velden",
                speaker_id=VELDEN,
                speaker_kind="person",
                kind="direct",
                verb="said",
                text="will open by spring.",
                sentence=TEXT[:86],
                span=(66, 86),
                about=["Tessaly"],
                about_ids=[TESSALY, TESSALY],
                date=date(2026, 3, 2),
            ),
            Statement(
                id="s2",
                speaker="an official",
                speaker_id=OFFICIAL,
                speaker_kind="anonymous",
                kind="indirect",
                verb="said",
                text="costs had doubled",
                span=(126, 143),
            ),
        ]
    return Extraction(article=ArticleMeta(**base_meta), entities=entities, statements=statements)


def _entity(label: str, eid: str, rows: Any) -> dict[str, Any]:
    return next(r for r in rows.entities[label] if r["id"] == eid)


@pytest.mark.parametrize(
    ("etype", "label", "kind"),
    [
        (EntityKind.PERSON, "Actor", "person"),
        (EntityKind.GROUP, "Actor", "group"),
        (EntityKind.ANONYMOUS, "Actor", "anonymous"),
        (EntityKind.ORGANIZATION, "Organization", None),
        (EntityKind.LOCATION, "Location", None),
    ],
)
def test_entity_types_map_to_allow_listed_labels(
    etype: EntityKind, label: str, kind: str | None
) -> None:
    eid = entity_id(etype, "Somebody", article=AID)
    rows = article_rows(make(entities=[Entity(id=eid, type=etype, name="Somebody")], statements=[]))
    assert label in ENTITY_LABELS
    assert list(rows.entities) == [label]
    assert rows.entities[label][0]["kind"] == kind


def test_article_row_carries_text_hash_and_metadata() -> None:
    rows = article_rows(make(published_at=datetime(2026, 3, 2, 9, 30)))
    article = rows.article
    assert article["id"] == AID == rows.article_id
    assert article["text"] == TEXT
    assert len(article["sha256"]) == 64
    # A naive timestamp is stored as UTC so every article has the same temporal type.
    assert article["published_at"] == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    assert article["extraction_hash"] == rows.extraction_hash


def test_write_rows_carry_exactly_the_allow_listed_properties() -> None:
    # The write statements spell out these property names: a key outside them would be
    # silently dropped, a missing one would fail the statement.
    rows = article_rows(make())
    article = rows.article_row()
    assert set(article) == {"id", "mentions", *ARTICLE_PROPERTIES}
    assert article["mentions"] == rows.mentions
    for report in rows.reports():
        claim = claim_row([report])  # a claim of one report, as the writer makes it
        assert set(claim) == {*CLAIM_PROPERTIES, "speaker_id", "about", "reports", "keys"}


def test_reports_carry_speaker_article_and_about_ids() -> None:
    rows = article_rows(make())
    first, second = (claim_row([report]) for report in rows.reports())
    assert (first["id"], first["speaker_id"], first["reports"][0]["article_id"]) == (
        rows.claims[0]["id"],
        VELDEN,
        AID,
    )
    assert first["about"] == [{"id": TESSALY, "basis": "text"}]
    # A claim's sole report: its id, subjects, dates and wording are the claim's; its edge
    # holds only `primary` (the row names its article too).
    assert first["reports"][0] == {"article_id": AID, "primary": True}
    # One of several reports keeps its own on its edge.
    assert rows.reports()[0].to_row(primary=True)["about"] == [TESSALY]
    assert (first["report_count"], first["first_reported"]) == (1, None)  # undated article
    assert second["about"] == []


def test_aliases_include_the_name_once_in_order() -> None:
    rows = article_rows(make())
    assert _entity("Actor", VELDEN, rows)["aliases"] == ["Mara Velden", "Velden"]
    assert _entity("Location", TESSALY, rows)["aliases"] == ["Tessaly", "Tessaly's"]


def test_claims_relationships_and_mentions() -> None:
    rows = article_rows(make())
    assert [c["id"] for c in rows.claims] == [claim_id(AID, 66, 86), claim_id(AID, 126, 143)]
    first = rows.claims[0]
    assert (first["start"], first["end"], first["kind"], first["verb"]) == (
        66,
        86,
        "direct",
        "said",
    )
    assert first["stated_on"] == date(2026, 3, 2)
    assert rows.stated == [
        {"speaker_id": VELDEN, "claim_id": first["id"]},
        {"speaker_id": OFFICIAL, "claim_id": rows.claims[1]["id"]},
    ]
    assert rows.about == [  # de-duplicated; no basis given means named in the text
        {"claim_id": first["id"], "entity_id": TESSALY, "basis": "text"}
    ]
    assert {r["article_id"] for r in rows.reported_in} == {AID}
    counts = {m["entity_id"]: m["count"] for m in rows.mentions}
    assert counts == {VELDEN: 2, PARTY: 1, TESSALY: 3, OFFICIAL: 1}
    assert (rows.entity_count, rows.claim_count) == (4, 2)


@pytest.mark.parametrize(
    ("published_at", "expected"),
    [
        # the claim's own date wins; else the article's day in its own zone (as Cypher's
        # date(datetime)); a naive timestamp is UTC; no date at all is the sentinel.
        (datetime(2026, 3, 9, 12, tzinfo=UTC), [date(2026, 3, 2), date(2026, 3, 9)]),
        (
            datetime.fromisoformat("2026-03-09T23:30:00-05:00"),
            [date(2026, 3, 2), date(2026, 3, 9)],
        ),
        (datetime(2026, 3, 9, 23, 30), [date(2026, 3, 2), date(2026, 3, 9)]),
        (None, [date(2026, 3, 2), UNKNOWN_DAY]),
    ],
)
def test_claim_day_is_its_date_else_the_articles_day_else_unknown(
    published_at: datetime | None, expected: list[date]
) -> None:
    rows = article_rows(make(published_at=published_at))
    assert [c["day"] for c in rows.claims] == expected
    assert date(1, 1, 1) == UNKNOWN_DAY


def test_affiliation_resolves_to_the_articles_organization() -> None:
    rows = article_rows(make())
    assert rows.affiliated_with == [
        {"actor_id": VELDEN, "org_id": PARTY, "role": "Harbour Minister"}
    ]


def test_unknown_affiliation_creates_an_organization_without_mentions() -> None:
    velden = Entity(id=VELDEN, type="person", name="Mara Velden", affiliation="Harbour Board")
    rows = article_rows(make(entities=[velden], statements=[]))
    board = entity_id("organization", "Harbour Board")
    assert rows.affiliated_with == [{"actor_id": VELDEN, "org_id": board, "role": None}]
    assert _entity("Organization", board, rows)["name"] == "Harbour Board"
    assert board not in {m["entity_id"] for m in rows.mentions}


def test_repeated_entity_is_merged() -> None:
    entities = [
        Entity(id=TESSALY, type="location", name="Tessaly", aliases=["Tessaly's"], mentions=1),
        Entity(id=TESSALY, type="location", name="Tessaly", aliases=["Tessalian"], mentions=2),
    ]
    rows = article_rows(make(entities=entities, statements=[]))
    assert rows.entities["Location"] == [
        {
            "id": TESSALY,
            "name": "Tessaly",
            "aliases": ["Tessaly", "Tessaly's", "Tessalian"],
            "kind": None,
            "role": None,
        }
    ]
    assert rows.mentions[0]["count"] == 3


def test_entity_given_two_types_is_refused() -> None:
    entities = [
        Entity(id="x:1", type="location", name="Tessaly"),
        Entity(id="x:1", type="organization", name="Tessaly"),
    ]
    with pytest.raises(RowsError, match="two types"):
        article_rows(make(entities=entities, statements=[]))


def test_a_named_entity_with_an_article_scoped_id_is_refused() -> None:
    """Ids of the `anonymous:`/`group:` form belong to an article's own sources only: a
    claim by one is looked for in its article alone (`statement_identity`)."""
    entities = [Entity(id="anonymous:abc:official", type="person", name="An Official")]
    with pytest.raises(RowsError, match="article-scoped source"):
        article_rows(make(entities=entities, statements=[]))


def test_unscoped_anonymous_source_is_scoped_to_its_article() -> None:
    entities = [Entity(id="anonymous:official", type="anonymous", name="an official")]
    statement = Statement(
        id="s",
        speaker="an official",
        speaker_id="anonymous:official",
        speaker_kind="anonymous",
        kind="indirect",
        text="costs had doubled",
        span=(126, 143),
    )
    rows = article_rows(make(entities=entities, statements=[statement]))
    scoped = entity_id("anonymous", "an official", article=AID)
    assert rows.entities["Actor"][0]["id"] == scoped
    assert rows.stated[0]["speaker_id"] == scoped


def test_two_statements_on_one_span_keep_the_first() -> None:
    extraction = make()
    duplicate = extraction.statements[0].model_copy(update={"id": "again", "text": "other"})
    rows = article_rows(make(statements=[*extraction.statements, duplicate]))
    assert rows.claim_count == 2
    assert rows.claims[0]["text"] == "will open by spring."


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ({"id": "article:given"}, "article:given"),
        ({"id": ""}, article_id(url=URL, text=TEXT)),
        ({"id": "", "url": None}, article_id(url=None, text=TEXT)),
    ],
)
def test_article_identity(meta: dict[str, Any], expected: str) -> None:
    assert article_rows(make(entities=[], statements=[], **meta)).article_id == expected


def test_article_without_any_identity_is_refused() -> None:
    with pytest.raises(RowsError, match="cannot identify"):
        article_rows(make(entities=[], statements=[], id="", url=None, text=None))


def test_extraction_hash_tracks_content_not_warnings() -> None:
    base = make()
    assert extraction_hash(base) == extraction_hash(make())
    assert extraction_hash(base) == extraction_hash(base.model_copy(update={"warnings": ["x"]}))
    assert extraction_hash(base) != extraction_hash(make(text=TEXT + " More."))
    assert extraction_hash(base) != extraction_hash(make(statements=base.statements[:1]))


def test_hostile_strings_pass_through_verbatim() -> None:
    hostile = '"}) DETACH DELETE n //'
    entities = [Entity(id=entity_id("person", hostile), type="person", name=hostile, role=hostile)]
    rows = article_rows(make(entities=entities, statements=[], title=hostile))
    assert rows.article["title"] == hostile
    assert rows.entities["Actor"][0]["name"] == hostile
    assert rows.entities["Actor"][0]["role"] == hostile


def test_merge_entity_rows_across_articles() -> None:
    one = article_rows(make())
    other_tessaly = Entity(id=TESSALY, type="location", name="Tessaly", aliases=["Port of Tessaly"])
    other_velden = Entity(id=VELDEN, type="person", name="Mara Velden", role="Minister")
    two = article_rows(
        make(id="article:two", entities=[other_tessaly, other_velden], statements=[])
    )
    merged = merge_entity_rows([one, two])
    tessaly = next(r for r in merged["Location"] if r["id"] == TESSALY)
    assert tessaly["aliases"] == ["Tessaly", "Tessaly's", "Port of Tessaly"]
    velden = next(r for r in merged["Actor"] if r["id"] == VELDEN)
    assert velden["role"] == "Minister"  # latest known role
    assert sum(len(rows) for rows in merged.values()) == 4


def test_about_rows_keep_how_each_entity_was_found() -> None:
    extraction = make()
    statement = extraction.statements[0]
    statement.about_ids = [TESSALY, PARTY]
    statement.about = ["Tessaly", "Coastal Party"]
    statement.about_basis = ["text", "context"]
    rows = article_rows(extraction)
    claim = rows.claims[0]["id"]
    assert [(r["entity_id"], r["basis"]) for r in rows.about if r["claim_id"] == claim] == [
        (TESSALY, "text"),
        (PARTY, "context"),
    ]


def test_claim_rows_carry_the_dates_precision_and_basis() -> None:
    extraction = make()
    dated = extraction.statements[0].model_copy(
        update={"date": date(2026, 2, 23), "date_precision": "week", "date_basis": "text"}
    )
    rows = article_rows(extraction.model_copy(update={"statements": [dated]}))
    [claim] = rows.claims
    assert (claim["stated_on"], claim["date_precision"], claim["date_basis"]) == (
        date(2026, 2, 23),
        "week",
        "text",
    )
    assert claim["day"] == date(2026, 2, 23)
    undated = article_rows(make(statements=[extraction.statements[1]])).claims[0]
    assert (undated["stated_on"], undated["date_precision"], undated["date_basis"]) == (
        None,
        None,
        None,
    )
