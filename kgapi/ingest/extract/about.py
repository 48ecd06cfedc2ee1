"""What a statement is about: the entities named in its content, in an "asked about …"
clause attached to its cue, or in the noun a relative-clause statement describes.

Demonyms and possessives count through the entity index ("Ukrainian", "Russia's" are
mentions of their country). The speaker is never about itself.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kgapi.ingest.extract.entities import Cluster, EntityIndex

if TYPE_CHECKING:
    from spacy.tokens import Token


def asked_about_ranges(cue: Token) -> list[tuple[int, int]]:
    """Token ranges of "(when) asked ... about X" clauses hanging off the cue verb (or off
    the verb the cue hangs off: "Asked about X, she said ...")."""
    ranges: list[tuple[int, int]] = []
    candidates = [*cue.children, *(cue.head.children if cue.dep_ != "ROOT" else [])]
    for clause in candidates:
        if clause.lemma_.lower() != "ask" or clause.i == cue.i:
            continue
        for child in clause.children:
            if child.dep_ == "prep" and child.lower_ in {"about", "on", "regarding", "over"}:
                if child.lower_ == "on" and not any(
                    g.dep_ in {"pcomp", "pobj"} and g.pos_ != "PROPN" for g in child.children
                ):
                    continue  # "asked on MSNBC": a venue, not a topic
                ranges.append((child.left_edge.i, child.right_edge.i + 1))
            elif child.dep_ in {"ccomp", "dobj"} and child.i > clause.i:
                ranges.append((child.left_edge.i, child.right_edge.i + 1))
    return ranges


def about_entities(
    index: EntityIndex, ranges: list[tuple[int, int]], speaker: Cluster | None
) -> list[Cluster]:
    """Named entities (people, organizations, places) in `ranges`, first mention first."""
    found: list[Cluster] = []
    for start, end in ranges:
        for cluster in index.in_range(start, end):
            if cluster is speaker or cluster in found:
                continue
            if cluster.type in {"person", "organization", "location"}:
                found.append(cluster)
    return found
