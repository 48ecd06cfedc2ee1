"""What an analyst's Cypher may do, decided from Neo4j's own plan of it.

`/cypher` runs caller-written Cypher as the database's admin user (Neo4j Community has no
finer roles), so kgapi decides what runs. It does not parse Cypher itself: it asks Neo4j
to plan the query (`EXPLAIN`, which executes nothing) and reads two things Neo4j reports:

- the query type of the result summary (`r` read, `rw`/`w` write, `s` schema/admin);
- the operators of the plan, each with its details (the procedure called, the
  expressions evaluated).

`refusal(query_type, plan)` returns the first reason to refuse, or None. A query is read
only when Neo4j says `r` AND no operator administers, loads files, commits in batches,
writes, or calls a procedure or a namespaced function outside the allowlists below: some
administration (`SHOW SETTINGS`, `SHOW TRANSACTIONS`, `TERMINATE TRANSACTIONS`) and
side-effecting procedures (`db.stats.collect`, `db.resampleIndex`) plan as plain reads,
so the query type alone is not enough, and the operators alone would miss write-mode
procedures — both are checked.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

#: Procedures an analyst may call: schema introspection and index queries, all read-only.
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.nodeTypeProperties",
        "db.schema.relTypeProperties",
        "db.schema.visualization",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
        "db.index.vector.queryNodes",
        "db.index.vector.queryRelationships",
        "db.ping",
    }
)

#: Namespaces of Neo4j's built-in functions an analyst may call (`date.truncate`,
#: `point.distance`, ...). Functions without a namespace are Cypher's own (`count`,
#: `toUpper`) and always allowed; every other namespace — `graph.*` (other databases),
#: `db.*`, `dbms.*`, plugins' `apoc.*`/`gds.*`/`genai.*` — is refused.
ALLOWED_FUNCTION_NAMESPACES = frozenset(
    {
        "date",
        "datetime",
        "duration",
        "localdatetime",
        "localtime",
        "point",
        "time",
        "vector.similarity",
    }
)


class RefusedClass(enum.Enum):
    """Why a query is refused: each class names one thing /cypher does not allow."""

    ADMINISTRATION = "administration"
    WRITE = "write"
    PROCEDURE = "procedure"
    FUNCTION = "function"
    LOAD_CSV = "load-csv"
    CALL_IN_TRANSACTIONS = "call-in-transactions"


@dataclass(frozen=True)
class Refusal:
    """The class of a refused query and a sentence saying what in it was refused."""

    refused: RefusedClass
    reason: str

    @property
    def code(self) -> str:
        """A status code in Neo4j's dotted style, under kgapi's own namespace."""
        return f"Kgapi.Cypher.Refused.{self.refused.name.title().replace('_', '')}"


# Plan operators of administration: SHOW ..., TERMINATE ..., CREATE/DROP INDEX ...,
# system commands (users, roles, databases) planned as `AdministrationCommand`.
_ADMIN_OPERATOR = re.compile(
    r"^(AdministrationCommand|SystemProcedure|Show\w*|Terminate\w*|"
    r"Create(?!$|Node$|Relationship$)\w*|Drop\w*|DoNothingIfExists\w*|Alter\w*|Rename\w*|"
    r"Grant\w*|Revoke\w*|Deny\w*|Start\w*|Stop\w*|Enable\w*|Deallocate\w*|Wait\w*)"
)
# Plan operators that write (Neo4j also reports them in the query type; both are read).
_WRITE_OPERATOR = re.compile(
    r"^(Create|CreateNode|CreateRelationship|Merge\w*|LockingMerge|Set\w*|Remove\w*|"
    r"Delete\w*|DetachDelete\w*|Foreach\w*|LoadCsvPeriodicCommit)$"
)
_LOAD_CSV_OPERATOR = re.compile(r"^LoadCSV")
_IN_TRANSACTIONS_OPERATOR = re.compile(r"^Transaction(Apply|Foreach)")
# A procedure call's details begin with its name: `dbms.listConfig() :: (name :: STRING, ...)`.
_PROCEDURE_NAME = re.compile(r"^\s*`?([\w.`]+?)`?\s*\(")
# A namespaced function call inside an operator's details: `datetime.truncate($a, ...)`.
# Literals never match: the planner replaces them with `$autostring_0`-style parameters.
_NAMESPACED_CALL = re.compile(r"(?<![\w.$`])((?:`?[A-Za-z_]\w*`?\.)+`?[A-Za-z_]\w*`?)\s*\(")


def operators(plan: Mapping[str, Any] | None) -> Iterator[tuple[str, str]]:
    """Every operator of a plan (as the driver returns it) as (operator type, details),
    the `@database` suffix removed."""
    if not plan:
        return
    stack = [plan]
    while stack:
        node = stack.pop()
        operator = str(node.get("operatorType", "")).split("@", 1)[0]
        args = node.get("args") or node.get("arguments") or {}
        yield operator, str(args.get("Details") or "")
        stack.extend(node.get("children") or [])


def _function_allowed(name: str) -> bool:
    namespace = name.rpartition(".")[0]
    return namespace in ALLOWED_FUNCTION_NAMESPACES


def refusal(query_type: str | None, plan: Mapping[str, Any] | None) -> Refusal | None:
    """The first reason to refuse a planned query, or None when it only reads the graph."""
    for operator, details in operators(plan):
        if _ADMIN_OPERATOR.match(operator):
            return Refusal(
                RefusedClass.ADMINISTRATION,
                f"administration commands are not allowed (plan operator {operator})",
            )
        if _LOAD_CSV_OPERATOR.match(operator):
            return Refusal(RefusedClass.LOAD_CSV, "LOAD CSV (reading files or URLs) is not allowed")
        if _IN_TRANSACTIONS_OPERATOR.match(operator):
            return Refusal(
                RefusedClass.CALL_IN_TRANSACTIONS, "CALL { ... } IN TRANSACTIONS is not allowed"
            )
        if operator == "ProcedureCall":
            match = _PROCEDURE_NAME.match(details)
            name = match.group(1).replace("`", "") if match else details.split("(", 1)[0]
            if name not in ALLOWED_PROCEDURES:
                return Refusal(
                    RefusedClass.PROCEDURE,
                    f"procedure {name} is not on the allowlist "
                    f"({', '.join(sorted(ALLOWED_PROCEDURES))})",
                )
            continue  # its details are its signature, not function calls
        if _WRITE_OPERATOR.match(operator):
            return Refusal(RefusedClass.WRITE, f"writes are not allowed (plan operator {operator})")
        for match in _NAMESPACED_CALL.finditer(details):
            name = match.group(1).replace("`", "")
            if not _function_allowed(name):
                return Refusal(
                    RefusedClass.FUNCTION,
                    f"function {name} is not allowed (allowed namespaces: "
                    f"{', '.join(sorted(ALLOWED_FUNCTION_NAMESPACES))}, and Cypher's own)",
                )
    if query_type == "s":
        return Refusal(
            RefusedClass.ADMINISTRATION, "schema and administration commands are not allowed"
        )
    if query_type in ("w", "rw"):
        return Refusal(RefusedClass.WRITE, "writes are not allowed: /cypher reads the graph")
    if query_type != "r":
        return Refusal(RefusedClass.ADMINISTRATION, f"query type {query_type!r} is not a read")
    return None


# `EXPLAIN`/`PROFILE` may follow leading comments and `CYPHER <version/options>`.
_LEADING = re.compile(
    r"^(?P<head>(?:\s+|//[^\n]*(?:\n|$)|/\*.*?\*/)*(?:CYPHER\b[^\n]*?\s+)?)"
    r"(?P<mode>EXPLAIN|PROFILE)\b",
    re.IGNORECASE | re.DOTALL,
)


def explain_text(query: str) -> tuple[str, bool]:
    """The text that plans `query` without running it, and whether `query` is itself an
    `EXPLAIN` (then running it executes nothing either).

    A leading PROFILE becomes EXPLAIN (Neo4j refuses both at once). A form this misses
    gets "EXPLAIN EXPLAIN ..." and Neo4j's syntax error: it fails closed.
    """
    match = _LEADING.match(query)
    if match is None:
        return f"EXPLAIN {query}", False
    if match.group("mode").upper() == "EXPLAIN":
        return query, True
    return f"{match.group('head')}EXPLAIN{query[match.end('mode') :]}", False
