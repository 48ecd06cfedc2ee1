"""docker-compose.yml scales: `docker compose up --scale api=N` behind the Caddy proxy.

No Docker engine runs the tests, so this parses the files and checks what scaling needs;
`docker compose config` and `caddy validate` were run by hand (docs/scaling.md).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    return loaded


@pytest.fixture(scope="module")
def caddyfile() -> str:
    return (REPO / "deploy" / "Caddyfile").read_text()


def test_api_replicas_claim_no_host_port_nor_name(compose: dict[str, Any]) -> None:
    # A fixed host port or container_name would make the second replica fail to start.
    api = compose["services"]["api"]
    assert "ports" not in api and "container_name" not in api
    assert api["expose"] == ["8000"]


def test_the_proxy_alone_publishes_the_api_port(compose: dict[str, Any]) -> None:
    services = compose["services"]
    published = {name for name, service in services.items() if "ports" in service}
    assert published == {"proxy", "neo4j"}
    assert services["proxy"]["ports"] == ["${KGAPI_PORT:-8000}:8000"]
    assert services["proxy"]["depends_on"]["api"]["condition"] == "service_healthy"
    mounts = services["proxy"]["volumes"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in mounts
    assert (REPO / "deploy" / "Caddyfile").is_file()


def test_the_proxy_follows_every_replica_of_the_api_service(caddyfile: str) -> None:
    assert re.search(r"^:8000 \{", caddyfile, re.M)
    block = re.search(r"dynamic a \{(.*?)\}", caddyfile, re.S)
    assert block is not None
    settings = dict(line.split(None, 1) for line in block[1].strip().splitlines())
    assert settings == {"name": "api", "port": "8000", "refresh": "5s"}
    assert "lb_policy least_conn" in caddyfile


def test_replicas_start_after_a_single_seeding(compose: dict[str, Any]) -> None:
    services = compose["services"]
    setup, api = services["setup"], services["api"]
    assert setup["command"][:3] == ["kgapi", "load", "--if-empty"]
    assert setup["restart"] == "no"
    assert api["depends_on"]["setup"]["condition"] == "service_completed_successfully"
    assert "--seed-if-empty" not in api["command"]  # N replicas would race to seed
    assert setup["image"] == api["image"]  # one image built, two roles


def test_every_kgapi_service_reaches_the_same_neo4j(compose: dict[str, Any]) -> None:
    services = compose["services"]
    uris = {services[name]["environment"]["NEO4J_URI"] for name in ("setup", "api")}
    assert uris == {"${NEO4J_URI:-bolt://neo4j:7687}"}
