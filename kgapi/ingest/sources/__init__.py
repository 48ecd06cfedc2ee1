"""Where news comes from, one module per kind of source, each yielding what
`kgapi.ingest.read` yields (`Article`s and `ReadError`s) so the one load path takes them:

    feeds   RSS and Atom feeds: one article per entry (feedparser)
    warc    web archives (WARC/ARC, gzipped or not): one article per HTML page, streamed
    web     a URL: a page, a feed, text or JSON, by its content type
    http    bounded fetching (timeout, size cap, content-type check) for `web` and `feeds`
    watch   a directory's new and changed loadable files, as they appear (watchfiles)

`kgapi.ingest.read.read_inputs` picks the source for each path; `kgapi load` uses it.
"""
