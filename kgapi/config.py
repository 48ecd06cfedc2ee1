"""The one settings class: every knob kgapi reads from the environment or `.env`."""

from __future__ import annotations

import ipaddress
from pathlib import Path

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# The managed server and the Docker image are pinned to the same release.
NEO4J_VERSION = "2026.08.1"

#: The Neo4j driver's URI schemes: `bolt` (one server), `neo4j` (routing: a cluster, Aura, or
#: one server that routes for itself); `+s` adds TLS with verified certificates, `+ssc`
#: TLS with a self-signed one.
NEO4J_URI_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")


class Settings(BaseSettings):
    """kgapi configuration.

    Neo4j settings use the names Neo4j users already know (`NEO4J_URI`, ...);
    everything else is prefixed `KGAPI_`.
    """

    model_config = SettingsConfigDict(
        env_prefix="KGAPI_", env_file=".env", extra="ignore", populate_by_name=True
    )

    # --- Neo4j connection -------------------------------------------------
    neo4j_uri: str = Field(
        default="",
        validation_alias=AliasChoices("NEO4J_URI", "neo4j_uri"),
        description=(
            "Unset: the managed server, bolt://127.0.0.1:<bolt_port>. bolt:// talks to one "
            "server; neo4j:// (and neo4j+s:// for TLS, as on Aura) routes reads to "
            "followers and read replicas of a cluster, writes to its leader."
        ),
    )
    neo4j_user: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_USER", "neo4j_user")
    )
    neo4j_password: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("NEO4J_PASSWORD", "neo4j_password"),
        description="Unset: the password the managed server generated on first start.",
    )
    neo4j_database: str = Field(
        default="neo4j", validation_alias=AliasChoices("NEO4J_DATABASE", "neo4j_database")
    )
    neo4j_connect_timeout: float = Field(
        default=2.0, description="Seconds before an unreachable Neo4j is reported (503)."
    )
    neo4j_query_timeout: float = Field(
        default=10.0, description="Server-side timeout of API reads, seconds."
    )
    neo4j_max_concurrency: int = Field(
        default=16,
        ge=1,
        description="Neo4j queries one API process runs at once; the rest wait in line.",
    )
    neo4j_queue_timeout: float = Field(
        default=5.0,
        gt=0,
        description="Seconds a query waits in that line before the API answers 503.",
    )
    neo4j_warm_up_timeout: float = Field(
        default=60.0,
        gt=0,
        description="Seconds the API warms a Neo4j that came back (its hot reads, answering "
        "503 meanwhile) before it serves anyway.",
    )

    # --- Managed local Neo4j server ----------------------------------------
    home: Path = Field(
        default=Path(".kgapi"),
        description="Data directory: managed Neo4j data, logs, pid file, password.",
    )
    jar_cache: Path = Field(
        default=Path.home() / ".cache" / "kgapi",
        description="Where Neo4j's jars are cached, shared by every checkout on the machine.",
    )
    bolt_port: int = 7687
    http_port: int = 7474
    neo4j_heap: str = Field(
        default="auto", description="Managed server's heap; auto: 1/8 of RAM, 1g..8g."
    )
    neo4j_pagecache: str = Field(
        default="auto", description="Managed server's page cache; auto: 1/8 of RAM, 512m..16g."
    )
    neo4j_min_free_disk: str = Field(
        default="256m",
        description="Free disk the managed server needs to start or take a load (k/m/g/t).",
    )
    java_home: Path | None = Field(
        default=None, description="JDK to run Neo4j on; default: newest found."
    )

    # --- Loading ----------------------------------------------------------
    batch_size: int = Field(
        default=5000, ge=1, description="Rows per UNWIND batch in the writer (measured best)."
    )
    max_article_chars: int = Field(
        default=500_000, ge=1, description="Longer articles are refused."
    )
    spacy_model: str = Field(
        default="", description="spaCy pipeline; empty: en_core_web_sm if installed."
    )

    # --- API --------------------------------------------------------------
    api_keys: list[str] = Field(
        default_factory=list,
        description="Accepted API keys, plain or as 'sha256:<hex>', each with every scope.",
    )
    keys_file: Path | None = Field(
        default=None,
        description="Keys made by `kgapi keys create` (hashes and scopes); unset: <home>/keys.json.",
    )
    require_key_for_reads: bool = False
    cors_origins: list[str] = Field(default_factory=list)
    max_body_bytes: int = 2_000_000
    max_page_size: int = 100
    result_cache_size: int = Field(
        default=256,
        ge=0,
        description="Networks kept per API process, each served only while no kgapi write "
        "has committed since it was computed (kgapi.graph.result_cache); 0: none.",
    )
    cypher_row_cap: int = 1000
    cypher_max_bytes: int = Field(
        default=10_000_000,
        ge=1,
        description="JSON bytes of rows /cypher returns before it truncates.",
    )
    cypher_timeout: float = Field(
        default=5.0, gt=0, description="Server-side transaction timeout of /cypher, seconds."
    )
    cypher_concurrency_per_key: int = Field(
        default=1, ge=1, description="/cypher queries one key may have running at once."
    )
    rate_limits: str = Field(
        default="",
        description="Rate limits (syntax in kgapi.access.rate_limits); 'off' disables them.",
    )
    trusted_proxy_header: str = Field(
        default="",
        description="Header carrying the client address (e.g. X-Forwarded-For), believed "
        "only from trusted_proxies; unset: the TCP peer is the client.",
    )
    trusted_proxies: list[str] = Field(
        default_factory=lambda: ["127.0.0.1", "::1"],
        description="Addresses or networks of the reverse proxies whose header is believed.",
    )
    apply_schema_on_start: bool = True

    # --- GraphQL subscriptions (kgapi.api.change_feed) --------------------
    subscription_poll_interval: float = Field(
        default=0.5, gt=0, description="Seconds between polls for new articles (one per process)."
    )
    subscription_lookback: float = Field(
        default=30.0,
        gt=0,
        description="Seconds of ingest stamps each poll re-reads: a write transaction that "
        "commits later than this after it started is missed.",
    )
    max_subscriptions: int = Field(
        default=1000, ge=1, description="Subscriptions one API process serves at once."
    )
    max_subscriptions_per_connection: int = Field(
        default=20, ge=1, description="Subscriptions one WebSocket connection may hold."
    )
    subscription_idle_timeout: float = Field(
        default=300.0, gt=0, description="Seconds a WebSocket may stay open with no subscription."
    )
    subscription_queue_size: int = Field(
        default=100,
        ge=1,
        description="Updates waiting for a slow subscriber before it is disconnected.",
    )

    @field_validator("rate_limits")
    @classmethod
    def _rate_limits_parse(cls, value: str) -> str:
        # Fail at start-up with the entry at fault, not on the first request.
        from kgapi.access.rate_limits import parse_rate_limits

        parse_rate_limits(value)
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_are_networks(cls, value: list[str]) -> list[str]:
        for entry in value:
            ipaddress.ip_network(entry, strict=False)  # ValueError names the bad entry
        return value

    @model_validator(mode="after")
    def _default_uri_is_the_managed_server(self) -> Settings:
        # KGAPI_BOLT_PORT alone must be enough to reach a managed server on another port.
        if not self.neo4j_uri:
            self.neo4j_uri = f"bolt://127.0.0.1:{self.bolt_port}"
        scheme = self.neo4j_uri.partition("://")[0].lower()
        if scheme not in NEO4J_URI_SCHEMES:
            # The driver would only say "URI scheme is not supported" at the first query.
            raise ValueError(
                f"NEO4J_URI {self.neo4j_uri!r}: the scheme must be one of "
                f"{', '.join(s + '://' for s in NEO4J_URI_SCHEMES)} "
                "(neo4j:// for a cluster or Aura, bolt:// for one server)"
            )
        return self

    @property
    def key_file_path(self) -> Path:
        """Where `kgapi keys` stores key hashes and scopes."""
        return self.keys_file or self.home / "keys.json"

    @property
    def neo4j_home(self) -> Path:
        """Directory of the managed Neo4j server (conf, data, logs, pid)."""
        return self.home / "neo4j"

    @property
    def password_file(self) -> Path:
        return self.neo4j_home / "password"

    def resolved_password(self) -> str:
        """The Neo4j password: configured, else the one the managed server generated."""
        if self.neo4j_password is not None:
            return self.neo4j_password.get_secret_value()
        if self.password_file.exists():
            return self.password_file.read_text().strip()
        raise RuntimeError(
            "No Neo4j password: set NEO4J_PASSWORD, or start the managed server with `kgapi neo4j start`."
        )
