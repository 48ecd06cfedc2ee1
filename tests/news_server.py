"""Test material for the news sources: a real local HTTP server serving pages and feeds, and
writers of real feed and WARC files. The stories are made up for the tests."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

STORIES = [
    (
        "Tessaly port to open by spring",
        "Harbour Minister Mara Velden said on Monday that the new port of Tessaly"
        ' "will open by spring." Critics said the cost had doubled since the plan was approved.',
    ),
    (
        "Rail strike ends in Vossberg",
        '"We have a deal," union leader Tomas Ekwall told reporters in Vossberg on Friday.'
        " Transport Minister Ilse Marrow said trains would run again within days.",
    ),
    (
        "Inquiry clears the Orvik dam",
        'Engineer Petra Lind said the Orvik dam was "sound in every respect," according to'
        " the inquiry's report, and that repairs could wait until next year.",
    ),
]


def page(title: str, body: str, *, published: str | None = None) -> str:
    """A news page as sites publish them: metadata in the head, the story in <article>."""
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    paragraphs = "".join(f"<p>{escape(p)}</p>" for p in body.split("\n\n"))
    filler = (
        "<p>The council will publish its full report on its website, officials added,"
        " and residents were invited to comment on the plans at a public meeting.</p>"
    )
    return (
        f"<!doctype html><html><head><title>{escape(title)}</title>{meta}</head><body>"
        f"<nav>Home | World | Business</nav><article><h1>{escape(title)}</h1>"
        f"{paragraphs}{filler}</article><footer>All rights reserved.</footer></body></html>"
    )


@dataclass
class Route:
    body: bytes
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    delay: float = 0.0
    hide_length: bool = False


@dataclass
class NewsServer:
    """A real HTTP server on a free local port; `routes` maps a path to its response."""

    routes: dict[str, Route] = field(default_factory=dict)
    port: int = 0
    hits: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@contextmanager
def news_server() -> Iterator[NewsServer]:
    server = NewsServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            server.hits.append(self.path)
            route = server.routes.get(self.path)
            if route is None:
                self.send_error(404, "Not Found")
                return
            if route.status in (301, 302):
                self.send_response(route.status)
                self.send_header("Location", route.body.decode())
                self.end_headers()
                return
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if not route.hide_length:
                self.send_header("Content-Length", str(len(route.body)))
            self.end_headers()
            if route.delay:
                time.sleep(route.delay)
            # The client may give up (size cap, timeout): what those tests want.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                self.wfile.write(route.body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    server.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        httpd.shutdown()
        httpd.server_close()


# --------------------------------------------------------------------------- feeds
def rss(items: list[dict[str, str]], *, title: str = "Coastal Herald") -> str:
    """An RSS 2.0 feed; each item's keys: title, link, date (RFC 822), author, description,
    content (full HTML, as content:encoded)."""
    parts = []
    for item in items:
        fields = [f"<title>{escape(item['title'])}</title>"]
        if "link" in item:
            fields.append(f"<link>{escape(item['link'])}</link>")
        if "date" in item:
            fields.append(f"<pubDate>{item['date']}</pubDate>")
        if "author" in item:
            fields.append(f"<dc:creator>{escape(item['author'])}</dc:creator>")
        if "description" in item:
            fields.append(f"<description>{escape(item['description'])}</description>")
        if "content" in item:
            fields.append(f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>")
        parts.append("<item>" + "".join(fields) + "</item>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"'
        ' xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>'
        f"<title>{escape(title)}</title><link>https://herald.example/</link>"
        "<description>News</description>" + "".join(parts) + "</channel></rss>\n"
    )


def atom(entries: list[dict[str, str]], *, title: str = "Vossberg Courier") -> str:
    """An Atom feed; each entry's keys: title, link, id, date (RFC 3339), author, content."""
    parts = []
    for entry in entries:
        parts.append(
            "<entry>"
            f"<title>{escape(entry['title'])}</title>"
            f'<link href="{escape(entry["link"])}"/>'
            f"<id>{escape(entry.get('id', entry['link']))}</id>"
            f"<published>{entry['date']}</published><updated>{entry['date']}</updated>"
            f"<author><name>{escape(entry['author'])}</name></author>"
            f'<content type="html">{escape(entry["content"])}</content>'
            "</entry>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:courier</id><updated>2024-03-07T18:00:00Z</updated>"
        + "".join(parts)
        + "</feed>\n"
    )


def rfc822(when: datetime) -> str:
    return format_datetime(when)


# --------------------------------------------------------------------------- WARC
def write_warc(
    path: Path, pages: list[tuple[str, str]], *, extra_records: bool = True, gzip: bool = True
) -> None:
    """A WARC file as crawlers write them: per page (url, html) a request and a 200
    response; with `extra_records`, also a warcinfo, an image and a redirect (not pages)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        if extra_records:
            writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for url, html in pages:
            request = writer.create_warc_record(
                url,
                "request",
                payload=BytesIO(b""),
                http_headers=StatusAndHeaders(
                    "GET / HTTP/1.1", [("Host", "x")], is_http_request=True
                ),
            )
            writer.write_record(request)
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
        if extra_records:
            image = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    "https://herald.example/logo.png",
                    "response",
                    payload=BytesIO(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64),
                    http_headers=image,
                )
            )
            moved = StatusAndHeaders(
                "301 Moved Permanently",
                [("Location", "https://herald.example/"), ("Content-Type", "text/html")],
                protocol="HTTP/1.1",
            )
            writer.write_record(
                writer.create_warc_record(
                    "http://herald.example/",
                    "response",
                    payload=BytesIO(b"moved"),
                    http_headers=moved,
                )
            )
