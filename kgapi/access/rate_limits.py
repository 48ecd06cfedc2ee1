"""`KGAPI_RATE_LIMITS`: the rate limits, in one setting.

Syntax (entries separated by `;`; each overrides the default for that caller and class):

    WHO.CLASS = RATE [burst N]        e.g.  anonymous.reads = 20/second burst 40
    storage = URI                     limits' storage (default memory://)

- WHO: `anonymous` (no valid key: limited per client IP), `key` (every key, each its own
  budget), or `key:NAME` (one key by its name, overriding `key`);
- CLASS: `reads`, `writes`, `cypher`, `graphql`, or `*` for all four;
- RATE: `N/second`, `N/minute`, `N/hour`, `N/day` (or `N/s`, `N/m`, `N/h`, `N/d`,
  `N per second`, `N/10 seconds`), or `off` for no limit on that class;
- `burst N`: N requests may come at once; it is enforced as a moving window of N
  requests per N/R seconds (rounded up to whole seconds), so the sustained rate stays
  at most R. Without it the burst is the rate's own amount.

The whole value `off` turns limiting off (benchmarks; a proxy that limits already); empty
or `default` means the defaults below.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass, field

from limits import RateLimitItem, RateLimitItemPerSecond, parse


class RouteClass(enum.StrEnum):
    """What a request costs against: each class has its own budget per caller."""

    READS = "reads"
    WRITES = "writes"
    CYPHER = "cypher"
    GRAPHQL = "graphql"


ANONYMOUS = "anonymous"
KEY = "key"

#: The defaults (on unless `KGAPI_RATE_LIMITS=off`). Anonymous callers cannot write or
#: run Cypher (401), but guessing keys there is limited like reads.
DEFAULTS = (
    "anonymous.* = 20/second burst 40; "
    "key.reads = 100/second burst 200; key.graphql = 100/second burst 200; "
    "key.writes = 10/second burst 20; key.cypher = 2/second burst 5"
)

_ENTRY = re.compile(
    r"^\s*(?P<who>anonymous|key(?::[^.=\s]+)?)\s*\.\s*(?P<cls>\w+|\*)\s*=\s*(?P<rate>.+?)\s*$"
)
_BURST = re.compile(r"^(?P<rate>.+?)\s+burst\s+(?P<burst>\d+)$", re.IGNORECASE)
_UNITS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}


def _item(text: str) -> RateLimitItem | None:
    """One RATE: a `limits` item (moving window), or None for `off`."""
    if text.lower() in ("off", "none", "unlimited"):
        return None
    burst_match = _BURST.match(text)
    rate_text = burst_match.group("rate") if burst_match else text
    rate_text = re.sub(r"/\s*([smhd])$", lambda m: "/" + _UNITS[m.group(1)], rate_text.strip())
    try:
        item = parse(rate_text)
    except ValueError as exc:
        raise ValueError(f"{text!r} is not a rate like '20/second' ({exc})") from None
    if item.amount < 1:
        raise ValueError(f"{text!r}: the amount must be at least 1")
    if not burst_match:
        return item
    burst = int(burst_match.group("burst"))
    if burst < 1:
        raise ValueError(f"{text!r}: the burst must be at least 1")
    per_second = item.amount / item.get_expiry()
    return RateLimitItemPerSecond(burst, max(1, math.ceil(burst / per_second)))


@dataclass(frozen=True)
class RateLimitSpec:
    """Parsed limits: per (who, class), `None` meaning unlimited; `named` for `key:NAME`."""

    anonymous: dict[RouteClass, RateLimitItem | None] = field(default_factory=dict)
    key: dict[RouteClass, RateLimitItem | None] = field(default_factory=dict)
    named: dict[str, dict[RouteClass, RateLimitItem | None]] = field(default_factory=dict)
    storage: str = "memory://"

    def limit_for(self, route_class: RouteClass, key_name: str | None) -> RateLimitItem | None:
        """The limit of an anonymous caller (`key_name` None) or of the named key."""
        if key_name is None:
            return self.anonymous.get(route_class)
        named = self.named.get(key_name, {})
        if route_class in named:
            return named[route_class]
        return self.key.get(route_class)


def _apply(spec: RateLimitSpec, text: str) -> None:
    for raw in text.split(";"):
        entry = raw.strip()
        if not entry:
            continue
        name, _, value = entry.partition("=")
        if name.strip().lower() == "storage":
            object.__setattr__(spec, "storage", value.strip())
            continue
        match = _ENTRY.match(entry)
        if match is None:
            raise ValueError(
                f"KGAPI_RATE_LIMITS: {entry!r} is not WHO.CLASS=RATE "
                "(e.g. 'anonymous.reads=20/second burst 40'; WHO: anonymous, key, key:NAME)"
            )
        cls_text = match.group("cls").lower()
        if cls_text == "*":
            classes = list(RouteClass)
        else:
            try:
                classes = [RouteClass(cls_text)]
            except ValueError:
                allowed = ", ".join(c.value for c in RouteClass)
                raise ValueError(
                    f"KGAPI_RATE_LIMITS: unknown class {cls_text!r} in {entry!r}: use {allowed} or *"
                ) from None
        try:
            item = _item(match.group("rate"))
        except ValueError as exc:
            raise ValueError(f"KGAPI_RATE_LIMITS: {exc}") from None
        who = match.group("who")
        if who == ANONYMOUS:
            target = spec.anonymous
        elif who == KEY:
            target = spec.key
        else:
            target = spec.named.setdefault(who.split(":", 1)[1], {})
        for route_class in classes:
            target[route_class] = item


def parse_rate_limits(text: str) -> RateLimitSpec | None:
    """The limits `text` sets on top of the defaults; None when it is `off`.

    Raises ValueError with a message naming the entry at fault.
    """
    value = text.strip()
    if value.lower() == "off":
        return None
    spec = RateLimitSpec()
    _apply(spec, DEFAULTS)
    if value.lower() not in ("", "default", "defaults"):
        _apply(spec, value)
    return spec
