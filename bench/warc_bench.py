"""WARC streaming: memory stays flat when the archive grows tenfold.

    .venv/bin/python bench/warc_bench.py [--pages 500] [--scale 10] [--dir /tmp/warc-bench]

Writes two gzipped WARC files the way crawlers do (per page a request and a 200 HTML
response of a generated news story, 2-5 KB of HTML; plus a warcinfo record), one with
`--pages` pages and one with `--scale` times as many. Each file is then read in a fresh
process by `kgapi.ingest.read.read_inputs` — what `kgapi load news.warc.gz` runs, warcio +
trafilatura — consuming each article as it comes (as the loader does), and the process
reports its peak RSS (`ru_maxrss`) and its RSS after 10%, 50% and 100% of the records.

Control, same files: a process that keeps every article in a list (`list(read_inputs(...))`)
— what a reader that is not streaming would hold. Its memory must grow with the file; if it
did not, the measure could not see growth either.

Extraction and writing are not in this measure: they take articles from this stream through
bounded windows (`kgapi.pipeline`), measured by `bench/load_bench.py`.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_PEOPLE = [
    ("Harbour Minister", "Mara Velden"),
    ("union leader", "Tomas Ekwall"),
    ("Transport Minister", "Ilse Marrow"),
    ("engineer", "Petra Lind"),
    ("Mayor", "Ana Ruiz"),
    ("council leader", "Samuel Okafor"),
]
_PLACES = ["Tessaly", "Vossberg", "Orvik", "Karnholm", "Ledra", "Sunmouth"]
_TOPICS = ["the new port", "the rail strike", "the dam inquiry", "the budget", "the bridge"]
_VERBS = ["said", "told reporters", "warned", "added", "insisted"]
_DAYS = ["on Monday", "on Tuesday", "last week", "yesterday", "earlier this month", ""]


def _story(rng: random.Random, n: int) -> tuple[str, str]:
    """A made-up news page: (url, html) with 8-16 paragraphs of quotes and reporting."""
    place = rng.choice(_PLACES)
    topic = rng.choice(_TOPICS)
    title = f"{place}: the latest on {topic} ({n})"
    paragraphs = []
    for _ in range(rng.randint(8, 16)):
        role, name = rng.choice(_PEOPLE)
        verb, day = rng.choice(_VERBS), rng.choice(_DAYS)
        other = rng.choice(_PLACES)
        paragraphs.append(
            f'"We will see {topic} through in {place}, whatever it costs," {role} {name} {verb}'
            f" {day}. Officials in {other} said the plan had been changed {rng.randint(2, 9)}"
            f" times since it was first put to the council, and that a vote was expected soon."
        )
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    html = (
        f"<!doctype html><html><head><title>{title}</title>"
        f'<meta property="article:published_time" content="2024-03-{1 + n % 28:02d}T09:00:00+01:00">'
        f"</head><body><nav>Home | News | {place}</nav><article><h1>{title}</h1>{body}</article>"
        "<footer>All rights reserved.</footer></body></html>"
    )
    return f"https://herald.example/{place.lower()}/{n}", html


def write_archive(path: Path, pages: int, seed: int = 7) -> None:
    """A gzipped WARC file of `pages` generated pages (request + response each)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    rng = random.Random(seed)
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "warc_bench"}))
        for n in range(pages):
            url, html = _story(rng, n)
            request = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "herald.example")], is_http_request=True
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "request", payload=BytesIO(b""), http_headers=request
                )
            )
            body = html.encode()
            headers = StatusAndHeaders(
                "200 OK",
                [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))],
                protocol="HTTP/1.1",
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=BytesIO(body), http_headers=headers
                )
            )


def _rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(path: Path, records_total: int, keep: bool) -> dict[str, float]:
    """Read the archive in this process; its memory figures (MB) and counts."""
    from kgapi.ingest.read import read_inputs
    from kgapi.model import Article

    marks = {round(records_total * f): f"rss_{int(f * 100)}" for f in (0.1, 0.5)}
    seen = 0
    figures: dict[str, float] = {"rss_start": _rss_mb()}

    def on_record() -> None:
        nonlocal seen
        seen += 1
        if seen in marks:
            figures[marks[seen]] = _rss_mb()

    started = time.perf_counter()
    stream = read_inputs([path], on_record=on_record)
    if keep:
        kept = list(stream)
        articles = sum(isinstance(a, Article) for a in kept)
    else:
        articles = sum(isinstance(a, Article) for a in stream)
    figures.update(
        seconds=time.perf_counter() - started,
        records=seen,
        articles=articles,
        rss_100=_rss_mb(),
        peak=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    )
    return figures


def _in_child(path: Path, records: int, keep: bool) -> dict[str, float]:
    command = [sys.executable, __file__, "--measure", str(path), "--records", str(records)]
    out = subprocess.run(
        [*command, *(["--keep"] if keep else [])], check=True, capture_output=True, text=True
    ).stdout
    return dict(json.loads(out.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=500)
    parser.add_argument("--scale", type=int, default=10)
    parser.add_argument("--dir", type=Path, default=Path("/tmp/warc-bench"))
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--records", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--keep", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.records, args.keep)))
        return

    args.dir.mkdir(parents=True, exist_ok=True)
    sizes = [args.pages, args.pages * args.scale]
    files = {}
    for pages in sizes:
        path = args.dir / f"news-{pages}.warc.gz"
        if not path.exists():
            write_archive(path, pages)
        files[pages] = path
    print(
        "| reader | pages | records | file MB | articles | s | RSS MB at 10% / 50% / 100% | peak RSS MB |"
    )
    print("|---|---:|---:|---:|---:|---:|---|---:|")
    results: dict[tuple[bool, int], dict[str, float]] = {}
    for keep in (False, True):
        for pages in sizes:
            path = files[pages]
            records = 1 + 2 * pages
            r = results[keep, pages] = _in_child(path, records, keep)
            label = "list(...) (control)" if keep else "streaming"
            print(
                f"| {label} | {pages:,} | {int(r['records']):,} | {path.stat().st_size / 1e6:.1f}"
                f" | {int(r['articles']):,} | {r['seconds']:.1f}"
                f" | {r['rss_10']:.0f} / {r['rss_50']:.0f} / {r['rss_100']:.0f} | {r['peak']:.0f} |",
                flush=True,
            )
    small, big = sizes
    stream_ratio = results[False, big]["peak"] / results[False, small]["peak"]
    keep_ratio = results[True, big]["peak"] / results[True, small]["peak"]
    print(
        f"\npeak RSS, {args.scale}x the pages: streaming x{stream_ratio:.2f}, control x{keep_ratio:.2f}"
    )


if __name__ == "__main__":
    main()
