"""Results of expensive reads kept per API process, never older than the graph.

Each result is kept with the graph's data version (`data_version`) read before it was
computed. A request first reads the committed version (one small round trip), and is
answered from the cache only when its entry was computed at that very version: any
write committed since, by any process (`kgapi load`, another API worker, the ingest
routes), has raised the version, and the result is computed again. A write that commits
while a result is computed leaves that result filed under the older version: the next
request recomputes it. So a cached answer is never older than the last committed write
when the request arrived, which is what an uncached read gives too.

Bounded: the least recently used entries go first past `size`. Only reads whose cost
grows with the graph are worth it (the network around a hub); the others are an index
seek and cost less than the version read.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, TypeVar

from kgapi.graph import data_version
from kgapi.graph.reader import GraphReader

T = TypeVar("T")


class ResultCache:
    """At most `size` results, each with the data version it was computed at."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self.hits = 0
        self.misses = 0

    async def get(
        self, reader: GraphReader, key: Hashable, compute: Callable[[], Awaitable[T]]
    ) -> T:
        """The result for `key`: from the cache when computed at the committed version,
        else `compute()` (kept, unless the graph has no data version)."""
        version = await data_version.current(reader)
        if version is None:
            return await compute()
        entry = self._entries.get(key)
        if entry is not None and entry[0] == version:
            self._entries.move_to_end(key)
            self.hits += 1
            result: T = entry[1]
            return result
        self.misses += 1
        result = await compute()
        self._entries[key] = (version, result)
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)
        return result
