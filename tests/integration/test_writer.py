"""The GraphWriter against a real Neo4j: idempotence, replacement, deletion, atomicity."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from kgapi.graph.rows import article_rows
from kgapi.graph.writer import GraphWriter, WriteError
from kgapi.model import ArticleMeta, Entity, Extraction, entity_id

News = Callable[..., Extraction]

# An article's reports (one statement can be carried by several articles: its claim is
# shared, the report on the REPORTED_IN edge is the article's own).
ARTICLE_CLAIMS = """
MATCH (c:Claim)-[r:REPORTED_IN]->(:Article {id: $id})
RETURN coalesce(r.id, c.id) AS id, coalesce(r.text, c.text) AS text
ORDER BY coalesce(r.start, c.start)
"""


def test_same_input_twice_changes_nothing(
    writer: GraphWriter, graph: Any, news_factory: News
) -> None:
    batch = [news_factory(), news_factory("https://example.test/b")]
    first = list(writer.write_many(batch))
    after_first = graph.counts()
    second = list(writer.write_many(batch))
    assert [r.status for r in first] == ["loaded", "loaded"]
    assert [r.status for r in second] == ["unchanged", "unchanged"]
    assert [r.counts for r in first] == [r.counts for r in second]
    assert graph.counts() == after_first
    # Two articles, three statements each; the minister, party and port are shared; each
    # article has its own anonymous official. The minister's two statements are carried
    # by both articles: one claim each with two reports (the officials are two sources).
    assert after_first["Article"] == 2
    assert after_first["Claim"] == 4
    assert after_first["REPORTED_IN"] == 6
    assert after_first["Entity"] == 5
    assert after_first["MENTIONS"] == 8
    assert after_first["AFFILIATED_WITH"] == 1


def test_graph_shape(writer: GraphWriter, graph: Any, news_factory: News) -> None:
    extraction = news_factory()
    writer.write(extraction)
    rows = graph.query(
        """
        MATCH (s:Actor)-[:STATED]->(c:Claim)-[:REPORTED_IN]->(a:Article)
        OPTIONAL MATCH (c)-[:ABOUT]->(e:Entity)
        RETURN s.name AS speaker, s.kind AS kind, c.kind AS claim_kind, c.verb AS verb,
               c.start AS start, c.end AS end, c.stated_on AS stated_on,
               a.sha256 AS sha, a.text = $text AS text_kept, a.ingested_at IS NOT NULL AS stamped,
               collect(e.name) AS about
        ORDER BY start
        """,
        text=extraction.article.text,
    )
    assert [(r["speaker"], r["kind"], r["claim_kind"], r["about"]) for r in rows] == [
        ("Mara Velden", "person", "direct", ["Tessaly"]),
        ("official familiar with the plan", "anonymous", "indirect", []),
        ("Mara Velden", "person", "indirect", ["Tessaly"]),
    ]
    text = extraction.article.text or ""
    assert all(text[r["start"] : r["end"]] for r in rows)
    assert all(r["text_kept"] and r["stamped"] and len(r["sha"]) == 64 for r in rows)
    affiliation = graph.query(
        "MATCH (p:Actor)-[r:AFFILIATED_WITH]->(o:Organization) RETURN p.name AS p, r.role AS role, o.name AS o"
    )
    assert affiliation == [{"p": "Mara Velden", "role": "Harbour Minister", "o": "Coastal Party"}]
    labels = graph.query("MATCH (e:Entity) RETURN e.id AS id, labels(e) AS labels ORDER BY id")
    assert {tuple(sorted(r["labels"])) for r in labels} == {
        ("Actor", "Entity"),
        ("Entity", "Organization"),
        ("Entity", "Location"),
    }


def test_a_later_article_adds_its_aliases_and_keeps_name_and_role(
    writer: GraphWriter, graph: Any, news_factory: News
) -> None:
    writer.write(news_factory("https://example.test/one"))
    writer.write(news_factory("https://example.test/two", extra_alias="Minister Velden"))
    velden = graph.query(
        "MATCH (e:Actor {name: 'Mara Velden'}) RETURN e.aliases AS aliases, e.role AS role,"
        " e.kind AS kind"
    )
    assert velden == [
        {
            "aliases": ["Mara Velden", "Velden", "Minister Velden"],
            "role": "Harbour Minister",
            "kind": "person",
        }
    ]


def test_changed_article_replaces_only_its_own_claims_and_mentions(
    writer: GraphWriter, graph: Any, news_factory: News
) -> None:
    one_url, two_url = "https://example.test/one", "https://example.test/two"
    writer.write(news_factory(one_url, extra_alias="Minister Velden"))
    two = news_factory(two_url)
    writer.write(two)
    two_claims = graph.query(ARTICLE_CLAIMS, id=two.article.id)

    # Same URL (same id), new text: the official's statement is gone from the story.
    new_text = (
        'Harbour Minister Mara Velden said on Monday that the port of Tessaly "will open by '
        'spring." Velden, of the Coastal Party, added that Tessaly owed its creditors nothing.'
    )
    changed = news_factory(one_url, text=new_text, with_official=False)
    assert changed.article.id == news_factory(one_url).article.id
    result = writer.write(changed)
    assert result.status == "replaced"

    one_claims = graph.query(ARTICLE_CLAIMS, id=changed.article.id)
    assert [c["text"] for c in one_claims] == [
        "will open by spring.",
        "Tessaly owed its creditors nothing",
    ]
    assert {c["id"] for c in one_claims} == {r["id"] for r in article_rows(changed).claims}
    assert graph.query(ARTICLE_CLAIMS, id=two.article.id) == two_claims  # untouched
    # The first article's official is referenced by nothing any more: removed.
    officials = graph.query("MATCH (e:Actor {kind: 'anonymous'}) RETURN e.id AS id")
    assert [o["id"] for o in officials] == [
        entity_id("anonymous", "official familiar with the plan", article=two.article.id)
    ]
    # Aliases seen only in the replaced version are gone; shared ones stay.
    velden = graph.query("MATCH (e:Actor {name: 'Mara Velden'}) RETURN e.aliases AS aliases")
    assert sorted(velden[0]["aliases"]) == ["Mara Velden", "Velden"]
    counts = graph.counts()
    # The minister's two statements (carried by both versions) and the second article's
    # official: three claims, five reports.
    assert counts["Article"] == 2 and counts["Claim"] == 3 and counts["MENTIONS"] == 7
    assert counts["REPORTED_IN"] == 5
    # Writing the changed version again is a no-op.
    assert writer.write(changed).status == "unchanged"
    assert graph.counts() == counts


def test_delete_removes_article_claims_mentions_and_orphans_only(
    writer: GraphWriter, graph: Any, news_factory: News
) -> None:
    one = news_factory("https://example.test/one")
    two = news_factory("https://example.test/two", minister="Ilse Marrow")
    writer.write(one)
    writer.write(two)
    result = writer.delete_article(one.article.id)
    assert (result.found, result.claims, result.mentions) == (True, 3, 4)
    assert result.entities_removed == 2  # Mara Velden and the first article's official
    names = {r["name"] for r in graph.query("MATCH (e:Entity) RETURN e.name AS name")}
    assert names == {"Ilse Marrow", "Coastal Party", "Tessaly", "official familiar with the plan"}
    assert graph.query("MATCH (a:Article) RETURN a.id AS id") == [{"id": two.article.id}]
    assert graph.counts()["Claim"] == 3
    assert writer.delete_article(one.article.id).found is False
    # Deleting the last article leaves an empty graph: nothing else referenced anything.
    writer.delete_article(two.article.id)
    assert graph.counts() == {}


def test_failing_articles_leave_no_trace_and_the_rest_loads(
    writer: GraphWriter, graph: Any, news_factory: News
) -> None:
    good_one = news_factory("https://example.test/good-1")
    good_two = news_factory("https://example.test/good-2")
    # Neo4j refuses this one mid-transaction: it claims "location:tessaly" is an
    # organization while the good articles made it a Location (the entity_id constraint).
    conflicting = Extraction(
        article=ArticleMeta(id="article:conflict", title="Conflict", text="Tessaly Port Ltd grew."),
        entities=[
            Entity(
                id="organization:only-in-conflict", type="organization", name="Only In Conflict"
            ),
            Entity(id=entity_id("location", "Tessaly"), type="organization", name="Tessaly"),
        ],
    )
    # This one cannot even be identified: no id, no URL, no text.
    malformed = Extraction(article=ArticleMeta(title="nothing to identify"))
    results = writer.write_batch([good_one, conflicting, malformed, good_two])
    assert [r.status for r in results] == ["loaded", "failed", "failed", "loaded"]
    assert results[1].error and "ConstraintValidationFailed" in results[1].error
    assert results[2].error and "cannot identify" in results[2].error
    articles = {r["id"] for r in graph.query("MATCH (a:Article) RETURN a.id AS id")}
    assert articles == {good_one.article.id, good_two.article.id}
    assert graph.query("MATCH (e {id: 'organization:only-in-conflict'}) RETURN e") == []
    tessaly = graph.query("MATCH (e:Entity {id: 'location:tessaly'}) RETURN labels(e) AS l")
    assert [sorted(r["l"]) for r in tessaly] == [["Entity", "Location"]]
    with pytest.raises(WriteError, match="article:conflict"):
        writer.write(conflicting)


def test_hostile_strings_are_stored_verbatim(writer: GraphWriter, graph: Any) -> None:
    hostile = '"}) DETACH DELETE n //'
    quote = "'; MATCH (n) DETACH DELETE n; //"
    text = f"{hostile} said {quote}."
    speaker = entity_id("person", hostile)
    extraction = Extraction.model_validate(
        {
            "article": {"id": "article:hostile", "title": hostile, "url": None, "text": text},
            "entities": [
                {
                    "id": speaker,
                    "type": "person",
                    "name": hostile,
                    "aliases": [quote],
                    "role": "`x`",
                }
            ],
            "statements": [
                {
                    "id": "s",
                    "speaker": hostile,
                    "speaker_id": speaker,
                    "speaker_kind": "person",
                    "kind": "direct",
                    "verb": "said",
                    "text": quote,
                    "sentence": text,
                    "span": [text.index(quote), len(text) - 1],
                }
            ],
        }
    )
    writer.write(extraction)
    row = graph.query(
        """
        MATCH (s:Actor)-[:STATED]->(c:Claim)-[:REPORTED_IN]->(a:Article)
        RETURN s.name AS name, s.aliases AS aliases, s.role AS role, c.text AS claim,
               a.title AS title, a.text AS text
        """
    )
    assert row == [
        {
            "name": hostile,
            "aliases": [hostile, quote],
            "role": "`x`",
            "claim": quote,
            "title": hostile,
            "text": text,
        }
    ]
    assert graph.counts()["Article"] == 1


def test_duplicate_article_in_one_batch_is_written_in_order(
    writer: GraphWriter, graph: Any, news_factory: News
) -> None:
    first = news_factory()
    second = news_factory(with_official=False)
    results = writer.write_batch([first, second, first])
    assert [r.status for r in results] == ["loaded", "replaced", "replaced"]
    assert graph.counts()["Claim"] == 3


def test_many_articles_span_several_transactions(
    empty_graph: Any, neo4j_settings: Any, graph: Any, news_factory: News
) -> None:
    small = GraphWriter(
        empty_graph, neo4j_settings.neo4j_database, batch_size=2, articles_per_transaction=3
    )
    batch = [news_factory(f"https://example.test/n/{i}") for i in range(10)]
    assert [r.status for r in small.write_many(batch)] == ["loaded"] * 10
    assert [r.status for r in small.write_many(batch)] == ["unchanged"] * 10
    counts = graph.counts()
    # The minister's two statements are one claim each, carried by all ten articles; each
    # article's anonymous official is its own source.
    assert counts["Article"] == 10 and counts["Claim"] == 12 and counts["Entity"] == 13
    assert counts["REPORTED_IN"] == 30
