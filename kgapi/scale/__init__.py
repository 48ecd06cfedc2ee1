"""Running the heavy stage beyond one process: sharded, resumable extraction.

`shards` plans the shards, writes them and skips those already written; an engine runs
`shards.extract_shard` (the pipeline's per-article map over one shard) wherever it has
workers: `shards.LocalEngine` in this machine's processes, `ray_engine.RayEngine` on a
Ray cluster (the optional `ray` extra). Nothing here reaches into `kgapi.ingest`'s rules.
"""
