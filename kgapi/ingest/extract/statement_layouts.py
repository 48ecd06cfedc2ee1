"""Statements printed whole: texts whose every paragraph is one speaker's.

A speech or statement under a title that names its speaker ("Remarks by the President on
…"), a press statement under its author's byline ("Press Statement" / "Antony J. Blinken,
Secretary of State" / a date line), and a readout after "The following is attributable to
X:". Each gives one turn per paragraph; the transcript reader falls back to these when a
text has no speaker labels.
"""

from __future__ import annotations

import re
from dataclasses import replace

from kgapi.ingest.clean import Cleaned
from kgapi.ingest.extract.institutions import INSTITUTION_NOUNS
from kgapi.ingest.extract.names import ROLE_HEADS, TITLE_WORDS
from kgapi.ingest.extract.turns import Turn

# Titles of a speech or statement printed whole: "Attorney General Merrick B. Garland
# Delivers Remarks After …", "Remarks by the President on …", "Statement by Secretary X".
_SPEECH_TITLE = re.compile(
    r"^(?P<who>[A-Z][\w.' -]{3,80}?) (?:Delivers|Gives) (?:Remarks|Statement|Speech)\b"
    r"|^(?:An? )?(?:[Rr]emarks|[Ss]tatement|[Ss]peech) (?:by|of|from|attributable to) (?:the )?"
    r"(?P<who2>[A-Z][\w.' -]{3,80}?)(?: (?:on|at|to|in|before|after|regarding|about)\b|$)"
    # "NASA Statement about SpaceX Private Moon Venture Announcement"
    r"|^(?P<who3>[A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,5}) Statement (?:on|about|regarding)\b"
)


_ON_BEHALF = re.compile(
    r"\bon behalf of (?:the )?(?P<who>[A-Z][\w.' -]{1,80}?)(?: (?:on|at|to|in|regarding|about)\b|$)"
)

# A speech title naming one of these is an institution's statement ("spokesperson" is a
# person's title there: "Statement by NSC Spokesperson Adrienne Watson").
_INSTITUTION_WORDS = INSTITUTION_NOUNS - {"spokesperson"}


# A speaker named only by office: "Spokesperson for the Secretary-General".
_OFFICE_ONLY = re.compile(
    r"^(?:the )?(?:spokesperson|spokesman|spokeswoman|office) (?:for|of)\b", re.I
)


def issuing_institution(title: str) -> str | None:
    """'Statement of the Ministry of Foreign Affairs of Ukraine on …' → the institution
    that issues it (None for a person's statement, a joint one, or another title)."""
    match = _SPEECH_TITLE.match(title)
    if match is None or _ON_BEHALF.search(title) is not None:
        return None
    who = _title_speaker(match)
    if " and " in who or not any(w.lower() in _INSTITUTION_WORDS for w in who.split()):
        return None
    return who


def _title_speaker(match: re.Match[str]) -> str:
    return (match.group("who") or match.group("who2") or match.group("who3") or "").strip()


def speech_turns(cleaned: Cleaned) -> list[Turn]:
    """A speech or statement printed whole, its speaker named only in the title: every
    paragraph is the speaker's."""
    match = _SPEECH_TITLE.match(cleaned.title)
    if match is None:
        return []
    who = _title_speaker(match)
    behalf = _ON_BEHALF.search(cleaned.title)
    if behalf is not None:
        # "Statement by the High Representative on behalf of the EU": the EU speaks, in
        # declarations of its own ("The EU calls on …").
        who = behalf.group("who")
    elif " and " in who or who.split()[-1].lower() == "joint":
        return []  # a joint appearance or statement ("U.S.-Japan Joint Statement"): no single speaker
    elif _OFFICE_ONLY.match(who) and signed_statement_turns(cleaned):
        # "Statement attributable to the Spokesperson for the Secretary-General", signed
        # "Stéphane Dujarric, Spokesman for the Secretary-General": the signer speaks.
        return []
    elif any(w.lower() in _INSTITUTION_WORDS for w in who.split()):
        # "Statement from the Ministry of Foreign Affairs": an institution's statement
        # reports in the third person ("the ministry added"); the cues find its speakers,
        # and `issued.issued_paragraphs` gives it the paragraphs they leave.
        return []
    text = cleaned.text
    turns: list[Turn] = []
    body = list(enumerate(cleaned.paragraphs))
    lead = next(
        (n for n, (_, (a, b)) in enumerate(body[:_LEAD_WINDOW]) if _LEAD.match(text[a:b].strip())),
        None,
    )
    if lead is not None:
        # "The following is a statement on SpaceX's announcement Monday …:": the statement
        # starts after the line that introduces it.
        body = body[lead + 1 :]
    for p, (start, end) in body:
        if text[start:end].strip():
            turns.append(Turn(who, start, end, p, continued=bool(turns)))
    return turns


# The kind line over a statement printed with its author's byline (State Department and
# White House format): "Press Statement" / "Antony J. Blinken, Secretary of State" / date.
_STATEMENT_KINDS = {"press statement", "statement", "media statement", "remarks", "speech"}
_BYLINE = re.compile(r"^(?P<who>[A-Z][\w.' -]{3,60}?), +[A-Z][\w.,' -]{2,80}$")
_DATE_LINE = re.compile(
    r"^(?:[A-Z][a-z]+day, )?[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}$|^\d{4}-\d{2}-\d{2}$",
    re.IGNORECASE,
)
# Titles of officials who issue statements in their own name (reporters' bylines have none).
_OFFICIAL_TITLE = re.compile(
    r"\b(?:secretary|spokesperson|spokesman|spokeswoman|president|minister|ambassador|"
    r"administrator|director|attorney general|governor|chair(?:man|woman)?|commissioner)\b",
    re.IGNORECASE,
)
_BARE_NAME = re.compile(r"^(?P<who>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3})$")
_BYLINE_WINDOW = 4  # the kind line is among the first paragraphs of the body
# A lead comes within the first paragraphs, after a byline block's four lines at most
# ("Press Statement" / "Richard Boucher, Spokesman" / "Washington, DC" / the date).
_LEAD_WINDOW = 6
_BYLINE_EXTRA_LINES = 4  # title, office, place and date lines under the name


def bylined_statement_turns(cleaned: Cleaned) -> list[Turn]:
    """A statement printed under its author's byline: a kind line ("Press Statement")
    then the author, or an official's byline ("Antony J. Blinken, Secretary of State")
    followed by its date line. Every paragraph after the byline (and its title, place
    and date lines) is the author's; a reporter's byline names no speaker."""
    text = cleaned.text
    # The kind, byline and date lines come as one paragraph or as three.
    lines: list[tuple[int, int, int, str]] = []
    for p, (start, end) in enumerate(cleaned.paragraphs):
        offset = start
        for line in text[start:end].split("\n"):
            if line.strip():
                lines.append((p, offset, offset + len(line), line.strip()))
            offset += len(line) + 1
    for k, (_p, _s, _e, line) in enumerate(lines[:_BYLINE_WINDOW]):
        if line.lower() in _STATEMENT_KINDS and k + 1 < len(lines):
            byline = _BYLINE.match(lines[k + 1][3]) or _BARE_NAME.match(lines[k + 1][3])
            if byline is None:
                return []
            return _byline_turns(byline.group("who"), lines[k + 2 :])
        byline = _BYLINE.match(line)
        if byline is not None and _OFFICIAL_TITLE.search(line[byline.end("who") :]):
            body = lines[k + 1 :]
            dated = any(_DATE_LINE.match(b[3]) for b in body[:_BYLINE_EXTRA_LINES])
            # "Morgan Ortagus, Department Spokesperson" as the body's first paragraph, on
            # its own: the statement's author even without a date line.
            alone = k == 0 and body and body[0][0] != lines[k][0]
            if dated or alone:
                return _byline_turns(byline.group("who"), body)
    return []


# "The following is attributable to Spokesperson Jane Ortega:" (State Department readouts;
# "The below is attributable to …" too).
_ATTRIBUTABLE = re.compile(
    r"^the (?:following|below) (?:statement )?is attributable to (?:the )?"
    r"(?P<who>[A-Z][\w.' -]{3,80}?):?$",
    re.IGNORECASE,
)


# "Ned Price, Department Spokesperson released the following statement:", "NATO Secretary
# General Karel Brandt issued the following statement on Friday:".
_FOLLOWING = re.compile(
    r"^(?P<who>[A-Z][^:]{3,160}?),? (?:has )?(?:released|issued|made|delivered|gave)"
    r" the following (?:statement|remarks)\b[^:]{0,120}:$"
)


# "The following is a statement from NASA Administrator Sean O'Keefe regarding today's
# landing.", "Following is the text of a joint statement between the Government of the United
# States of America and the Government of the Republic of Uzbekistan."
# "According to a statement by NASA Associate Administrator …, David Weaver:" too.
_FOLLOWING_IS_A_STATEMENT = (
    r"^(?:(?:the )?following is (?:the (?:full )?text of )?|according to )"
    r"(?:an?|the) (?:joint )?statement"
)
_FOLLOWING_IS = re.compile(
    _FOLLOWING_IS_A_STATEMENT + r" (?:from|by|of|between) (?:the )?(?P<who>[A-Z][\w.'’ -]{1,120}?)"
    r"(?:,| (?:and|regarding|on|about|concerning|at|in|following|after)\b|[.:]?$)",
    re.IGNORECASE,
)
# Any line that introduces the text after it as a statement, named or not.
_LEAD = re.compile(_FOLLOWING_IS_A_STATEMENT + r"\b.*[.:]$", re.IGNORECASE)
# "Washington, D.C., June 9, 2005 - Voice of America Director …", "Washington, DC --
# Secretary …": a dateline, then the lead.
_DATELINE_DASH = re.compile(r"^(?:.{3,80}?\d{4} ?[-–—] ?|[A-Z][\w .,]{2,40}? (?:--|[–—]) ?)")
# "…'s Director of the Division of Enforcement, Robert Khuzami, today": the name apposed
# to a description is who speaks.
_APPOSED_NAME = re.compile(r"^[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]*){1,3}$")
_WHEN_WORDS = {"today", "yesterday", "tonight", "this morning", "this afternoon", "this evening"}
_OPENERS = {"during", "in", "at", "on", "after", "before", "following", "speaking"}


def introduces_unnamed(line: str) -> bool:
    """'The following is a statement on SpaceX's announcement Monday:': a lead that hands
    the text over without naming who speaks."""
    return _LEAD.match(line) is not None and _lead_author(line) is None


def _lead_author(line: str) -> str | None:
    """Who a lead paragraph hands the rest of the text to, as written (a dateline before
    it and a title after a comma left out); for a joint statement, its first party."""
    match = _ATTRIBUTABLE.match(line) or _FOLLOWING_IS.match(line)
    if match is not None:
        who = match.group("who").removeprefix("Government of the ").strip()
        # "… by NASA Associate Administrator for the Office of Communications, David
        # Weaver:": a description, then the name.
        after = line[match.end("who") :].lstrip()
        if after.startswith(",") and (" for the " in who or " of the " in who):
            named = after[1:].split(",")[0].strip().rstrip(":.")
            if _bare_name(named):
                return named
        return who
    match = _FOLLOWING.match(_DATELINE_DASH.sub("", line, count=1))
    if match is None:
        return None
    who = match.group("who").split(")")[-1].strip()  # "Washington, DC (STL.News) Ned …"
    parts = [part.strip() for part in who.split(",")]
    # "During media interviews today, NASA astronaut Mark Kelly, …": the circumstance
    # before the speaker is no one.
    parts = [
        part
        for part in parts
        if part and part.lower() not in _WHEN_WORDS and part.split()[0].lower() not in _OPENERS
    ]
    if not parts:
        return None
    if parts[0].lower().startswith("the ") or " for the " in parts[0] or " of the " in parts[0]:
        # "The SEC's Director of the Division of Enforcement, Robert Khuzami": a description,
        # then the name.
        apposed = next((part for part in parts[1:] if _bare_name(part)), None)
        if apposed is not None:
            return apposed
    return parts[0]


def _bare_name(part: str) -> bool:
    """'Robert Khuzami', not 'Department Spokesperson' nor 'Office of Communications'."""
    words = {w.lower().strip(".") for w in part.split()}
    return _APPOSED_NAME.match(part) is not None and not words & (
        ROLE_HEADS | TITLE_WORDS | INSTITUTION_NOUNS
    )


def attributed_statement_turns(cleaned: Cleaned) -> list[Turn]:
    """Every paragraph after "The following is attributable to X:" or "X released the
    following statement:" is X's."""
    text = cleaned.text
    turns: list[Turn] = []
    who = None
    quoted = False
    for p, (start, end) in enumerate(cleaned.paragraphs):
        line = text[start:end].strip()
        if who is None:
            who = _lead_author(line) if p < _LEAD_WINDOW else None
            continue
        if not line:
            continue
        opens_quoted = line[0] in _OPENING_QUOTES
        if not turns:
            quoted = opens_quoted
        elif quoted and not opens_quoted and _closes_quote(text, turns[-1]):
            # A statement printed in quotes ends with its last quoted paragraph: what
            # follows ("The Voice of America, which first went on the air in 1942, …") is
            # the issuer's boilerplate, not the statement.
            break
        turns.append(Turn(who, start, end, p, continued=bool(turns)))
    return turns


_OPENING_QUOTES = "\"“‘'"


def _closes_quote(text: str, turn: Turn) -> bool:
    """Whether a paragraph ends its quotation (a quote over several paragraphs opens each
    and closes only the last)."""
    return text[turn.start : turn.end].rstrip().endswith(('"', "”", "’", "'"))


def _byline_turns(who: str, body: list[tuple[int, int, int, str]]) -> list[Turn]:
    # "John Kerry" / "Secretary of State" / "Washington, DC" / "August 20, 2013": the
    # title and place lines before the date are the byline's too.
    dated = next(
        (n for n, line in enumerate(body[:_BYLINE_EXTRA_LINES]) if _DATE_LINE.match(line[3])),
        None,
    )
    if dated is not None:
        body = body[dated + 1 :]
    turns: list[Turn] = []
    for p, start, end, _ in body:
        if turns and turns[-1].paragraph == p:
            turns[-1] = replace(turns[-1], end=end)  # one turn per paragraph
        else:
            turns.append(Turn(who.strip(), start, end, p, continued=bool(turns)))
    return turns


# A statement signed at its foot: "— Joseph R. Biden Jr." or "Stéphane Dujarric, Spokesman
# for the Secretary-General".
_SIGNATURE = re.compile(
    r"^(?:[—–-]+ ?)?(?P<who>[A-Z][\w.'-]+(?: [A-Z][\w.'-]+){1,3})(?P<title>, [A-Z][\w.,' -]{2,80})?$"
)
_MIN_SIGNED_PARAGRAPHS = 2
# "New York, 14 May 2024", "Geneva, May 14, 2024", "14 May 2024": where and when it was signed.
_PLACE_DATE_LINE = re.compile(
    r"^(?:[A-Z][\w.' -]{1,40}, )?(?:\d{1,2} [A-Z][a-z]{2,8}\.? \d{4}|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4})$"
)
_STATEMENT_TITLE = re.compile(r"\b(?:statement|remarks|message|letter|declaration)\b", re.I)


def signed_statement_turns(cleaned: Cleaned) -> list[Turn]:
    """A statement (so titled) whose last paragraph is its signature: a dash and a name,
    or a name and an official's title. Every paragraph above it is the signer's (a news
    story ending on a reporter's credit is not titled a statement)."""
    if not _STATEMENT_TITLE.search(cleaned.title):
        return []
    text = cleaned.text
    filled = [(p, a, b) for p, (a, b) in enumerate(cleaned.paragraphs) if text[a:b].strip()]
    if filled and _PLACE_DATE_LINE.match(text[filled[-1][1] : filled[-1][2]].strip()):
        filled = filled[:-1]  # "New York, 14 May 2024" under the signature
    if len(filled) <= _MIN_SIGNED_PARAGRAPHS:
        return []
    last = text[filled[-1][1] : filled[-1][2]].strip()
    match = _SIGNATURE.match(last)
    if match is None:
        return []
    dashed = last[:1] in "—–-"
    titled = match.group("title") is not None and _OFFICIAL_TITLE.search(match.group("title"))
    if not (dashed or titled):
        return []
    who = match.group("who")
    return [Turn(who, a, b, p, continued=n > 0) for n, (p, a, b) in enumerate(filled[:-1])]
