"""The request id reaches every log record, whichever logger, and uvicorn's format."""

from __future__ import annotations

import logging

import pytest

from kgapi.api.middleware.request_id import request_id_var
from kgapi.api.request_logging import (
    LOG_FORMAT,
    install_request_id_logging,
    uvicorn_log_config,
)


@pytest.mark.parametrize("logger_name", ["kgapi.api", "uvicorn.access", "neo4j", "some.library"])
def test_every_record_carries_the_current_request_id(logger_name: str) -> None:
    install_request_id_logging()
    token = request_id_var.set("req-42")
    try:
        record = logging.getLogger(logger_name).makeRecord(
            logger_name, logging.INFO, __file__, 1, "message", None, None
        )
    finally:
        request_id_var.reset(token)
    assert record.request_id == "req-42"
    assert "[req-42]" in logging.Formatter(LOG_FORMAT).format(record)


def test_outside_a_request_the_id_is_a_dash() -> None:
    install_request_id_logging()
    record = logging.getLogger("kgapi").makeRecord(
        "kgapi", logging.INFO, __file__, 1, "m", None, None
    )
    assert record.request_id == "-"


def test_uvicorn_log_config_puts_the_id_in_both_formats() -> None:
    formatters = uvicorn_log_config()["formatters"]
    assert "%(request_id)s" in formatters["default"]["fmt"]
    assert "%(request_id)s" in formatters["access"]["fmt"]


def test_uvicorn_log_config_prints_kgapi_lines_once() -> None:
    """The app's lines (the access log among them) go through uvicorn's handler only."""
    assert uvicorn_log_config()["loggers"]["kgapi"]["propagate"] is False


@pytest.mark.parametrize("module", ["kgapi.api.request_logging", "kgapi.api.middleware"])
def test_each_module_imports_first_in_a_fresh_interpreter(module: str) -> None:
    # `kgapi serve` imports request_logging before the app: a cycle through the
    # middleware package once broke exactly that order while the suite stayed green.
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
    assert done.returncode == 0, done.stderr.decode()


def test_a_process_that_never_creates_the_app_logs_with_the_config_too() -> None:
    """uvicorn's supervisor of `kgapi serve --workers N` applies the log config and logs
    ("Started parent process") without ever creating the app: no logging error."""
    import subprocess
    import sys

    script = (
        "import logging, logging.config\n"
        "from kgapi.api.request_logging import uvicorn_log_config\n"
        "logging.config.dictConfig(uvicorn_log_config())\n"
        "logging.getLogger('uvicorn.error').info('Started parent process [1]')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "Logging error" not in result.stderr, result.stderr
    assert "Started parent process [1]" in result.stderr
