"""The contracts between stages: read → extract → load → graph → API.

`Extraction` is also the JSON contract of `kgapi extract --json` and the pre-extracted
input that `kgapi load` accepts, so an external pipeline (an LLM, a human annotator) can
load its own entities and statements without our NLP.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import date, datetime

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kgapi import vocabulary
from kgapi.vocabulary import ActorKind, ClaimKind, EntityKind

# The contract's fields are typed with the enums of `kgapi.vocabulary` (nothing else
# spells those words: the extraction rules use the enum members too).

ACTOR_TYPES: frozenset[str] = frozenset(ActorKind)
#: The kinds whose ids are scoped to their article: unnamed sources are not one another.
ARTICLE_SCOPED: frozenset[str] = frozenset({EntityKind.ANONYMOUS, EntityKind.GROUP})

# `Statement.date` shadows the type inside the class body; annotate through an alias.
_Date = date


def slugify(text: str) -> str:
    """Lower-case ASCII slug: 'Antony Blinken' → 'antony-blinken', 'U.S.' → 'us'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = ascii_text.replace(".", "").replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


# Spellings that vary between outlets for one person: transliterated endings
# (Zelensky / Zelenskyy / Zelenskiy) and the Arabic article (al-Assad / Assad).
_TRANSLIT_ENDING = re.compile(r"(?:yy|iy|ii|yi)$")
_ARABIC_ARTICLE = re.compile(r"^(?:al|el|ad|ash|as|at|az)-(?=\w{3})")


def person_key(name: str) -> str:
    """The spelling-insensitive key of a person's name: 'Volodymyr Zelenskyy' and
    'Volodymyr Zelenskiy' → 'volodymyr-zelensky'; 'Bashar al-Assad' → 'bashar-assad';
    'Tony F. Mack' → 'tony-mack'.

    Deliberately conservative: only these three variations, so that different people with
    similar names ('Jon Smith', 'John Smith') never share a key.
    """
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = []
    for word in ascii_name.replace("'", "").split():
        word = _ARABIC_ARTICLE.sub("", word)
        if word in {"al", "el"}:
            continue  # "Bashar al Assad"
        words.append(_TRANSLIT_ENDING.sub("y", word))
    if len(words) > 2:
        # "Tony F. Mack" is Tony Mack, "Merrick B. Garland" Merrick Garland: a middle
        # initial between a first and a last name is left out.
        words = [words[0], *(w for w in words[1:-1] if len(w.rstrip(".")) > 1), words[-1]]
    return slugify(" ".join(words))


def article_id(*, url: str | None, text: str) -> str:
    """Stable article id: from its URL when it has one, else from its content."""
    basis = url.strip() if url and url.strip() else text
    return "article:" + hashlib.sha256(basis.encode()).hexdigest()[:16]


def entity_id(entity_type: EntityKind, canonical_name: str, *, article: str | None = None) -> str:
    """Entity id from type and canonical name.

    Named entities are global ("Blinken" here and "Antony Blinken" there meet as one node,
    once both canonicalise to the same name; people through `person_key`, so that
    "Zelenskyy" in one article and "Zelenskiy" in another are one node too). Anonymous and group sources ("an
    administration official") are scoped to their article: two articles' officials are
    not the same person.
    """
    key = (
        person_key(canonical_name) if entity_type == EntityKind.PERSON else slugify(canonical_name)
    )
    slug = key or hashlib.sha256(canonical_name.encode()).hexdigest()[:12]
    if entity_type in ARTICLE_SCOPED:
        if article is None:
            raise ValueError(f"{entity_type} source ids need their article id")
        return f"{entity_type}:{article.removeprefix('article:')}:{slug}"
    return f"{entity_type}:{slug}"


def claim_id(article: str, start: int, end: int) -> str:
    """A claim is identified by its article and its character span."""
    return f"claim:{article.removeprefix('article:')}:{start}-{end}"


class _Contract(BaseModel):
    # `use_enum_values`: a vocabulary field holds its plain string, as the JSON contract
    # spells it, so `model_dump()` (and the extraction hash over it) is unchanged by the
    # fields' enum types; compare with the members (`StrEnum`s equal their strings).
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False, use_enum_values=True)


class ArticleMeta(_Contract):
    """An article's identity and metadata (the `article` part of the contract)."""

    id: str = ""
    title: str = ""
    url: str | None = None
    source: str | None = None
    author: str | None = None
    published_at: datetime | None = None
    text: str | None = Field(default=None, description="Full text; spans index into it.")


class Article(_Contract):
    """A read article: metadata plus the text that spans refer to."""

    meta: ArticleMeta
    text: str
    origin: str = Field(default="", description="Where it was read from (path, 'stdin', 'api').")

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode()).hexdigest()


class Entity(_Contract):
    """A person, group, anonymous source, organization or location, as seen in one article."""

    id: str
    type: EntityKind
    name: str = Field(min_length=1, description="Canonical name.")
    aliases: list[str] = Field(default_factory=list, description="Every surface form seen.")
    role: str | None = None
    affiliation: str | None = Field(default=None, description="Canonical name of an organization.")
    mentions: int = Field(default=1, ge=0, description="How often the article mentions it.")

    @property
    def is_actor(self) -> bool:
        return self.type in ACTOR_TYPES


class Statement(_Contract):
    """One attributed statement (a claim), with its exact span in the article."""

    id: str
    speaker: str = Field(min_length=1)
    speaker_id: str
    speaker_kind: EntityKind
    kind: ClaimKind
    verb: str | None = None
    text: str = Field(min_length=1)
    sentence: str = ""
    span: tuple[int, int]
    about: list[str] = Field(default_factory=list)
    about_ids: list[str] = Field(default_factory=list)
    about_basis: list[vocabulary.AboutBasis] = Field(
        default_factory=list,
        description=(
            "How each about-entity was found, parallel to about_ids: 'text' (named in the"
            " statement) or 'context' (the statement names none; the question it answers is"
            " about it, or its pronoun stands for it). Empty means all 'text'."
        ),
    )
    date: _Date | None = Field(
        default=None,
        description="When it was said (for a week or a month: its first day); None: unknown.",
    )
    date_precision: vocabulary.DatePrecision | None = Field(
        default=None, description="How precise `date` is: 'day', 'week' or 'month'."
    )
    date_basis: vocabulary.DateBasis | None = Field(
        default=None,
        description=(
            "Where `date` comes from: 'text' (a cue in the sentence: 'on Tuesday', 'June 27',"
            " 'last week') or 'published' (no cue: the article's publication day)."
        ),
    )

    @field_validator("span")
    @classmethod
    def _span_is_ordered(cls, span: tuple[int, int]) -> tuple[int, int]:
        start, end = span
        if start < 0 or end < start:
            raise ValueError(f"span must be [start, end] with 0 <= start <= end, got {list(span)}")
        return span

    @model_validator(mode="after")
    def _basis_matches_about(self) -> Statement:
        if self.about_basis and len(self.about_basis) != len(self.about_ids):
            raise ValueError(
                f"about_basis has {len(self.about_basis)} entries for"
                f" {len(self.about_ids)} about_ids; give one per about-entity or none"
            )
        return self

    @model_validator(mode="after")
    def _no_precision_without_date(self) -> Statement:
        if self.date is None and (self.date_precision or self.date_basis):
            raise ValueError("date_precision and date_basis describe a date: give the date too")
        return self

    def basis_of(self, position: int) -> vocabulary.AboutBasis:
        """How the about-entity at `position` was found ('text' when not recorded)."""
        return self.about_basis[position] if self.about_basis else vocabulary.AboutBasis.TEXT


class Extraction(_Contract):
    """Everything extracted from one article: the JSON contract of extract and load."""

    article: ArticleMeta
    entities: list[Entity] = Field(default_factory=list)
    statements: list[Statement] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _references_resolve(self) -> Extraction:
        """Every speaker and about-id must name an entity of this extraction."""
        known = {entity.id for entity in self.entities}
        for statement in self.statements:
            missing = [i for i in [statement.speaker_id, *statement.about_ids] if i not in known]
            if missing:
                raise ValueError(f"statement {statement.id} refers to unknown entities: {missing}")
        return self
