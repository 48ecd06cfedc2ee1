"""One claim per statement, many reports: the writer's claim steps, inside its transaction.

`attach` adds new reports: it finds the claims that may be the same statement through the
`quote_key` index (`statement_identity` keys, never a scan; only a claim holding a key with
the tag of a 7-word window the new report has, `candidates`), groups the new reports with
those claims' reports by `statement_identity.cluster`, and writes each group that gained a
report: a new claim, the one existing claim updated in place (the common case: one more
outlet carries a statement), or, when a new report joins several claims, one rebuilt claim.
`detach` removes articles' reports: a claim left without reports goes, the others are
rebuilt from the reports they keep (and split, if the removed report was what joined them).

The claim's properties are a function of its reports only (`claim_row`), so the graph is
the same whatever order the articles come in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import neo4j

from kgapi.graph import aggregates
from kgapi.graph import write_queries as q
from kgapi.graph.read_queries.results import to_native
from kgapi.graph.rows import CLAIM_DATE_PROPERTIES, claim_day
from kgapi.graph.statement_identity import Report, cluster, representative

Exec = Callable[[neo4j.ManagedTransaction, str, list[dict[str, Any]], "str | None"], None]
"""The writer's chunked `UNWIND $rows` runner."""

#: What the claim holds for its primary report (not repeated on that report's edge).
_WORDING = ("text", "kind", "verb", "sentence", "start", "end")

#: Keys per lookup statement. A transaction of 100 articles looks up ~9,000: one
#: statement, as a claim found by two statements would be read back and parsed twice.
_KEY_CHUNK = 50000


def _iso(value: Any) -> str | None:
    """Dates as ISO strings; strings (a date's precision and basis) as they are."""
    if value is None or isinstance(value, str):
        return value
    return str(value.isoformat())


def _about(reports: Sequence[Report]) -> list[dict[str, str]]:
    """The union of the reports' subjects; `text` wins over `context` for an entity named
    in any report."""
    if len(reports) == 1 and len({entity for entity, _ in reports[0].about}) == len(
        reports[0].about
    ):
        return [{"id": e, "basis": how} for e, how in sorted(reports[0].about)]
    basis: dict[str, str] = {}
    for report in reports:
        for entity, how in report.about:
            if basis.get(entity) != "text":
                basis[entity] = how
    return [{"id": entity, "basis": basis[entity]} for entity in sorted(basis)]


# A date the sentence gives beats one taken from publication; a day beats a week, a week
# a month. Unknown precision (older graphs) counts as a day.
_BASIS_RANK = {"text": 0, None: 0, "published": 1}
_PRECISION_RANK = {"day": 0, None: 0, "week": 1, "month": 2}


def best_dated(reports: Iterable[Report]) -> Report | None:
    """The report whose date the claim takes: the most precise date its reports give
    (read from the text before taken from publication; a day before a week before a
    month), the earliest when they disagree; None when no report has a date."""
    dated = [r for r in reports if r.stated_on is not None]
    if not dated:
        return None
    return min(
        dated,
        key=lambda r: (
            _BASIS_RANK.get(r.date_basis, 0),
            _PRECISION_RANK.get(r.date_precision, 0),
            r.stated_on,
            r.id,
        ),
    )


def claim_row(reports: Sequence[Report], added: set[str] | None = None) -> dict[str, Any]:
    """The claim a group of reports makes: the representative's wording and span, the
    earliest statement date and first report, the union of subjects and index keys.

    With `added` (the ids of the group's new reports, the others being stored already),
    `reports` and `keys` hold only what those add: their report rows, and their keys the
    stored reports do not hold (`grown`: held keys that gain tags)."""
    if len(reports) == 1:  # most claims: nothing to choose between
        lead = reports[0]
        dated = lead if lead.stated_on is not None else None
        first = lead.published_at
    else:
        lead = representative(reports)
        dated = best_dated(reports)
        published = [r.published_at for r in reports if r.published_at is not None]
        first = min(published) if published else None
    stated_on = dated.stated_on if dated is not None else None
    keys, grown = _key_rows(reports, added)
    row = {
        "id": lead.id,
        "text": lead.text,
        "kind": lead.kind,
        "verb": lead.verb,
        "sentence": lead.sentence,
        "start": lead.start,
        "end": lead.end,
        "stated_on": _iso(stated_on),
        "date_precision": dated.date_precision if dated is not None else None,
        "date_basis": dated.date_basis if dated is not None else None,
        "day": _iso(claim_day(stated_on, first)),
        "report_count": len(reports),
        "first_reported": _iso(first),
        "speaker_id": lead.speaker_id,
        "about": _about(reports),
        "reports": [
            r.to_row(r.id == lead.id, sole=len(reports) == 1)
            for r in sorted((r for r in reports if added is None or r.id in added), key=_by_id)
        ],
        "keys": keys,
    }
    if added is not None:  # an update (`UPDATE_CLAIMS`)
        row["grown"] = grown
    return row


def _by_id(report: Report) -> str:
    return report.id


def _key_rows(
    reports: Sequence[Report], added: set[str] | None
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The `KEYED` loops a claim of `reports` stores: one a key, with the tags of the
    windows behind it (`statement_identity.Keys`: the union over the reports, sorted), and
    one a fingerprint, without (null: met by any probe of it). The loops depend only on the
    reports, so the graph does not depend on the order they came in.

    Returns the loops to create and (with `added`: the other reports are stored) the held
    keys whose tags grow: only what the new reports change."""
    tags: dict[int, set[int]] = {}
    fingerprints: set[int] = set()
    held: dict[int, set[int]] = {}
    held_fingerprints: set[int] = set()
    # An anonymous or group source's claim is found by no other article: no keys.
    for report in reports:
        if report.scoped:
            continue
        stored = added is not None and report.id not in added
        for key, windows in report.index.stored.items():
            if windows:
                tags.setdefault(key, set()).update(windows)
                if stored:
                    held.setdefault(key, set()).update(windows)
            else:
                (held_fingerprints if stored else fingerprints).add(key)
    create = [{"key": key, "runs": sorted(tags[key])} for key in sorted(tags) if key not in held]
    create.extend({"key": key, "runs": None} for key in sorted(fingerprints - held_fingerprints))
    grown = [
        {"key": key, "runs": sorted(tags[key])}
        for key in sorted(held)
        if len(tags[key]) > len(held[key])
    ]
    return create, grown


class _Stored:
    """A claim as read back from the graph: its id, reports and current subjects."""

    def __init__(self, record: neo4j.Record) -> None:
        claim = to_native(record["claim"])
        self.id: str = claim["id"]
        self.dates = tuple(_iso(claim.get(k)) for k in CLAIM_DATE_PROPERTIES)
        self.about = sorted((e, b) for e, b in record["about"])
        speaker = record["speaker_id"] or ""
        self.reports: list[Report] = []
        self.legacy = False  # a report not kept on its edge yet: rebuild, never update
        self.sole: set[str] = set()  # reports whose dates and subjects are the claim's
        for found in record["reports"]:
            props = to_native(found["props"])
            published = found["published_at"]
            if props.get("primary") is None:
                # Written before reports were kept on the edge: one report, the claim's own.
                props = claim
                about = tuple(self.about)
                self.legacy = True
            elif "about" not in props:
                # A claim's sole report (`Report.to_row`): id (older graphs: on its edge),
                # dates, subjects and wording are the claim's own.
                self.sole.add(props.get("id") or claim["id"])
                props = {**claim, "id": props.get("id") or claim["id"]}
                about = tuple(self.about)
            else:
                about = tuple(zip(props.get("about") or [], props.get("basis") or [], strict=False))
                if props.get("primary"):  # its wording is the claim's
                    props = {**props, **{k: claim.get(k) for k in _WORDING}}
            self.reports.append(
                Report(
                    id=props["id"],
                    article_id=found["article_id"],
                    speaker_id=speaker,
                    text=props.get("text") or "",
                    kind=props.get("kind") or "direct",
                    verb=props.get("verb"),
                    sentence=props.get("sentence") or "",
                    start=props.get("start") or 0,
                    end=props.get("end") or 0,
                    stated_on=props.get("stated_on"),
                    date_precision=props.get("date_precision"),
                    date_basis=props.get("date_basis"),
                    published_at=None if published is None else datetime.fromisoformat(published),
                    about=about,
                )
            )


def probes_of(new: Sequence[Report]) -> tuple[list[int], list[int]]:
    """What `new` look up: the keys they probe and the tags of the windows behind them
    (`statement_identity.Keys`), each sorted. An anonymous or group source's report can
    only join reports of its own article, all in `new`: not looked up."""
    keys: set[int] = set()
    tags: set[int] = set()
    for report in new:
        if not report.scoped:
            for key, windows in report.index.probes.items():
                keys.add(key)
                tags.update(windows)
    return sorted(keys), sorted(tags)


def candidates(
    tx: neo4j.ManagedTransaction, keys: list[int], tags: list[int]
) -> dict[str, _Stored]:
    """The stored claims holding one of `keys` with one of `tags` (a run of 7 words
    shared with a new report: a tag stands for a window's words, and so for the key it
    selected), or without tags (a fingerprint, or a key written before tags were), by id."""
    found: dict[str, _Stored] = {}
    for i in range(0, len(keys), _KEY_CHUNK):
        for record in tx.run(q.CLAIMS_BY_KEYS, keys=keys[i : i + _KEY_CHUNK], tags=tags):
            stored = _Stored(record)
            found[stored.id] = stored
    return found


@dataclass
class Reads:
    """What the duplicate check read back from the graph: the candidate claims its lookup
    found and their reports (each claim's every report is read and parsed)."""

    claims: int = 0
    reports: int = 0

    def add(self, other: Reads) -> None:
        """Add `other`'s counts to these."""
        self.claims += other.claims
        self.reports += other.reports


@dataclass(frozen=True)
class Plan:
    """New reports grouped among themselves, with each group's claim row: what `attach`
    writes for every group that no stored claim can join. Made ahead of the transaction,
    in the writer's mapping thread (grouping and mapping the reports in the transaction's
    thread kept Neo4j waiting: docs/benchmarks.md)."""

    ids: frozenset[str]  # the reports it groups
    groups: list[list[Report]]
    rows: list[dict[str, Any]]


def plan(new: Sequence[Report]) -> Plan:
    """Group `new` by `statement_identity.cluster` and make each group's claim row."""
    groups = cluster(new)
    return Plan(frozenset(r.id for r in new), groups, [claim_row(group) for group in groups])


def attach(
    tx: neo4j.ManagedTransaction, run: Exec, new: Sequence[Report], planned: Plan | None = None
) -> Reads:
    """Write the reports `new` (of articles written in this transaction) into claims.
    `planned`: `plan(new)`, made ahead (made here when absent or for other reports).
    Returns what the duplicate check read back."""
    if not new:
        return Reads()
    if planned is None or planned.ids != {r.id for r in new}:
        planned = plan(new)
    # One lookup of every probe: the fingerprint alone no longer finds a long report's
    # claim (its fingerprint is not stored: `Report.keys`).
    keys, tags = probes_of(new)
    stored = candidates(tx, keys, tags) if keys else {}
    reads = Reads(len(stored), sum(len(claim.reports) for claim in stored.values()))
    # A planned group none of whose marks a stored report holds meets no stored claim (the
    # rule compares only reports sharing a mark): it is a claim of its own, as planned.
    # Only the others are grouped again, with the stored claims they may join.
    held = {mark for claim in stored.values() for r in claim.reports for mark in r.index.marks}
    creates: list[dict[str, Any]] = []
    touched: list[Report] = []
    for group, row in zip(planned.groups, planned.rows, strict=True):
        if held and any(not r.scoped and not held.isdisjoint(r.index.probe_marks) for r in group):
            touched.extend(group)
        else:
            creates.append(row)
    claim_of = {r.id: claim.id for claim in stored.values() for r in claim.reports}
    new_ids = {r.id for r in touched}
    updates: list[dict[str, Any]] = []
    rebuilt: list[str] = []
    # Each stored claim is one statement already, and no two are one: only pairs with a
    # new report need comparing (`cluster`'s `known`).
    for group in cluster(touched, [claim.reports for claim in stored.values()]) if touched else []:
        added = [r for r in group if r.id in new_ids]
        if not added:
            continue  # an existing claim the new reports did not join
        olds = sorted({claim_of[r.id] for r in group if r.id in claim_of})
        if len(olds) == 1 and not stored[olds[0]].legacy:
            before = stored[olds[0]]
            # Only the new reports' edges and the keys the claim does not hold yet.
            row = claim_row(group, {r.id for r in added})
            row["old_id"] = before.id
            # Its sole report is one of several now: its edge takes its dates and subjects.
            row["fill"] = [
                r.to_row(r.id == row["id"]) for r in before.reports if r.id in before.sole
            ]
            row["lead_changed"] = row["id"] != before.id
            row["dates_changed"] = before.dates != tuple(row[k] for k in CLAIM_DATE_PROPERTIES)
            row["about_changed"] = (
                sorted((a["id"], a["basis"]) for a in row["about"]) != before.about
            )
            updates.append(row)
            continue
        rebuilt.extend(olds)  # several claims are one statement now (or none existed)
        creates.append(claim_row(group))
    if rebuilt:
        tx.run(q.DELETE_CLAIM_NODES, ids=rebuilt).consume()
    run(tx, q.UPDATE_CLAIMS, updates, "reports")
    create(tx, run, creates)
    return reads


def create(tx: neo4j.ManagedTransaction, run: Exec, rows: list[dict[str, Any]]) -> None:
    """Create claims from `claim_row`s and count them, in sums (`aggregates.created`)."""
    if not rows:
        return
    run(tx, q.CREATE_CLAIMS, rows, "reports")
    counts = aggregates.created(rows)
    run(tx, aggregates.COUNT_PAIRS, counts["pairs"], None)
    run(tx, aggregates.COUNT_DAYS, counts["days"], None)


def detach(tx: neo4j.ManagedTransaction, run: Exec, article_ids: list[str]) -> int:
    """Remove the reports of `article_ids`; returns how many claims went with their last
    report. Claims that keep reports are rebuilt from them."""
    affected = [_Stored(record) for record in tx.run(q.CLAIMS_OF_ARTICLES, ids=article_ids)]
    if not affected:
        return 0
    gone = set(article_ids)
    remaining = [r for claim in affected for r in claim.reports if r.article_id not in gone]
    groups = cluster(remaining)
    tx.run(q.DELETE_CLAIM_NODES, ids=[claim.id for claim in affected]).consume()
    create(tx, run, [claim_row(group) for group in groups])
    survivors = {r.id for r in remaining}
    return sum(1 for claim in affected if not any(r.id in survivors for r in claim.reports))
