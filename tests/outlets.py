"""A made-up news corpus: seven invented outlets carrying the harbour minister Mara
Velden's statements (and once another politician using her very words), with every
variation one statement takes across outlets. Written for the tests; no published article
is copied. Used by tests/integration/test_one_statement_many_reports.py and the API tests.
"""

from __future__ import annotations

from datetime import date, datetime

from kgapi.model import ArticleMeta, Entity, Extraction, Statement, article_id, entity_id

VELDEN = entity_id("person", "Mara Velden")
MARROW = entity_id("person", "Ilse Marrow")
TESSALY = entity_id("location", "Tessaly")

FULL = "We will open the port of Tessaly by spring, and we will not ask the creditors for one more cent."
# outlet → (day of March 2026 published, [(speaker, kind, quote, stated_on)])
OUTLETS: dict[str, tuple[int, list[tuple[str, str, str, date | None]]]] = {
    "Harbour Gazette": (
        5,
        [
            (VELDEN, "direct", FULL, None),
            (VELDEN, "direct", "The harbour authority has no debts to speak of.", None),
        ],
    ),
    "Coastal Courier": (
        4,
        [
            # Punctuation, case and quote marks differ: the same words.
            (
                VELDEN,
                "direct",
                "“WE WILL OPEN the port of Tessaly by spring — and we will not ask the "
                "creditors for one more cent!”",
                date(2026, 3, 2),
            ),
            (VELDEN, "direct", "Tessaly is ready.", None),
        ],
    ),
    "Tessaly Times": (
        6,
        [
            # An excerpt: its words, in order, inside the full quote.
            (VELDEN, "partial", "we will not ask the creditors for one more cent", None),
            (VELDEN, "direct", "the harbour authority has no debts to speak of", None),
        ],
    ),
    "Northern Ledger": (
        7,
        [
            # An excerpt with an ellipsis.
            (
                VELDEN,
                "direct",
                "We will open the port of Tessaly by spring ... one more cent.",
                None,
            ),
            (VELDEN, "direct", "Tessaly is ready!", date(2026, 3, 3)),
        ],
    ),
    "Evening Post": (
        8,
        [
            # A few words changed.
            (
                VELDEN,
                "direct",
                "We will open the port of Tessaly by the spring, and we will not ask creditors "
                "for one more cent.",
                None,
            ),
            # A paraphrase of something else: its own claim.
            (
                VELDEN,
                "indirect",
                "the port would be ready in spring without new money from creditors",
                None,
            ),
        ],
    ),
    "Port Weekly": (
        9,
        [
            # A paraphrase that shares most of the quote's words: the same statement.
            (
                VELDEN,
                "indirect",
                "she will open the port of Tessaly by spring, and will not ask the creditors "
                "for one more cent",
                None,
            ),
            # A paraphrase sharing only part of the words: not merged with the quotes.
            (VELDEN, "indirect", "she would not ask the creditors for one more cent", None),
        ],
    ),
    "Marrow Daily": (
        3,
        [
            # Another speaker, the very same words: never the same statement.
            (MARROW, "direct", FULL, None),
        ],
    ),
}
NAMES = {VELDEN: "Mara Velden", MARROW: "Ilse Marrow"}


def outlet(name: str) -> Extraction:
    """The outlet's article: one sentence per statement, spans into the text."""
    day, said = OUTLETS[name]
    sentences = [f'{NAMES[speaker]} said: "{quote}" in Tessaly.' for speaker, _, quote, _ in said]
    text = f"{name} reports. " + " ".join(sentences)
    url = f"https://{name.lower().replace(' ', '-')}.example/tessaly"
    aid = article_id(url=url, text=text)
    statements = []
    for i, ((speaker, kind, quote, stated_on), sentence) in enumerate(
        zip(said, sentences, strict=True)
    ):
        start = text.index(quote)
        statements.append(
            Statement(
                id=f"s{i}",
                speaker=NAMES[speaker],
                speaker_id=speaker,
                speaker_kind="person",
                kind=kind,  # type: ignore[arg-type]
                verb="said",
                text=quote,
                sentence=sentence,
                span=(start, start + len(quote)),
                about=["Tessaly"],
                about_ids=[TESSALY],
                date=stated_on,
            )
        )
    speakers = sorted({speaker for speaker, *_ in said})
    entities = [
        Entity(id=s, type="person", name=NAMES[s], aliases=[NAMES[s].split()[-1]]) for s in speakers
    ] + [Entity(id=TESSALY, type="location", name="Tessaly", mentions=len(said))]
    meta = ArticleMeta(
        id=aid,
        title=f"{name} on the port",
        url=url,
        source=name,
        published_at=datetime(2026, 3, day, 9, 0),
        text=text,
    )
    return Extraction(article=meta, entities=entities, statements=statements)
