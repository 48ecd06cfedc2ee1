"""One statement, many reports: a made-up corpus of outlets carrying the same statements.

Seven invented outlets report the harbour minister Mara Velden (and, once, another
politician using her very words). The same statement comes verbatim, with other
punctuation, case and quote marks, as an excerpt, as an excerpt with an ellipsis, with a
few words changed, and as a paraphrase that shares most of its words; next to them stand
statements that must stay apart (a paraphrase sharing only part of the words, another
speaker). The corpus must load to exactly the expected claims and reports whatever the
order, and deleting articles must leave what loading the rest alone gives.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import neo4j
import pytest

from kgapi.config import Settings
from kgapi.graph.schema import apply_schema
from kgapi.graph.writer import GraphWriter
from kgapi.model import Entity, Extraction, Statement, entity_id
from tests.outlets import FULL, OUTLETS, TESSALY, outlet


def snapshot(graph: Any) -> list[dict[str, Any]]:
    """Every claim with its reports: what must not depend on the loading order."""
    return graph.query(
        """
        MATCH (s)-[:STATED]->(c:Claim)
        CALL (c) {
          MATCH (c)-[r:REPORTED_IN]->(a:Article)
          WITH c, r, a ORDER BY coalesce(r.id, c.id)
          RETURN collect([coalesce(r.id, c.id), a.source, coalesce(r.text, c.text), r.primary])
            AS reports
        }
        RETURN s.id AS speaker, c.id AS id, c.text AS text, c.kind AS kind,
               c.report_count AS report_count, toString(c.first_reported) AS first_reported,
               c.stated_on AS stated_on, c.day AS day, reports,
               [(c)-[:ABOUT]->(e) | e.id] AS about,
               COUNT { (c)-[:KEYED]->(c) } AS keys
        ORDER BY id
        """
    )


def reports_of(rows: list[dict[str, Any]]) -> list[set[str]]:
    """Each claim as the set of outlets reporting it."""
    return sorted(({r[1] for r in row["reports"]} for row in rows), key=sorted)


EXPECTED = sorted(
    [
        {
            "Harbour Gazette",
            "Coastal Courier",
            "Tessaly Times",
            "Northern Ledger",
            "Evening Post",
            "Port Weekly",
        },
        {"Harbour Gazette", "Tessaly Times"},
        {"Coastal Courier", "Northern Ledger"},
        {"Evening Post"},
        {"Port Weekly"},
        {"Marrow Daily"},
    ],
    key=sorted,
)


def load(writer: GraphWriter, names: list[str], *, together: bool = False) -> None:
    extractions = [outlet(name) for name in names]
    if together:
        results = writer.write_batch(extractions)
    else:
        results = [writer.write(e) for e in extractions]
    assert all(r.ok for r in results), results


def test_the_corpus_loads_to_one_claim_per_statement(writer: GraphWriter, graph: Any) -> None:
    load(writer, list(OUTLETS))
    rows = snapshot(graph)
    assert reports_of(rows) == EXPECTED
    counts = graph.counts()
    assert counts["Claim"] == 6 and counts["REPORTED_IN"] == 13 and counts["Article"] == 7

    carried = next(row for row in rows if row["report_count"] == 6)
    # The fullest wording the most reports share is the claim's (the first published of
    # them); its earliest report and statement date are kept.
    assert carried["text"].startswith("“WE WILL OPEN the port of Tessaly by spring — and")
    assert carried["first_reported"] == "2026-03-04T09:00:00Z"
    assert str(carried["stated_on"]) == "2026-03-02"
    assert sum(1 for r in carried["reports"] if r[3]) == 1  # one primary report
    assert carried["about"] == [TESSALY]
    assert carried["keys"] > 1
    ready = next(row for row in rows if row["text"].startswith("Tessaly is ready"))
    assert str(ready["stated_on"]) == "2026-03-03" and ready["report_count"] == 2
    # Every report keeps its own article's wording and span: provenance stays exact.
    spans = graph.query(
        "MATCH (c:Claim)-[r:REPORTED_IN]->(a:Article) "
        "WITH a, coalesce(r.start, c.start) AS start, coalesce(r.end, c.end) AS end, "
        "coalesce(r.text, c.text) AS text, coalesce(r.sentence, c.sentence) AS sentence "
        "RETURN substring(a.text, start, end - start) = text AS exact, "
        "a.text CONTAINS sentence AS in_article"
    )
    assert len(spans) == 13 and all(s["exact"] and s["in_article"] for s in spans)


ORDERS = [
    pytest.param(list(OUTLETS), False, id="forward"),
    pytest.param(list(reversed(OUTLETS)), False, id="reverse"),
    # The two excerpts that only the full quote joins come first: two claims, then one.
    pytest.param(
        [
            "Tessaly Times",
            "Northern Ledger",
            "Marrow Daily",
            "Port Weekly",
            "Evening Post",
            "Coastal Courier",
            "Harbour Gazette",
        ],
        False,
        id="bridge-last",
    ),
    pytest.param(random.Random(7).sample(list(OUTLETS), len(OUTLETS)), False, id="shuffled"),
    pytest.param(list(OUTLETS), True, id="together"),
]


@pytest.mark.parametrize(("names", "together"), ORDERS)
def test_any_order_gives_the_same_graph(
    writer: GraphWriter, graph: Any, names: list[str], together: bool
) -> None:
    load(writer, names, together=together)
    after = snapshot(graph)
    assert reports_of(after) == EXPECTED
    for name in names:
        writer.delete_article(outlet(name).article.id)
    assert graph.counts() == {}
    load(writer, list(OUTLETS), together=True)
    assert snapshot(graph) == after


def test_deleting_reports_keeps_the_claim_until_its_last_report(
    writer: GraphWriter, graph: Any
) -> None:
    load(writer, list(OUTLETS))
    gazette = writer.delete_article(outlet("Harbour Gazette").article.id)
    # Only its reports go: both of its statements are carried elsewhere.
    assert (gazette.found, gazette.claims) == (True, 0)
    counts = graph.counts()
    assert counts["Claim"] == 6 and counts["REPORTED_IN"] == 11
    # The full quote was what joined the lesser versions (two excerpts, a few words
    # changed, a paraphrase): without it they are four statements, exactly as if the rest
    # had been loaded alone.
    courier = writer.delete_article(outlet("Coastal Courier").article.id)
    assert courier.claims == 0 and graph.counts()["Claim"] == 9
    split = snapshot(graph)
    for name in ["Coastal Courier", "Harbour Gazette"]:
        assert writer.delete_article(outlet(name).article.id).found is False
    others = [name for name in OUTLETS if name not in ("Harbour Gazette", "Coastal Courier")]
    for name in others:
        writer.delete_article(outlet(name).article.id)
    assert graph.counts() == {}
    load(writer, others)
    assert snapshot(graph) == split
    # Each of these two carries a version and a paraphrase no one else reports.
    removed = [writer.delete_article(outlet(name).article.id).claims for name in others[2:4]]
    assert others[2:4] == ["Evening Post", "Port Weekly"] and removed == [2, 2]
    rest = snapshot(graph)
    assert reports_of(rest) == sorted(
        [
            {"Tessaly Times"},
            {"Tessaly Times"},
            {"Northern Ledger"},
            {"Northern Ledger"},
            {"Marrow Daily"},
        ],
        key=sorted,
    )
    for name in ["Tessaly Times", "Northern Ledger", "Marrow Daily"]:
        writer.delete_article(outlet(name).article.id)
    assert graph.counts() == {}
    load(writer, ["Tessaly Times", "Northern Ledger", "Marrow Daily"])
    assert snapshot(graph) == rest


def test_a_replaced_report_leaves_the_claim_to_the_others(writer: GraphWriter, graph: Any) -> None:
    load(writer, list(OUTLETS))
    before = snapshot(graph)
    changed = outlet("Tessaly Times")
    # The same article (URL) rewritten without its excerpt of the full quote.
    changed.statements.pop(0)
    assert writer.write(changed).status == "replaced"
    carried = next(row for row in snapshot(graph) if row["report_count"] == 5)
    assert "Tessaly Times" not in {r[1] for r in carried["reports"]}
    assert graph.counts()["Claim"] == 6
    load(writer, ["Tessaly Times"])  # the original again: replaced back
    assert snapshot(graph) == before


def _dated(name: str, index: int, day: date, precision: str, basis: str) -> Extraction:
    """The outlet's article with statement `index` dated so."""
    extraction = outlet(name)
    statements = list(extraction.statements)
    statements[index] = statements[index].model_copy(
        update={"date": day, "date_precision": precision, "date_basis": basis}
    )
    return extraction.model_copy(update={"statements": statements})


def test_a_carried_statement_takes_its_most_precise_date(writer: GraphWriter, graph: Any) -> None:
    """A date read in a report's text beats another's publication day, a day beats a
    week; the claim keeps the winner's precision and basis, each edge its own."""
    published = _dated("Harbour Gazette", 0, date(2026, 3, 5), "day", "published")
    week = _dated("Coastal Courier", 0, date(2026, 3, 2), "week", "text")
    day = _dated("Tessaly Times", 0, date(2026, 3, 3), "day", "text")
    query = (
        "MATCH (c:Claim) WHERE c.report_count > 1 AND c.text CONTAINS 'creditors' "
        "RETURN toString(c.stated_on) AS on, c.date_precision AS precision, "
        "c.date_basis AS basis, [(c)-[r:REPORTED_IN]->() | r.date_precision] AS edges"
    )
    assert all(r.ok for r in writer.write_batch([published, week]))
    [claim] = graph.query(query)
    assert (claim["on"], claim["precision"], claim["basis"]) == ("2026-03-02", "week", "text")
    assert sorted(claim["edges"]) == ["day", "week"]
    assert writer.write(day).ok
    [claim] = graph.query(query)
    assert (claim["on"], claim["precision"], claim["basis"]) == ("2026-03-03", "day", "text")


def test_a_sole_reports_date_and_subjects_go_on_its_edge_when_another_joins(
    writer: GraphWriter, graph: Any
) -> None:
    """A claim's only report keeps its date and subjects on the claim alone; a second report
    joining writes them to the first one's edge, and removing it makes them the claim's."""
    published = _dated("Harbour Gazette", 0, date(2026, 3, 5), "day", "published")
    week = _dated("Coastal Courier", 0, date(2026, 3, 2), "week", "text")
    query = (
        "MATCH (c:Claim) WHERE c.text CONTAINS 'creditors' "
        "RETURN toString(c.stated_on) AS on, c.date_precision AS precision, "
        "c.report_count AS reports, [(c)-[:ABOUT]->(e) | e.id] AS about, "
        "[(c)-[r:REPORTED_IN]->() | [r.date_precision, r.about]] AS edges"
    )
    assert writer.write(published).ok
    [alone] = graph.query(query)
    assert (alone["on"], alone["precision"], alone["reports"]) == ("2026-03-05", "day", 1)
    assert alone["edges"] == [[None, None]]  # the claim's own
    assert writer.write(week).ok
    [claim] = graph.query(query)
    assert (claim["on"], claim["precision"], claim["reports"]) == ("2026-03-02", "week", 2)
    assert sorted(edge[0] for edge in claim["edges"]) == ["day", "week"]
    assert all(set(edge[1]) <= set(claim["about"]) and edge[1] for edge in claim["edges"])
    writer.delete_article(week.article.id)
    assert graph.query(query) == [alone]


def test_an_older_graphs_string_keys_still_find_their_claims(
    writer: GraphWriter, graph: Any, empty_graph: neo4j.Driver, neo4j_settings: Settings
) -> None:
    """Graphs written before the keys were integers hold `f`/`g` + 16 hex digits: applying
    the schema (008_quote_key_integers.cypher) turns them into the integers the writer
    looks up, so a statement loaded after the upgrade joins the claim loaded before it."""
    database = neo4j_settings.neo4j_database
    load(writer, ["Harbour Gazette"])
    keys = graph.query("MATCH ()-[k:KEYED]->() RETURN elementId(k) AS id, k.key AS key")
    empty_graph.execute_query(
        "UNWIND $rows AS row MATCH ()-[k:KEYED]->() WHERE elementId(k) = row.id "
        "SET k.key = row.key",
        rows=[{"id": k["id"], "key": f"g{k['key']:015x}7"} for k in keys],
        database_=database,
    )
    apply_schema(empty_graph, database)
    assert graph.query("MATCH ()-[k:KEYED]->() WHERE k.key >= '' RETURN k") == []
    load(writer, ["Tessaly Times"])
    upgraded = reports_of(snapshot(graph))
    assert {"Harbour Gazette", "Tessaly Times"} in upgraded
    empty_graph.execute_query(
        "MATCH (n) WHERE NOT n:KgapiSchema DETACH DELETE n", database_=database
    )
    load(writer, ["Harbour Gazette", "Tessaly Times"])
    assert reports_of(snapshot(graph)) == upgraded


def _with_sources(name: str) -> Extraction:
    """The outlet's article with an unnamed official who says the full quote twice (one
    statement) and analysts (a group) who say it once: article-scoped sources."""
    extraction = outlet(name)
    aid = extraction.article.id
    official = entity_id("anonymous", "an official", article=aid)
    analysts = entity_id("group", "analysts", article=aid)
    sentences = [
        f'An official said: "{FULL}"',
        f'Later the official said again: "{FULL}"',
        f'Analysts said: "{FULL}"',
    ]
    text = (extraction.article.text or "") + " " + " ".join(sentences)
    added = []
    for i, (speaker, kind, sentence) in enumerate(
        zip(
            [official, official, analysts],
            ["anonymous", "anonymous", "group"],
            sentences,
            strict=True,
        )
    ):
        start = text.index(sentence) + sentence.index(FULL)
        added.append(
            Statement(
                id=f"scoped{i}",
                speaker="an official" if kind == "anonymous" else "analysts",
                speaker_id=speaker,
                speaker_kind=kind,  # type: ignore[arg-type]
                kind="direct",
                verb="said",
                text=FULL,
                sentence=sentence,
                span=(start, start + len(FULL)),
                about=["Tessaly"],
                about_ids=[TESSALY],
            )
        )
    entities = [
        *extraction.entities,
        Entity(id=official, type="anonymous", name="an official"),
        Entity(id=analysts, type="group", name="analysts"),
    ]
    return extraction.model_copy(
        update={
            "article": extraction.article.model_copy(update={"text": text}),
            "entities": entities,
            "statements": [*extraction.statements, *added],
        }
    )


def test_an_article_scoped_sources_claims_hold_no_keys(writer: GraphWriter, graph: Any) -> None:
    """An anonymous or group source is its article's own: its claims are never looked up
    by another article's reports, so they store no `KEYED` keys, while its repeated words
    in its own article are still one claim, and two articles' officials two claims."""
    gazette, times = _with_sources("Harbour Gazette"), _with_sources("Tessaly Times")
    query = """
        MATCH (s:Actor)-[:STATED]->(c:Claim)
        RETURN s.kind AS kind, c.report_count AS reports, COUNT { (c)-[:KEYED]->(c) } AS keys
        ORDER BY kind, reports
        """
    assert writer.write(gazette).ok and writer.write(times).ok
    rows = graph.query(query)
    scoped = [(r["kind"], r["reports"], r["keys"]) for r in rows if r["kind"] != "person"]
    # Per article: the official's two reports are one claim; the analysts' one.
    assert scoped == [("anonymous", 2, 0)] * 2 + [("group", 1, 0)] * 2
    assert all(r["keys"] > 0 for r in rows if r["kind"] == "person")
    separate = snapshot(graph)
    graph.query("MATCH (n) WHERE NOT n:KgapiSchema DETACH DELETE n")
    assert all(r.ok for r in writer.write_batch([times, gazette]))
    assert snapshot(graph) == separate
