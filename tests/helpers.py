"""What tests share besides fixtures: paths, the test API key, free ports, graph helpers
and the live app under uvicorn. Fixtures stay in conftest.py; tests import these from here.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import neo4j

from kgapi.config import Settings
from kgapi.graph import data_version
from kgapi.graph.server import free_port
from kgapi.model import ArticleMeta, Entity, Extraction, Statement, article_id, entity_id

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
TEST_API_KEY = "test-key-0123456789"
#: KGAPI_RATE_LIMITS of the shared test server: limiting runs, nothing reaches the limits.
HIGH_RATE_LIMITS = "anonymous.* = 100000/second; key.* = 100000/second"


@dataclass
class GraphState:
    """Whether the graph holds exactly the seeds; tests that change it say so."""

    seeded: bool = False


def wipe_graph(drv: neo4j.Driver, database: str) -> None:
    """Delete every node but the schema-version record."""
    # CALL ... IN TRANSACTIONS needs an implicit (auto-commit) transaction: session.run.
    with drv.session(database=database, default_access_mode=neo4j.WRITE_ACCESS) as session:
        session.run(
            "MATCH (n) WHERE NOT n:KgapiSchema CALL (n) { DETACH DELETE n } IN TRANSACTIONS"
        ).consume()
        data_version.bump(session)  # a write by other means than kgapi's: say so


def graph_counts(drv: neo4j.Driver, database: str) -> dict[str, int]:
    """Node and relationship counts, by label and type: equal counts mean an equal graph."""
    from kgapi.graph.stats import graph_counts as counts

    return counts(drv, database)


@dataclass
class LiveServer:
    """The real app under uvicorn on a free port, reached over real HTTP."""

    url: str
    settings: Settings

    def client(self, **kwargs: object) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=30, **kwargs)  # type: ignore[arg-type]


@contextmanager
def serve_app(settings: Settings) -> Iterator[LiveServer]:
    """Run the real app for `settings` under uvicorn on a free port, in a background thread.

    For tests that need an app of their own (other settings, a Neo4j that goes away).
    """
    import uvicorn

    from kgapi.api.app import create_app

    port = free_port()
    # proxy_headers=False, as `kgapi serve` runs it: the client address is the peer's
    # unless KGAPI_TRUSTED_PROXY_HEADER says otherwise.
    config = uvicorn.Config(
        create_app(settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        proxy_headers=False,
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the API did not start")
        time.sleep(0.05)
    try:
        yield LiveServer(url=f"http://127.0.0.1:{port}", settings=settings)
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# Written for the tests (not published news): one new statement by Blinken, about the
# Arctic, so the seeded Blinken-about-Ukraine answer stays two.
NEW_BLINKEN_ARTICLE = """Blinken proposes Arctic shipping talks

WASHINGTON — Secretary of State Antony Blinken said on Tuesday that the United States
would open talks with Norway on shipping lanes through the Arctic.

"We want clear rules for the Arctic before the ice is gone," Blinken told reporters at
the State Department.
"""


def load_in_another_process(path: Path, settings: Settings) -> None:
    """`kgapi load PATH`, a process of its own, as an operator runs it."""
    kgapi_in_another_process(["load", str(path)], settings)


def kgapi_in_another_process(args: list[str], settings: Settings) -> None:
    """`kgapi ARGS...` on `settings`' Neo4j, a process of its own; it must succeed."""
    env = {
        **os.environ,
        "NEO4J_URI": settings.neo4j_uri,
        "NEO4J_USER": settings.neo4j_user,
        "NEO4J_PASSWORD": settings.resolved_password(),
        "NEO4J_DATABASE": settings.neo4j_database,
    }
    kgapi = Path(sys.executable).parent / "kgapi"
    done = subprocess.run([str(kgapi), *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr


def chain_article(n: int, first: str, second: str) -> Extraction:
    """A made-up article mentioning two places: chains of them make a network path."""
    text = f"Ferries run from {first} to {second} again, the port office reported ({n})."
    return Extraction(
        article=ArticleMeta(id=article_id(url=None, text=text), title=f"Ferries {n}", text=text),
        entities=[
            Entity(id=entity_id("location", name), type="location", name=name)
            for name in (first, second)
        ],
    )


def quotes_article(url: str, speaker: str, quotes: list[str], source: str) -> Extraction:
    """A made-up article in which `speaker` says each of `quotes`, one sentence each
    ('Fenn Jessup said: "…"'), with each statement's span in the text."""
    sentences = [f'{speaker} said: "{q}"' for q in quotes]
    text = " ".join(sentences)
    speaker_id = entity_id("person", speaker)
    statements = []
    at = 0
    for n, (q, sentence) in enumerate(zip(quotes, sentences, strict=True)):
        start = text.index(q, at)
        at = start + len(q)
        statements.append(
            Statement(
                id=f"s{n}",
                speaker=speaker,
                speaker_id=speaker_id,
                speaker_kind="person",
                kind="direct",
                verb="said",
                text=q,
                sentence=sentence,
                span=(start, at),
            )
        )
    meta = ArticleMeta(
        id=article_id(url=url, text=text), title=url, url=url, source=source, text=text
    )
    person = Entity(id=speaker_id, type="person", name=speaker, mentions=len(quotes))
    return Extraction(article=meta, entities=[person], statements=statements)
