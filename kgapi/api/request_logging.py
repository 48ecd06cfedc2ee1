"""Logging with the request id: every record gets a `request_id` attribute, and uvicorn's
log format shows it."""

from __future__ import annotations

import logging
from typing import Any

from kgapi.api.middleware.request_id import current_request_id

LOG_FORMAT = "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"
"""A log format with the request id; `%(request_id)s` works in any handler's format."""


class RequestIdLogFilter(logging.Filter):
    """Adds `request_id` to a record (for handlers configured outside this module)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = current_request_id()
        return True


_factory_installed = False


def install_request_id_logging() -> None:
    """Give every log record a `request_id` attribute, whichever logger or handler.

    A record factory rather than a filter (asgi-correlation-id ships one): filters on a
    logger do not apply to its children's records, and handlers come and go (uvicorn
    installs its own). Idempotent.
    """
    global _factory_installed
    if _factory_installed:
        return
    previous = logging.getLogRecordFactory()

    def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
        record = previous(*args, **kwargs)
        record.request_id = current_request_id()
        return record

    logging.setLogRecordFactory(factory)
    _factory_installed = True


def uvicorn_log_config() -> dict[str, Any]:
    """uvicorn's logging config with the request id in every line (`log_config=` of uvicorn.run).

    Installs the record factory too: the process that applies this config may never create
    the app (uvicorn's supervisor of `--workers N`, the reloader), and its own lines
    ("Started parent process") need a `request_id` as much as a worker's."""
    from uvicorn.config import LOGGING_CONFIG

    install_request_id_logging()

    config: dict[str, Any] = {**LOGGING_CONFIG, "formatters": dict(LOGGING_CONFIG["formatters"])}
    for name in ("default", "access"):
        formatter = dict(config["formatters"][name])
        formatter["fmt"] = formatter["fmt"].replace(
            "%(levelprefix)s", "%(levelprefix)s [%(request_id)s]"
        )
        config["formatters"][name] = formatter
    config["loggers"] = {
        **LOGGING_CONFIG["loggers"],
        # Not propagated: the CLI's root handler would print every line a second time.
        "kgapi": {"handlers": ["default"], "level": "INFO", "propagate": False},
    }
    return config
