"""Request ids: asgi-correlation-id's middleware, configured to kgapi's rule.

A sane incoming `X-Request-ID` (short, no spaces or markup) is kept, anything else is replaced
by a fresh uuid4; the id is echoed on every response and held in a context variable, so the
log records of the request (route code, the Neo4j driver, the access log) carry it.
"""

from __future__ import annotations

import re
import uuid

from asgi_correlation_id import CorrelationIdMiddleware, correlation_id
from fastapi import FastAPI

REQUEST_ID_HEADER = "X-Request-ID"
# An incoming id is kept only when it is short and harmless in a log line or header.
_SANE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")

request_id_var = correlation_id
"""The id of the request being handled (asgi-correlation-id's context variable)."""


def current_request_id() -> str:
    """The id of the request being handled, '-' outside a request."""
    return correlation_id.get() or "-"


def is_sane_request_id(value: str) -> bool:
    """Whether an incoming id may be kept as it is."""
    return _SANE_REQUEST_ID.fullmatch(value) is not None


def new_request_id() -> str:
    """A fresh id: a uuid4 in hex."""
    return uuid.uuid4().hex


def install_request_ids(app: FastAPI) -> None:
    """Add asgi-correlation-id's middleware to `app` with kgapi's rule for incoming ids."""
    app.add_middleware(
        CorrelationIdMiddleware,
        header_name=REQUEST_ID_HEADER,
        update_request_header=False,  # nothing reads it from the request
        generator=new_request_id,
        validator=is_sane_request_id,
        transformer=None,
    )
