"""Rules for formats and phrasings seen failing on real news (issue 11), one case each.

Texts are written for these tests; the real articles they stand for are measured by the
eval in `tests/eval/test_eval_floor.py`.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from kgapi.model import Extraction, entity_id, person_key

Run = Callable[[str], Extraction]

BRIEFING = """title: Department Press Briefing

Spokesperson Matthew Miller held the daily briefing on Tuesday.

MR MILLER: Good afternoon, everyone. The Secretary will travel to Brussels next week to meet NATO foreign ministers.

QUESTION: Matt, on Gaza, has the Secretary spoken to the Israeli prime minister?

MR MILLER: He has not spoken to him today. We continue to press Israel to allow more aid into Gaza.

QUESTION: Thank you.
"""

FED = """title: Transcript of Chair Lindqvist's Press Conference

CHAIR LINDQVIST. Good afternoon. My colleagues and I remain squarely focused on achieving our goals.

ANNA BERG. Anna Berg with the Ledger. How much of the forecast is tariffs?

CHAIR LINDQVIST. It is going to be very difficult to have a precise assessment of that.
"""

RADIO = """title: Our Planet

MUSIC: Our Planet theme

OKAFOR: "Sleep is not optional. The body keeps the score."

I'm Dana Reyes. Welcome to the programme about science and the people who do it.
"""

QA = """title: An interview with Rosa Ferreira

Rosa Ferreira runs the Lisbon Harbour Trust. We spoke to her about the port.

Why did you take the job?

Because the harbour needed someone who had worked on the docks.

What worries you most?

The dredging budget. Without it the big ships go to Sines.

Will you stay?

For now, yes. There is a lot left to do.
"""

SPEECH = """title: Attorney General Ruth Calder Delivers Remarks on the Harbor Fraud Verdict

Today a jury found three men guilty of defrauding the Harbor Pension Fund.

The Justice Department will not hesitate to act when the savings of workers are stolen.
"""

INSTITUTION = """title: Acme profits fall

Acme Corp reported a 20 percent fall in quarterly profit on Tuesday.

"We expect a recovery in the second half," it said in a statement.

The Securities and Exchange Commission's complaint alleges that Acme misled its investors.
"""


def _said(ex: Extraction) -> list[tuple[str, str]]:
    return [(s.speaker, s.text[:30]) for s in ex.statements]


def test_briefing_turns_are_the_speakers_and_questions_are_not_statements(run: Run) -> None:
    ex = run(BRIEFING)
    assert _said(ex) == [
        ("Matthew Miller", "Good afternoon, everyone. The "),
        ("Matthew Miller", "He has not spoken to him today"),
    ]
    assert all(s.kind == "direct" for s in ex.statements)
    assert not any(e.name in {"MILLER", "QUESTION"} for e in ex.entities)


def test_federal_reserve_turns_and_a_reporters_question(run: Run) -> None:
    ex = run(FED)
    assert [s for s, _ in _said(ex)] == ["Lindqvist", "Lindqvist"]


def test_broadcast_sound_bite_ends_its_turn_and_music_is_no_speaker(run: Run) -> None:
    ex = run(RADIO)
    assert _said(ex) == [("Okafor", "Sleep is not optional. The bod")]


def test_unlabelled_interview_answers_are_the_interviewees(run: Run) -> None:
    ex = run(QA)
    assert {s.speaker for s in ex.statements} == {"Rosa Ferreira"}
    assert any("dredging budget" in s.text for s in ex.statements)
    assert not any(s.text.endswith("?") for s in ex.statements)


def test_a_speech_printed_whole_is_its_speakers(run: Run) -> None:
    ex = run(SPEECH)
    assert {s.speaker for s in ex.statements} == {"Ruth Calder"}
    assert len(ex.statements) == 2


def test_it_said_and_a_complaint_speak_for_their_organizations(run: Run) -> None:
    ex = run(INSTITUTION)
    speakers = {s.text[:20]: s.speaker for s in ex.statements}
    assert speakers["We expect a recovery"] == "Acme Corp"
    assert speakers["Acme misled its inve"] == "Securities and Exchange Commission"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "President Tomas Ruiz met the press. The President said the talks were over.",
            "Tomas Ruiz",
        ),
        ("The minister said Tuesday that talks would resume soon.", "minister"),
    ],
)
def test_a_bare_title_is_the_person_holding_it_never_a_person_named_so(
    run: Run, text: str, speaker: str
) -> None:
    ex = run(text)
    assert ex.statements[-1].speaker == speaker
    assert not any(e.name in {"President", "Minister"} for e in ex.entities)


@pytest.mark.parametrize(
    "text",
    [
        "Det. Sgt. John Harris said the suspect had fled the scene before dawn.",
        "Twitter said it would review the posts within a week.",
        "Analyst and editor of the Ledger Carne Ross said the vote would be close.",
    ],
)
def test_titles_platforms_and_role_words_are_never_people(run: Run, text: str) -> None:
    ex = run(text)
    people = {e.name for e in ex.entities if e.type == "person"}
    assert not people & {"Det", "Twitter", "Analyst"}


def test_a_capital_acting_for_its_government_is_about_the_country_too(run: Run) -> None:
    ex = run("The minister said Moscow had rejected the proposal and would answer soon.")
    about = dict(zip(ex.statements[0].about, ex.statements[0].about_basis, strict=True))
    assert about == {"Moscow": "text", "Russia": "text"}
    ex = run("The minister said a blast in Kyiv had damaged three buildings on Monday.")
    assert ex.statements[0].about == ["Kyiv"]


def test_a_statement_that_names_nothing_is_about_its_context(run: Run) -> None:
    """'It will fly again next week' in a paragraph about Harlow Airways is about the
    airline by context; 'We planned for exactly this', with no pronoun for anyone, is about
    nothing, however often the article names the airline (no main-subject links)."""
    text = (
        "Harlow Airways delayed its first flight. Harlow Airways engineers found a fault "
        "in a sensor, and Harlow Airways will test it again. Passengers of Harlow Airways "
        "were offered seats on a later flight.\n\n"
        '"We planned for exactly this kind of delay," chief executive Daniel Brandt said.\n\n'
        "Harlow Airways grounded the plane on Monday. Inspector Maya Lind said it would "
        "fly again next week.\n"
    )
    said = {s.text[:10]: s for s in run(text).statements}
    planned = said["We planned"]
    assert (planned.speaker, planned.about) == ("Daniel Brandt", [])
    again = said["it would f"]
    assert again.speaker == "Maya Lind"
    assert list(zip(again.about, again.about_basis, strict=True)) == [("Harlow Airways", "context")]


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Volodymyr Zelenskyy", "Volodymyr Zelenskiy", True),
        ("Volodymyr Zelensky", "Volodymyr Zelenskyy", True),
        ("Bashar al-Assad", "Bashar Assad", True),
        ("John Smith", "Jon Smith", False),
        ("Mark Kelly", "Megan Kelly", False),
        ("Ali Khan", "Ali Khana", False),
        ("Tony F. Mack", "Tony Mack", True),
        ("Merrick B. Garland", "Merrick Garland", True),
        ("Anna Maria Berg", "Anna Berg", False),
    ],
)
def test_transliterations_are_one_person_and_similar_names_are_not(
    a: str, b: str, same: bool
) -> None:
    assert (person_key(a) == person_key(b)) is same
    assert (entity_id("person", a) == entity_id("person", b)) is same


def test_one_person_within_an_article_whatever_the_spelling(run: Run) -> None:
    ex = run(
        "General Oleksandr Syrskyi said the front was holding. "
        "Later Syrskiy said reinforcements had arrived in the east."
    )
    assert [e.name for e in ex.entities if e.type == "person"] == ["Oleksandr Syrskyi"]


@pytest.fixture
def run(run_extract: Run) -> Run:
    return run_extract


PRESSER = """title: Transcript of Chair Lindqvist's Press Conference

CHAIR LINDQVIST. Good afternoon. We kept our policy rate unchanged today.

TOMAS VIK. Thank you. Tomas Vik with Reuters. You said the rise in prices is transitory. Was that the case last time, when you said so too

CHAIR LINDQVIST. Prices rose for a while then, and we expect them to fall back this year.

TOMAS VIK. The pandemic, yes, during the pandemic.

CHAIR LINDQVIST. The inflation then was transitory in the end, and we expect the same now.
"""


def test_a_reporters_turns_are_questions_and_never_what_the_answer_is_about(run: Run) -> None:
    """A reporter who introduces themselves is asking, even where the turn does not end on
    '?', and in their follow-ups; the chair's answers are not about the reporter or the
    outlet they introduce themselves with."""
    ex = run(PRESSER)
    speakers = {s.speaker for s in ex.statements}
    assert speakers == {"Lindqvist"} or all("Lindqvist" in s for s in speakers), speakers
    assert all("Vik" not in s.text for s in ex.statements)
    assert all(not any("Vik" in a or "Reuters" in a for a in s.about) for s in ex.statements)


@pytest.mark.parametrize(
    ("text", "not_entities"),
    [
        (
            "Senator Ana Ruiz said the Intermediate Range Nuclear Treaty had kept the peace.",
            {"Intermediate Range Nuclear Treaty"},
        ),
        ("Marta Olsen said the photos were shared under the Open Picture License.", set()),
        ("Olsen said @POTUS had replied to the students within an hour.", {"@POTUS"}),
        ("Olsen said the boy had faced Islamophobia at school in Dallas.", {"Islamophobia"}),
    ],
)
def test_documents_handles_and_abstract_nouns_are_no_entities(
    run: Run, text: str, not_entities: set[str]
) -> None:
    names = {e.name for e in run(text).entities}
    assert not names & not_entities, names
    assert not any(n.endswith(("Treaty", "License")) or "@" in n for n in names), names


READOUT = """title: Readout of the Prime Minister's Call with President Halvorsen

Prime Minister Ilse Brandt spoke today with President Erik Halvorsen of Norway. The two leaders agreed that the fishing dispute must be settled before winter.

The Prime Minister and the President also discussed energy prices. They agreed that the two governments must cut energy prices by spring.
"""


def test_a_pair_named_together_speaks_through_its_first_member(run: Run) -> None:
    """'The two leaders agreed', 'They agreed': the readout's principal, named first,
    never an unnamed group 'two leaders'."""
    ex = run(READOUT)
    assert [s.speaker for s in ex.statements] == ["Ilse Brandt", "Ilse Brandt"]
    assert not any(e.type == "group" for e in ex.entities)


def test_a_camel_case_brand_used_twice_is_an_organization(run: Run) -> None:
    ex = run(
        "Dana Price founded tripNest in 2019. She said tripNest would double its staff "
        "next year, and that rivals had copied its booking tools."
    )
    orgs = {e.name for e in ex.entities if e.type == "organization"}
    assert "tripNest" in orgs
    assert any("tripNest" in s.about for s in ex.statements)


def test_a_turn_of_thanks_or_interjection_states_nothing(run: Run) -> None:
    ex = run(
        "title: Briefing transcript\n\n"
        "The spokesperson, Clara Hale, briefed reporters at the department on Friday.\n\n"
        "MS HALE: Thanks very much, Tom. Thank you all.\n\n"
        "MR DORN: Oh, really, truly.\n\n"
        "MS HALE: The report shows that the campaign reached forty countries last year.\n"
    )
    assert [s.text[:10] for s in ex.statements] == ["The report"]


MINISTRY_STATEMENT = """title: Statement from the Ministry of Foreign Affairs on the Border

The Ministry of Foreign Affairs expresses deep concern over the escalation of violence along the border.

The Ministry calls on all parties to exercise maximum restraint and to return to negotiations without delay.

"We urge both sides to respect the ceasefire agreed in March," the statement said.

In a separate statement, the Defense Ministry said its forces had been placed on heightened alert. The foreign ministry added that humanitarian access must be guaranteed for civilians.
"""


def test_a_ministrys_statement_speaks_for_the_ministry(run: Run) -> None:
    """'The Ministry calls on X to …', '"…," the statement said' and 'the foreign
    ministry added' are the issuing ministry's, never a person named "Ministry" nor the
    other ministry the text names later."""
    said = {s.text[:12]: s.speaker for s in run(MINISTRY_STATEMENT).statements}
    assert said["all parties "] == "Ministry of Foreign Affairs"
    assert said["We urge both"] == "Ministry of Foreign Affairs"
    assert said["its forces h"] == "Defense Ministry"
    assert said["humanitarian"] == "Ministry of Foreign Affairs"


PRESS_RELEASE = """title: Contractor Pleads Guilty in Bid-Rigging Scheme

An Ohio paving contractor pleaded guilty today to rigging bids for public road projects, the Justice Department announced.

"Bid rigging robs taxpayers of the benefits of competition," said Assistant Attorney General Laura Mendes of the Justice Department's Antitrust Division.

The FBI investigated the case. Special Agent in Charge Rita Olsen said the bureau would pursue every lead in the investigation.

"We came to this case late, but we followed every contract," said Tom Reyes, a director at the Ohio Transport Agency.
"""


def test_a_press_releases_officials_speak_and_their_affiliation_is_not_their_topic(
    run: Run,
) -> None:
    ex = run(PRESS_RELEASE)
    statements = {s.text[:12]: s for s in ex.statements}
    assert statements["the bureau w"].speaker == "Rita Olsen"
    assert not any(e.name in {"Agent", "Special Agent"} for e in ex.entities)
    # The speaker's own title names the Justice Department: who she is, not her topic.
    assert "Justice Department" not in statements["Bid rigging "].about
    # "We …" from an agency's director: the agency is who speaks, not what is spoken of.
    assert "Ohio Transport Agency" not in statements["We came to t"].about


def test_a_club_followed_by_its_score_is_a_club_without_the_score(run: Run) -> None:
    ex = run(
        "Kingsport Rovers beat Harlow City 2-1 on Saturday. City coach Daniel Hart said "
        "his players had given away two soft goals."
    )
    entities = {e.name: e.type for e in ex.entities}
    assert entities.get("Harlow City") == "organization", entities
    assert not any(any(c.isdigit() for c in name) for name in entities)


INTERVIEW = """title: Interview: Marta Kowalczyk on running for city council

Marta Kowalczyk, a nurse from the Eastside district, is running as an independent candidate for the Brookfield city council. Wikinews reporter Sam Ortiz spoke with her about her campaign.

Sam Ortiz: Why did you decide to run?

Marta: I have worked at Brookfield General Hospital for twelve years, and I watched the clinic on Fifth Street close without anyone asking the neighborhood.

Sam Ortiz: What would you change first?

Marta: The council should publish every budget line online. People deserve to see where their money goes.

Sam Ortiz: Your opponent, Councilman Ray Dunn, says your plan would cost too much. How do you respond?

Marta: Ray Dunn has had eight years to fix the buses. Transparency costs almost nothing.

Sam Ortiz: Thank you.

Marta: Thank you for having me.
"""


def test_an_interview_by_first_name_with_a_claim_reported_in_a_question(run: Run) -> None:
    """'Marta:' is Marta Kowalczyk; the interviewer's question reports what the opponent
    says (his statement, not the interviewer's); thanks state nothing."""
    ex = run(INTERVIEW)
    said = [(s.speaker, s.text[:20]) for s in ex.statements]
    assert ("Ray Dunn", "your plan would cost") in said
    assert {speaker for speaker, _ in said} == {"Marta Kowalczyk", "Ray Dunn"}
    assert not any(text.startswith("Thank") for _, text in said)
    assert [e.name for e in ex.entities if e.name.startswith("Marta")] == ["Marta Kowalczyk"]


def test_a_quote_under_a_heading_is_the_headings_speaker(run: Run) -> None:
    ex = run(
        "title: Agency Announces Rural Water Grants\n\n"
        "The Environmental Protection Agency today announced new grants for rural towns. "
        '"These investments will replace lead pipes," said Regional Administrator Omar '
        "Castillo.\n\n"
        "Statement from Secretary Paul Drummond:\n\n"
        '"The department is proud to partner with the agency. Rural towns have waited too '
        'long for these repairs."\n'
    )
    said = {s.text[:14]: s.speaker for s in ex.statements}
    assert said["The department"] == "Paul Drummond"
    assert said["These investme"] == "Omar Castillo"
    assert "Regional Administrator" not in {e.name for e in ex.entities}


def test_a_statement_by_a_role_with_no_name_is_that_roles(run: Run) -> None:
    """'Statement by the Press Secretary on …': every paragraph is the press secretary's,
    an unnamed source called by the role, never a person named "Press"."""
    ex = run(
        "title: Statement by the Press Secretary on the Flooding in Lorrania\n\n"
        "The United States extends its deepest condolences to the families of those "
        "killed by the floods in Lorrania this week.\n\n"
        "We call on all partners to support the relief effort led by the government of "
        "Lorrania, and we stand ready to help.\n"
    )
    assert {s.speaker for s in ex.statements} == {"press secretary"}
    assert len(ex.statements) == 2
    assert not any(e.name == "Press" for e in ex.entities)


def test_an_office_acronym_in_a_statement_title_is_not_part_of_the_name(run: Run) -> None:
    ex = run(
        "title: Statement by NSC Spokesperson Adrienne Watson on the Pacific Summit\n\n"
        "The President looks forward to welcoming leaders from across the Pacific to the "
        "summit next week in Honolulu.\n"
    )
    assert [s.speaker for s in ex.statements] == ["Adrienne Watson"]


MATCH_REPORT = """title: Okafor hat-trick sends Eagles into semi-final

Lagos Eagles beat Coastal Stars 3-0 on Sunday, with striker Chidi Okafor scoring all three goals.

"I have waited a long time for a night like this," the 22-year-old said after the match. "The whole team made it possible."

Eagles coach Marta Lindgren said the win showed how far her young side had come. "Six months ago we could not keep the ball for two minutes," the Swede told reporters.

The Stars' captain, Joel Asante, admitted his team had been outplayed. "We were second to every ball," the defender said. "We have to look at ourselves."

Stars coach Ibrahim Musa declined to comment on reports that he would be sacked.
"""


def test_a_match_reports_descriptions_are_the_people_just_named(run: Run) -> None:
    """'the 22-year-old said' is the scorer just named; 'declined to comment on reports
    that …' says nothing."""
    ex = run(MATCH_REPORT)
    said = {s.text[:12]: s.speaker for s in ex.statements}
    assert said["I have waite"] == "Chidi Okafor"
    assert said["We were seco"] == "Joel Asante"
    assert "Ibrahim Musa" not in said.values()


EARNINGS = """title: Harbor Foods raises outlook as sales climb

Harbor Foods Inc. raised its full-year profit forecast on Thursday after quarterly sales rose 8 percent, sending its shares up 5 percent in early trading.

The company said it now expects earnings of $3.10 to $3.20 a share, up from its earlier range of $2.90 to $3.05.

"Our customers are coming back to our stores, and they are buying more each visit," Chief Executive Officer Laura Chen said on a call with analysts. She added that price cuts on staples had drawn shoppers from discount chains.

Analysts at Meridian Securities said the results beat their estimates. "This was a clean quarter," wrote analyst Tom Reilly in a note to clients.

Harbor Foods, which operates 420 stores in 11 states, also announced a $500 million share buyback. The board approved the plan on Wednesday, according to a regulatory filing.
"""


def test_a_companys_short_name_as_a_subject_is_the_company_not_a_person(run: Run) -> None:
    ex = run(EARNINGS)
    people = {e.name for e in ex.entities if e.type == "person"}
    assert people == {"Laura Chen", "Tom Reilly"}, people
    buyback = next(s for s in ex.statements if "buyback" in s.text)
    assert buyback.speaker == "Harbor Foods Inc."


CAMPUS = """title: Student's arrest over clock draws support

Dr. Lena Ortiz, who heads the county health department, spoke at the rally. Ortiz urged those marching through the city centre to drink water and stay out of the sun.

American academic and professor Daniel Okoye commented, "This is a conversation the whole country needs to have about schools and policing."

Executive director of the Austin chapter of the Council on Civic Rights Maya Torres said the family wants an apology from the district.

Organizers of the Summer Paralympics and the Regional Science Fair said unemployment among young athletes was falling.
"""


def test_urged_to_is_a_statement_when_the_parser_hangs_the_infinitive_off_the_object(
    run: Run,
) -> None:
    """'urged those marching … to drink water': the parser attaches 'to drink' to
    'marching'; it is still what she urged."""
    ex = run(CAMPUS)
    urged = next(s for s in ex.statements if s.verb == "urged")
    assert urged.speaker == "Lena Ortiz"
    assert urged.text.startswith("those marching") and urged.text.endswith("out of the sun")


def test_a_title_conjoined_with_a_name_speaks_as_that_person(run: Run) -> None:
    """'American academic and professor Daniel Okoye commented, "…"': the subject the
    parser picks is 'academic'; the speaker is the person it is conjoined with."""
    ex = run(CAMPUS)
    quote = next(s for s in ex.statements if s.text.startswith("This is a conversation"))
    assert quote.speaker == "Daniel Okoye"
    assert quote.kind == "direct"


def test_a_name_run_into_the_organization_before_a_speech_verb_is_a_person(run: Run) -> None:
    """'… of the Council on Civic Rights Maya Torres said': one NER span, two entities."""
    ex = run(CAMPUS)
    names = {e.name: e.type for e in ex.entities}
    assert names.get("Maya Torres") == "person"
    assert "Council on Civic Rights Maya Torres" not in names
    # "the Austin chapter" is the city, not the curated surname of a defence secretary.
    assert "Lloyd Austin" not in names
    apology = next(s for s in ex.statements if "apology" in s.text)
    assert apology.speaker == "Maya Torres"


def test_events_and_abstract_nouns_are_not_organizations(run: Run) -> None:
    """The graph has no event type: 'the Summer Paralympics' and 'the Regional Science
    Fair' are not organizations (or places), 'Unemployment' is no entity at all."""
    ex = run(CAMPUS)
    names = {e.name for e in ex.entities}
    assert not names & {"Summer Paralympics", "Regional Science Fair", "Unemployment"}, names


PRESS_STATEMENT = """title: Belarus: Sentencing of Journalist Irina Volkova
source: U.S. Department of State
published: 2024-03-02

Press Statement
Antony J. Blinken, Secretary of State
March 2, 2024

The United States condemns the sentencing of journalist Irina Volkova to eight years in prison by a court in Minsk. Her conviction is another attempt to silence independent voices.

We call on Belarusian authorities to release Ms. Volkova immediately and unconditionally.
"""

BYLINED_NEWS = """title: Flooding cuts off villages

Jane Doe, Staff Reporter
March 2, 2024

Emergency crews reached the villages on Tuesday. The river is expected to recede by the weekend.
"""


def test_a_press_statement_under_its_authors_byline_is_the_authors(run: Run) -> None:
    """'Press Statement' / 'Name, Title' / date: every paragraph after is the author's."""
    ex = run(PRESS_STATEMENT)
    assert [s.speaker for s in ex.statements] == ["Antony Blinken", "Antony Blinken"]
    assert ex.statements[0].text.startswith("The United States condemns")
    assert "Irina Volkova" in ex.statements[0].about


def test_a_reporters_byline_without_a_kind_line_makes_no_speaker(run: Run) -> None:
    ex = run(BYLINED_NEWS)
    assert ex.statements == []


SEMI_FINAL = """title: Rovers edge City to reach cup final

Kingsport Rovers reached the final with a 2-1 win over Harlow City on Saturday, Marco Silva's header settling a tense semi-final.

"We knew it would be tight," Rovers manager Sophie Laurent told reporters after the match.

Rovers captain Jamie Cole, who has been ruled out for six weeks with a knee injury, watched from the stands. The club said in a statement that Cole would have surgery next week.
"""


def test_a_teams_short_name_before_a_title_is_the_team(run: Run) -> None:
    """'Rovers manager', 'Rovers captain' are mentions of Kingsport Rovers, so 'the club
    said' is the club the article is about, not an anonymous 'club'."""
    ex = run(SEMI_FINAL)
    rovers = next(e for e in ex.entities if e.name == "Kingsport Rovers")
    assert "Rovers" in rovers.aliases
    surgery = next(s for s in ex.statements if "surgery" in s.text)
    assert surgery.speaker == "Kingsport Rovers"


AIRLINE = """title: Northwind Air to cut 2,000 jobs as fuel costs bite

Northwind Air Holdings said on Tuesday it would cut about 2,000 jobs and retire 14 older jets.

The Air Line Pilots Association, which represents Northwind's 3,100 pilots, called the cuts "short-sighted" and said it would fight any attempt to outsource flying. A union spokesman, Dev Patel, said talks would resume next week.

Northwind reported a first-quarter net loss of $112 million. Blogger Kim Adler called the plan "a retreat dressed up as a strategy."
"""


def test_a_date_at_the_head_of_the_content_is_when_not_what(run: Run) -> None:
    """'said on Tuesday it would cut': the content starts at "it"."""
    ex = run(AIRLINE)
    assert ex.statements[0].text.startswith("it would cut about 2,000 jobs")


def test_called_the_thing_a_quoted_word_is_a_partial_statement(run: Run) -> None:
    ex = run(AIRLINE)
    called = next(s for s in ex.statements if "short-sighted" in s.text)
    assert called.speaker == "Air Line Pilots Association"
    assert called.kind == "partial"
    assert called.text.startswith("the cuts")


def test_an_organizations_first_word_as_a_subject_is_the_organization(run: Run) -> None:
    ex = run(AIRLINE)
    loss = next(s for s in ex.statements if "net loss" in s.text)
    assert loss.speaker == "Northwind Air Holdings"
    assert "Northwind" not in {e.name for e in ex.entities if e.type == "person"}


def test_a_spokesperson_is_not_what_the_paragraph_is_about(run: Run) -> None:
    ex = run(AIRLINE)
    fight = next(s for s in ex.statements if "outsource" in s.text)
    assert "Dev Patel" not in fight.about


def test_a_trade_before_a_name_is_not_part_of_it(run: Run) -> None:
    ex = run(AIRLINE)
    retreat = next(s for s in ex.statements if "retreat" in s.text)
    assert retreat.speaker == "Kim Adler"


OLD_PRESS_STATEMENT = """title: Presidential Elections in Moravia

Press Statement
Jane Ortega
Department Spokesperson
Washington, DC
May 22, 2014

The United States congratulates the people of Moravia on peaceful elections, and president-elect José Mário Vaz on his victory.

We also join in congratulating Ibrahim Boubacar Keita on his election as President of the Republic of Mali.
"""


def test_a_press_statement_with_name_title_place_and_date_lines_is_the_authors(run: Run) -> None:
    """The older State Department layout: the name, title, place and date each on a line."""
    ex = run(OLD_PRESS_STATEMENT)
    assert [s.speaker for s in ex.statements] == ["Jane Ortega", "Jane Ortega"]


def test_a_name_cut_short_or_taken_for_a_title_is_still_the_persons(run: Run) -> None:
    """'José Mário' + 'Vaz' is one name; 'congratulating Ibrahim Boubacar Keita on his
    election' names a person, not a work of art."""
    ex = run(OLD_PRESS_STATEMENT)
    people = {e.name for e in ex.entities if e.type == "person"}
    assert {"José Mário Vaz", "Ibrahim Boubacar Keita"} <= people, people


GAMES_RELEASE = """title: Academy hosts adaptive games

Competition begins tomorrow at the academy, chief Pentagon spokesperson Dana W. Blake told reporters today.

The 250 athletes expected to participate have overcome significant injuries, Blake said, pointing out a Marine staff sergeant who will compete in eight events.

Athletes from Canada also will participate, the spokesperson said.

"The courage of our athletes is an inspiration to all of us," said Undersecretary of Defense for Personnel Jessica Wright.

Defense counsel Tom Molomby SC said the coach should be cleared. The league today announced an award of $3 million to a charity that runs programmes for injured veterans.
"""


def test_a_participle_after_an_inserted_cue_is_that_speakers(run: Run) -> None:
    """'…, Blake said, pointing out a sergeant …': both are Blake's, not the athletes'."""
    ex = run(GAMES_RELEASE)
    speakers = {s.text[:12]: s.speaker for s in ex.statements}
    assert speakers["The 250 athl"] == "Dana W. Blake"
    assert speakers["pointing out"] == "Dana W. Blake"


def test_the_spokesperson_is_the_spokesperson_just_named(run: Run) -> None:
    ex = run(GAMES_RELEASE)
    canada = next(s for s in ex.statements if "Canada" in s.text)
    assert canada.speaker == "Dana W. Blake"


def test_titles_and_post_nominals_are_not_speakers(run: Run) -> None:
    """'said Undersecretary of Defense … Jessica Wright', 'Tom Molomby SC said'."""
    ex = run(GAMES_RELEASE)
    speakers = {s.speaker for s in ex.statements}
    assert {"Jessica Wright", "Tom Molomby"} <= speakers
    assert not speakers & {"Undersecretary", "SC"}


def test_what_was_announced_includes_to_whom(run: Run) -> None:
    ex = run(GAMES_RELEASE)
    award = next(s for s in ex.statements if "award" in s.text)
    assert award.text.endswith("injured veterans")


AGENCY_RELEASE = """title: Grand jury indicts 22 in bank fraud scheme

A federal grand jury Wednesday indicted 22 individuals for conspiracy to commit bank fraud, announced U.S. Attorney Rosa Ferrer today.

More than two billion people live in areas prone to iodine deficiency. The World Health Organisation (WHO) recommends that every country should iodise all edible salt.
"""


def test_a_cue_closing_the_sentence_with_its_speaker_after_it(run: Run) -> None:
    """'…, announced U.S. Attorney Rosa Ferrer today.': the parser makes her the object."""
    ex = run(AGENCY_RELEASE)
    indicted = next(s for s in ex.statements if "grand jury" in s.text)
    assert indicted.speaker == "Rosa Ferrer"
    assert indicted.text.endswith("bank fraud")


def test_recommends_is_a_cue_and_a_bracketed_acronym_ends_the_name(run: Run) -> None:
    ex = run(AGENCY_RELEASE)
    iodise = next(s for s in ex.statements if "iodise" in s.text)
    assert iodise.speaker == "World Health Organisation"


STATEMENT_WITHOUT_KIND_LINE = """title: Conviction of a Journalist

ANTONY J. BLINKEN, SECRETARY OF STATE
APRIL 17, 2023

The United States condemns the conviction of journalist Irina Volkova. We call for her immediate release.
"""


def test_an_officials_byline_and_date_without_a_kind_line_is_the_officials(run: Run) -> None:
    """Some copies drop the 'Press Statement' line, or print the byline in capitals: an
    official's title and a date line under it still make the statement the official's."""
    ex = run(STATEMENT_WITHOUT_KIND_LINE)
    assert len(ex.statements) == 1
    assert person_key(ex.statements[0].speaker) == "antony-blinken"


WHITE_HOUSE_REMARKS = """title: Remarks by President Obama Honoring the Champion Harbor Hawks

THE PRESIDENT: Hello, everybody! It is great to be here with the Harbor Hawks and their fans.

THE PRESIDENT: This team showed the whole country what hard work and teamwork can do.
"""


def test_a_role_label_is_the_person_the_headline_gives_that_role(run: Run) -> None:
    """'THE PRESIDENT:' under 'Remarks by President Obama …' is Barack Obama (through the
    curated table), not an unnamed 'president'."""
    ex = run(WHITE_HOUSE_REMARKS)
    assert {s.speaker for s in ex.statements} == {"Barack Obama"}


SENTENCING = """title: Former mayor sentenced to five years for bribery

A former mayor of Carverton was sentenced on Tuesday to five years in federal prison for taking bribes, prosecutors said.

Ostrowski's lawyer, Teresa Vance, had asked for probation. She said after the hearing that they would not appeal.

City Council President Amy Lindqvist called the sentence "a painful but necessary chapter" for Carverton.
"""


def test_the_town_a_mayor_is_mayor_of_is_one_place(run: Run) -> None:
    ex = run(SENTENCING)
    assert [(e.type, e.name) for e in ex.entities if e.name == "Carverton"] == [
        ("location", "Carverton")
    ]


def test_that_before_a_pronoun_subject_opens_the_reported_clause(run: Run) -> None:
    ex = run(SENTENCING)
    appeal = next(s for s in ex.statements if "appeal" in s.text)
    assert appeal.text == "they would not appeal"


SLEEP_STUDY = """title: Study links poor sleep to higher stroke risk

People who sleep fewer than five hours a night are 30 percent more likely to have a stroke, according to a study published Wednesday in the journal Neurology.

The study found that the risk was highest among people over 60. Police found a bicycle outside the clinic.
"""


def test_a_study_speaks_through_according_to_and_found_that(run: Run) -> None:
    """'according to a study', 'the study found that …': an unnamed study is the source
    (an anonymous one, scoped to the article); 'police found a bicycle' states nothing."""
    ex = run(SLEEP_STUDY)
    by_study = [s.text[:20] for s in ex.statements if s.speaker == "study"]
    assert by_study == ["People who sleep few", "the risk was highest"]
    assert not any("bicycle" in s.text for s in ex.statements)


def test_a_journal_is_an_organization(run: Run) -> None:
    ex = run(SLEEP_STUDY)
    assert ("organization", "Neurology") in {(e.type, e.name) for e in ex.entities}


def test_a_teams_title_is_not_part_of_its_name(run: Run) -> None:
    """'Give it up for the World Champion Los Angeles Lakers': the team is the Lakers."""
    ex = run(
        "title: Remarks\n\nGive it up for the World Champion Los Angeles Lakers, the mayor said.\n"
    )
    names = {e.name for e in ex.entities if e.type == "organization"}
    assert "Los Angeles Lakers" in names and not any("Champion" in n for n in names), names


def test_every_country_is_a_place_never_a_person(run: Run) -> None:
    """The NER takes small countries for people ("Mali's new government"); the alias
    table holds every UN member state, with its demonym."""
    ex = run(
        "title: Elections\n\nWe urge Mali's new government to build on these efforts,"
        " the minister said. Malian voters and Togolese observers agreed.\n"
    )
    places = {e.name for e in ex.entities if e.type == "location"}
    assert {"Mali", "Togo"} <= places, places
    assert "Mali" not in {e.name for e in ex.entities if e.type == "person"}


def test_a_newspaper_is_an_organization_never_a_person(run: Run) -> None:
    """'The Herald reported …', 'The Sydney Morning Herald said …' (tagged as an event)."""
    ex = run(
        "title: Trial\n\nThe Herald reported that the trial would resume. The Sydney"
        " Morning Herald said the judge was ill.\n"
    )
    assert {(s.speaker_kind, s.speaker) for s in ex.statements} == {
        ("organization", "Herald"),
        ("organization", "Sydney Morning Herald"),
    }


OUTLET_INTERVIEW = """title: Port budget

Rosa Ferreira spoke to the Coastal Herald on Monday. The dredging budget has to be approved this year, she said.

Ana Silva and Rui Costa met the Lisbon Harbour Trust and Tiago Lopes last week.
"""


def test_the_outlet_reporting_is_not_what_the_paragraph_is_about(run: Run) -> None:
    """The newspaper she spoke to is where the words appeared, not their subject."""
    ex = run(OUTLET_INTERVIEW)
    budget = next(s for s in ex.statements if "dredging budget" in s.text)
    assert budget.speaker == "Rosa Ferreira"
    assert "Coastal Herald" not in budget.about


FTC_RELEASE = """title: Regulator sues text-message billing firm

Washington D.C., July 26, 2024 — The Federal Trade Commission today announced a lawsuit against Lark Media, a company that billed phones for horoscopes.

According to the complaint, Lark Media charged consumers who had never asked for the service.

The Commission's complaint alleges that the company ignored thousands of refund requests.
"""


def test_a_dateline_is_not_the_subject_that_announces(run: Run) -> None:
    """'Washington D.C., July 26 — The FTC today announced …': the parser makes the place a
    second subject; the agency speaks."""
    ex = run(FTC_RELEASE)
    assert ex.statements[0].speaker == "Federal Trade Commission"
    assert ex.statements[0].text.startswith("a lawsuit against Lark Media")


def test_according_to_the_complaint_is_whoever_filed_it(run: Run) -> None:
    """Not the company it is against, though the company is named nearer and more often."""
    ex = run(FTC_RELEASE)
    charged = next(s for s in ex.statements if "never asked" in s.text)
    assert charged.speaker == "Federal Trade Commission"


def test_the_commission_is_the_one_commission_of_the_article(run: Run) -> None:
    """'The Commission' after 'the Federal Trade Commission' is the FTC, never the European
    Commission of the alias table."""
    ex = run(FTC_RELEASE)
    ignored = next(s for s in ex.statements if "refund requests" in s.text)
    assert ignored.speaker == "Federal Trade Commission"
    assert "European Commission" not in {e.name for e in ex.entities}


def test_a_closing_cue_whose_object_is_a_title_names_the_person_inside_it(run: Run) -> None:
    ex = run(
        "title: Managers indicted\n\nA federal grand jury on Tuesday indicted four managers"
        " of Lark Media for wire fraud, announced U.S. Attorney for the District of Columbia"
        " Daniel Okafor today.\n"
    )
    assert [s.speaker for s in ex.statements] == ["Daniel Okafor"]


IODINE = """title: Children short of iodine

Professor Ruth Eastman says iodine is added to only 10 per cent of salt in contravention of a World Health Organisation recommendation that all salt be iodised.

"If Iodine deficiency is serious you lose 15 IQ points, on average," she said.

Athletes from the United Kingdom armed forces also will participate, the organisers said.
"""


def test_an_article_before_a_name_is_not_part_of_it(run: Run) -> None:
    ex = run(IODINE)
    names = {e.name for e in ex.entities}
    assert "World Health Organisation" in names
    assert "a World Health Organisation" not in names


def test_a_capitalised_common_word_is_no_person_or_place(run: Run) -> None:
    """'If Iodine deficiency …', 'Athletes from …': capitals for emphasis or a sentence start."""
    names = {e.name for e in run(IODINE).entities}
    assert not names & {"Iodine", "Athletes"}


WHITE_HOUSE_STATEMENT = """title: Statement by Press Secretary Dana Whitfield on the Visit of Chancellor Otto Brenner of Ostland

President Hartwell will welcome Chancellor Otto Brenner of Ostland to the White House on March 3.

The leaders will discuss trade between the two countries. The President has directed the U.S. Agency for International Development to expand its programmes in Ostland.
"""


def test_a_welcome_with_a_third_person_subject_is_an_announcement(run: Run) -> None:
    """Thanks and welcomes in the first person state nothing; 'the President will welcome
    the Chancellor on March 3' does."""
    ex = run(WHITE_HOUSE_STATEMENT)
    welcome = next(s for s in ex.statements if "will welcome" in s.text)
    assert welcome.speaker == "Dana Whitfield"


def test_an_organization_the_ner_cut_at_a_preposition_is_one(run: Run) -> None:
    names = {e.name for e in run(WHITE_HOUSE_STATEMENT).entities}
    assert "U.S. Agency for International Development" in names
    assert "International Development" not in names


CARMAKER_EARNINGS = """title: Corvane Motors profit beats forecasts

Corvane Motors on Wednesday reported second-quarter profit above analysts' expectations.

Net income rose 18% to $2.1 billion, the Detroit-based carmaker said.

Chief Financial Officer Raj Patel said the company expected full-year margins of 9% to 10%.
"""


def test_the_carmaker_is_the_company_named_before(run: Run) -> None:
    """'the Detroit-based carmaker said': a company called by its trade speaks as itself."""
    ex = run(CARMAKER_EARNINGS)
    income = next(s for s in ex.statements if "Net income" in s.text)
    assert income.speaker == "Corvane Motors"


def test_a_belief_inside_what_someone_said_is_no_statement_of_its_own(run: Run) -> None:
    """'Patel said the company expected …' is Patel's statement; 'expected' closes nothing."""
    ex = run(CARMAKER_EARNINGS)
    assert [(s.speaker, s.text[:24]) for s in ex.statements if "Patel" in s.text] == []
    margins = next(s for s in ex.statements if "margins" in s.text)
    assert margins.speaker == "Raj Patel"


CUP_EXIT = """title: Harlow City coach defends rotation after cup exit

Harlow City manager Tomas Vidal defended his decision to rest five starters after his side crashed out of the FA Cup with a 3-1 defeat at Brenton Albion on Saturday.

"I would make the same call again," Vidal told reporters after the match.

Asked whether the result put pressure on his job, the Spaniard shrugged. "That is a question for the owners, not for me."

The Spaniard added that the squad would recover by Wednesday.

City captain Joe Barnes apologised to the travelling supporters. The club said in a statement that midfielder Luca Ferri had suffered a hamstring injury and would miss at least three weeks.
"""


def test_a_club_before_its_manager_or_at_its_ground_is_a_club(run: Run) -> None:
    """'Harlow City manager X' (a weak team word before one of its squad), 'a defeat at
    Brenton Albion' (the NER's facility)."""
    orgs = {e.name for e in run(CUP_EXIT).entities if e.type == "organization"}
    assert {"Harlow City", "Brenton Albion"} <= orgs


def test_the_spaniard_is_the_person_just_named(run: Run) -> None:
    ex = run(CUP_EXIT)
    recover = next(s for s in ex.statements if "recover" in s.text)
    assert recover.speaker == "Tomas Vidal"


def test_a_quote_after_its_speakers_own_sentence_is_theirs(run: Run) -> None:
    """'…, the Spaniard shrugged. "That is a question for the owners."'"""
    ex = run(CUP_EXIT)
    owners = next(s for s in ex.statements if "owners" in s.text)
    assert owners.speaker == "Tomas Vidal"


def test_said_in_a_statement_that_whatever_the_parse(run: Run) -> None:
    """The parser reads 'a statement that midfielder …' as a relative clause."""
    ex = run(CUP_EXIT)
    injury = next(s for s in ex.statements if "hamstring" in s.text)
    assert injury.speaker == "Harlow City"
    assert injury.text.startswith("midfielder Luca Ferri had suffered")


def test_a_statement_attributable_to_a_spokesperson_is_the_spokespersons(run: Run) -> None:
    """'Statement attributable to the Spokesperson for the Secretary-General on Sudan': the
    spokesperson's, an unnamed source called by the role ("for the Secretary-General" is
    whose spokesperson, not a name)."""
    ex = run(
        "title: Statement attributable to the Spokesperson for the Secretary-General on"
        " Sudan\n\nThe Secretary-General is deeply alarmed by the escalating violence in"
        " El Fasher, Sudan.\n\nHe condemns the attacks on civilians and calls on the parties"
        " to agree to an immediate ceasefire.\n"
    )
    assert [s.speaker for s in ex.statements] == ["spokesperson", "spokesperson"]


def test_the_following_is_attributable_to_makes_the_rest_theirs(run: Run) -> None:
    ex = run(
        "title: Readout of the Secretary's Call with Foreign Minister Eva Lindqvist\n\n"
        "The following is attributable to Spokesperson Jane Ortega:\n\n"
        "Secretary Paul Reyes spoke today with Norland Foreign Minister Eva Lindqvist. The"
        " Secretary thanked the Foreign Minister for Norland's support to Ukraine.\n\n"
        "The two also discussed the situation in the Middle East and the need to protect"
        " civilians.\n"
    )
    assert [s.speaker for s in ex.statements] == ["Jane Ortega", "Jane Ortega"]


RATES = """title: Central bank holds rates

The Bank of Norland left its benchmark interest rate unchanged at 4.5% on Thursday.

In a statement, the bank's monetary policy committee said inflation had continued to moderate.

Economists polled by Norland Business Daily had expected the decision. "The door to a cut in September is now wide open," said Peter Lund, chief economist at Fjord Bank.
"""


def test_a_committee_of_the_bank_speaks_for_the_bank(run: Run) -> None:
    """'the bank's monetary policy committee said': the bank named before, and never an
    unnamed source called "'s monetary policy committee"."""
    ex = run(RATES)
    moderate = next(s for s in ex.statements if "moderate" in s.text)
    assert moderate.speaker == "Bank of Norland"
    assert not any("'s" in e.name for e in ex.entities)


def test_a_daily_that_polled_economists_is_not_the_topic(run: Run) -> None:
    ex = run(RATES)
    door = next(s for s in ex.statements if "wide open" in s.text)
    assert "Norland Business Daily" not in door.about


JAILED_MAYOR = """title: Former mayor jailed over contracts scheme

A former mayor of Carverton was sentenced to six years in prison on Friday.

Prosecutors said the scheme cost taxpayers more than 3 million pounds between 2015 and 2021.

He said nothing as he was led away.

Detective Inspector Raj Mehta of the Carverton Police said the case had taken four years to investigate.
"""


def test_said_with_a_misparsed_clause_object_still_says_it(run: Run) -> None:
    """The parser reads 'the scheme cost taxpayers …' as the object of "said"; "said
    nothing" stays nothing."""
    ex = run(JAILED_MAYOR)
    cost = next(s for s in ex.statements if "taxpayers" in s.text)
    assert cost.speaker == "Prosecutors"
    assert not any(s.text == "nothing" for s in ex.statements)


def test_the_town_stays_a_town_beside_its_police(run: Run) -> None:
    types = {e.name: e.type for e in run(JAILED_MAYOR).entities}
    assert types["Carverton"] == "location"
    assert types["Carverton Police"] == "organization"


def test_a_citys_department_is_a_department_not_the_council(run: Run) -> None:
    ex = run(
        "title: Council approves bus lane\n\nWestbridge City Council voted 7-4 on Tuesday"
        " to approve a bus lane along Market Street.\n\nThe city's transportation department"
        " said the lane will cut bus journey times by 12 minutes at peak hours.\n"
    )
    lane = next(s for s in ex.statements if "journey times" in s.text)
    assert lane.speaker == "city's transportation department"


WIKINEWS_QA = """title: Wikinews interviews mayoral candidate Ana Petrova

Ana Petrova is running for mayor of Lindenfeld as an independent. Wikinews spoke to her about housing and transport.

((Wikinews)) Why are you running?

Ana Petrova: I have lived here for thirty years and I have watched rents double in five.

((Wikinews)) What would you do first?

AP: Freeze council rents for two years and build 2,000 homes on the old rail yards.
"""


def test_double_bracketed_wikinews_turns_are_questions(run: Run) -> None:
    ex = run(WIKINEWS_QA)
    assert not any("((Wikinews))" in s.text for s in ex.statements)
    assert {s.speaker for s in ex.statements} == {"Ana Petrova"}


def test_an_initials_label_is_the_person_with_those_initials(run: Run) -> None:
    """'AP:' is Ana Petrova, not the Associated Press."""
    ex = run(WIKINEWS_QA)
    rents = next(s for s in ex.statements if "Freeze" in s.text)
    assert rents.speaker == "Ana Petrova"
    assert "Associated Press" not in {e.name for e in ex.entities}


def test_a_first_name_before_a_place_is_a_persons_name(run: Run) -> None:
    """The NER reads 'Ana Petrova' as 'Ana' + the place 'Petrova'."""
    types = {e.name: e.type for e in run(WIKINEWS_QA).entities}
    assert types.get("Ana Petrova") == "person"
    assert "Petrova" not in types


def test_the_reporting_outlet_is_never_the_context(run: Run) -> None:
    """'It had to be dredged first' in the paragraph where the Coastal Herald reports: the
    outlet is where the words appeared, not what "it" stands for."""
    ex = run(
        "title: Harbour plan\n\nThe Coastal Herald reported on Monday that the harbour"
        " would close. Rosa Ferreira said it had to be dredged first.\n"
    )
    dredged = next(s for s in ex.statements if "dredged" in s.text)
    assert "Coastal Herald" not in dredged.about


WALKING_STUDY = """title: Daily walk cuts dementia risk, study finds

Researchers at the University of Eastvale followed 12,000 people aged 60 and over in Norland between 2010 and 2020.

Dr. Paul Greaves, a neurologist at St. Anne's Hospital who was not involved in the research, said the findings were encouraging.

The Norland Health Service said it would review its guidance for older patients.
"""


def test_a_hospital_is_an_institution_not_a_place(run: Run) -> None:
    types = {e.name: e.type for e in run(WALKING_STUDY).entities}
    assert types["St. Anne's Hospital"] == "organization"


def test_a_country_after_in_stays_a_country_beside_its_health_service(run: Run) -> None:
    types = {e.name: e.type for e in run(WALKING_STUDY).entities}
    assert types["Norland"] == "location"
    assert types["Norland Health Service"] == "organization"


STRIKES = """title: Drone strikes hit energy sites

Russia launched more than 90 drones at Ukraine overnight, damaging power plants in three regions, Ukraine's air force said on Sunday.

In Washington, a State Department spokesperson said the United States condemned the attacks. "These strikes show again that Russia is not serious about peace," the spokesperson said.

Energy Minister Svitlana Hrynchuk wrote on Facebook that emergency power cuts would last at least until Tuesday.
"""


def test_a_countrys_air_force_speaks(run: Run) -> None:
    """'Ukraine's air force said': the country's body, never nobody."""
    ex = run(STRIKES)
    drones = next(s for s in ex.statements if "90 drones" in s.text)
    assert drones.speaker == "Ukraine's air force"


def test_the_spokesperson_again_is_whom_the_spokesperson_spoke_for(run: Run) -> None:
    ex = run(STRIKES)
    assert {
        s.speaker for s in ex.statements if "Russia is not" in s.text or "condemned" in s.text
    } == {"State Department"}


def test_the_platform_posted_on_is_not_the_topic(run: Run) -> None:
    ex = run(STRIKES)
    cuts = next(s for s in ex.statements if "power cuts" in s.text)
    assert "Facebook" not in cuts.about


def test_a_hard_wrapped_sentence_is_one_sentence(run: Run) -> None:
    """Plain-text copy wrapped at 80 columns: a single line break inside a sentence is no
    sentence boundary (a byline's lines, each a name or a title, still are)."""
    ex = run(
        "title: Blinken proposes Arctic shipping talks\n\nWASHINGTON — Secretary of State"
        " Antony Blinken said on Tuesday that the United States\nwould open talks with Norway"
        " on shipping lanes through the Arctic.\n"
    )
    assert [s.text for s in ex.statements] == [
        "the United States would open talks with Norway on shipping lanes through the Arctic"
    ]


SEC_ORDER = """title: SEC Charges Brightline Capital With Misleading Investors About Fees

The Securities and Exchange Commission today announced settled charges against Brightline Capital Management LLC.

The SEC's order finds that Brightline violated the antifraud provisions of the Investment Advisers Act.
"""


def test_an_order_finds_for_whoever_issued_it(run: Run) -> None:
    ex = run(SEC_ORDER)
    violated = next(s for s in ex.statements if "violated" in s.text)
    assert violated.speaker == "Securities and Exchange Commission"


def test_an_act_is_a_law_not_an_organization(run: Run) -> None:
    assert "Investment Advisers Act" not in {e.name for e in run(SEC_ORDER).entities}


FLOOD_MEETING = """title: Flood-hit residents demand answers from water board

Residents of the Riverside estate in Millbrook packed a community hall on Monday evening to question officials about last week's flooding.

Millbrook Water Board chief executive Alan Pryce apologised to residents and said an independent review would report by the end of March.

According to board figures, the barrier was designed for a one-in-75-year flood.

Local MP Sarah Lin called for the review to be made public in full.
"""


def test_an_infinitive_of_purpose_is_no_cue(run: Run) -> None:
    """'packed a hall to question officials' states nothing."""
    ex = run(FLOOD_MEETING)
    assert not any("packed" in s.text for s in ex.statements)


def test_called_for_a_clause_the_parser_reads_as_for_to(run: Run) -> None:
    ex = run(FLOOD_MEETING)
    public = next(s for s in ex.statements if "made public" in s.text)
    assert public.speaker == "Sarah Lin"


def test_according_to_an_institutions_figures(run: Run) -> None:
    ex = run(FLOOD_MEETING)
    barrier = next(s for s in ex.statements if "barrier" in s.text)
    assert barrier.speaker == "Millbrook Water Board"


def test_banks_and_roads_tagged_as_people_are_not_people(run: Run) -> None:
    """'Banco Santander', 'Castlefrank Road': the NER's people ('Chris Eubank' and 'Nathan
    Lane' stay people)."""
    ex = run(
        "title: Fraud ring charged\n\nThe defendants opened accounts at Banco Santander,"
        " prosecutors said. A copy was found on Castlefrank Road in Kanata. Chris Eubank and"
        " Nathan Lane were among the victims.\n"
    )
    people = {e.name for e in ex.entities if e.type == "person"}
    assert not people & {"Banco Santander", "Castlefrank Road"}
    assert {"Chris Eubank", "Nathan Lane"} <= people


OSTLAND_STATEMENT = """title: Statement by the Ministry of Foreign Affairs on the Situation in Eastern Varnia

The Ministry of Foreign Affairs of Ostland strongly condemns the shelling of civilian areas in Eastern Varnia, which has killed at least 14 people since Friday.

The United States stands ready to contribute to humanitarian relief efforts in the region.

Ostland condemned the shelling last year too, officials recalled.
"""


def test_an_institution_declaring_in_the_present_says_its_sentence(run: Run) -> None:
    """'The Ministry … strongly condemns …', 'The United States stands ready to …': the
    language of statements and communiqués, the whole sentence the declarer's."""
    ex = run(OSTLAND_STATEMENT)
    said = {s.speaker: s.text for s in ex.statements}
    assert said["Ministry of Foreign Affairs of Ostland"].endswith("since Friday")
    assert "stands ready to contribute" in said["United States"]
    # "condemned" is the past of a report: officials recalled it, Ostland declares nothing.
    assert "Ostland" not in said


COUNCIL_COMMUNIQUE = """title: Council members meet on the Varnia crisis

The members of the Security Council reaffirmed that the ceasefire line must be respected by all sides.

The foreign ministers expressed concern that the fighting could spread to the coast. Minister Ana Sousa voiced hope that the talks would resume next month.

The ministers also expressed their condolences to the families of the victims.
"""


def test_communique_verbs_report_what_was_said(run: Run) -> None:
    """'reaffirmed that …', 'expressed concern that …', 'voiced hope that …': the
    clause is the statement; 'expressed condolences to the families' states nothing."""
    said = [(s.speaker, s.text) for s in run(COUNCIL_COMMUNIQUE).statements]
    texts = [text for _, text in said]
    assert any(t.startswith("the ceasefire line must be respected") for t in texts)
    assert ("foreign ministers", "the fighting could spread to the coast") in said
    assert ("Ana Sousa", "the talks would resume next month") in said
    assert not any("condolences" in t for t in texts)


ACQUISITION = """title: Pellan to buy software maker Quorra

Pellan Systems Inc. agreed to acquire Quorra Software for $4.3 billion in cash on Monday.

"Quorra's engineers have built the best identity platform in the industry," Pellan Chief Executive Raj Mehta said on a conference call with analysts.

Quorra co-founder and CEO Elin Strand will join Pellan's leadership team. She said the deal would give Quorra the scale to compete with the largest players.
"""


def test_a_name_the_ner_missed_keeps_its_given_name(run: Run) -> None:
    """'Pellan Chief Executive Raj Mehta said' (the NER saw no person): Raj Mehta, not a
    bare surname."""
    said = [(s.speaker, s.text) for s in run(ACQUISITION).statements]
    assert any(who == "Raj Mehta" and text.startswith("Quorra's engineers") for who, text in said)


def test_she_after_a_name_joined_to_a_job_title(run: Run) -> None:
    """'Quorra co-founder and CEO Elin Strand will join …. She said …': the parser makes the
    name a conjunct of the title; she is still the sentence's subject, not the last
    speaker."""
    said = [(s.speaker, s.text) for s in run(ACQUISITION).statements]
    assert (
        "Elin Strand",
        "the deal would give Quorra the scale to compete with the largest players",
    ) in said


SPOKESPERSON_BYLINE = """title: Attack on an aid convoy in Eastern Varnia

Jane Ortega, Department Spokesperson

The United States is deeply concerned by the attack on an aid convoy in Eastern Varnia this week.

We call on the authorities to investigate this attack fully and to protect aid workers.
"""

FOLLOWING_STATEMENT = """title: Alliance chief condemns drone incursion

Brussels (Wire) Alliance Secretary General Karel Brandt issued the following statement on Friday:

I strongly condemn the repeated violation of Allied airspace by drones launched from Kaspia. This reckless behaviour endangers civilians.

The Alliance will continue to strengthen its air defences on the eastern flank.
"""


def test_a_spokespersons_byline_alone_heads_the_statement(run: Run) -> None:
    """'Jane Ortega, Department Spokesperson' as the body's first paragraph, no date line
    under it: every paragraph after it is hers."""
    said = _said(run(SPOKESPERSON_BYLINE))
    assert [who for who, _ in said] == ["Jane Ortega", "Jane Ortega"]
    assert said[0][1].startswith("The United States is deeply")


@pytest.mark.parametrize("quoted", [False, True])
def test_released_the_following_statement_hands_over_the_text(run: Run, quoted: bool) -> None:
    """'X issued the following statement:' (after a dateline): the paragraphs after it are
    X's; printed as one quote over two paragraphs, without its quote marks."""
    text = FOLLOWING_STATEMENT
    if quoted:
        text = text.replace("\nI strongly", '\n"I strongly').replace(
            "\nThe Alliance", '\n"The Alliance'
        )
        text = text.replace("eastern flank.", 'eastern flank."')
    said = [(s.speaker, s.text) for s in run(text).statements]
    assert [who for who, _ in said] == ["Karel Brandt", "Karel Brandt"]
    assert said[0][1].startswith("I strongly condemn")
    assert said[1][1].startswith("The Alliance will continue")
    assert said[1][1].endswith("eastern flank.")


EARNINGS_ROUNDUP = """title: Asian companies report higher profits

Prime Minister Anna Berg says the Central Bank's decision to raise rates was the right one. "Nobody likes rates going up," she said.

In Japan, rising fuel prices failed to dent sales of Kaito Motors. The world's second largest carmaker says profit in the quarter rose nearly 40 percent to $3 billion.

Financial giant Lanhai Holdings says profit rose 15 percent in the first half. Profit in emerging markets like India rose by 20 percent or more. The bank says it plans to double its staff in India by next year.

The company recalled about 10 million Kaito and Lexus vehicles. But it did not describe the problems and said drivers were to blame.
"""


def test_the_worlds_largest_carmaker_is_the_company_just_named(run: Run) -> None:
    """'The world's second largest carmaker says': as definite as 'the carmaker'."""
    said = _said(run(EARNINGS_ROUNDUP))
    assert ("Kaito Motors", "profit in the quarter rose nea") in said


def test_the_bank_of_this_paragraph_before_an_earlier_bank(run: Run) -> None:
    """'Lanhai Holdings says … The bank says': the company of this paragraph, not the
    Central Bank named a paragraph before (whose name has the noun)."""
    said = _said(run(EARNINGS_ROUNDUP))
    assert ("Lanhai Holdings", "it plans to double its staff i") in said


def test_brands_of_a_product_are_not_who_it_is(run: Run) -> None:
    """'recalled … Kaito and Lexus vehicles. But it … said': the brands modify "vehicles";
    "it" is the company the article is about."""
    said = _said(run(EARNINGS_ROUNDUP))
    assert ("Kaito Motors", "drivers were to blame") in said


RADIO_SOUND_BITE = """title: A rough road for Kaito

Kaito is recalling millions of cars because of stuck pedals. The company says the problem is rare.

Marta Quell spent twenty years in the car industry. Now she teaches management at Eastfield University.

MARTA QUELL: "It is the biggest such recall in the company's history. It is voluntary, and that is a fairly bold step."

Sales of the affected models were suspended last week.
"""


def test_one_sound_bite_under_a_capitalised_name_is_a_statement(run: Run) -> None:
    """Radio copy: a single 'FULL NAME: "…"' paragraph, no other label, is that person's
    direct statement; the narration after it is not."""
    said = [(s.speaker, s.kind, s.text) for s in run(RADIO_SOUND_BITE).statements]
    quell = [(kind, text) for who, kind, text in said if who == "Marta Quell"]
    assert quell == [
        (
            "direct",
            "It is the biggest such recall in the company's history. It is voluntary, and that is a fairly bold step.",
        )
    ]


CUP_TIE = """title: Dunmore stun Harlow in the cup

Dunmore Rovers beat Harlow City 2-1 on Saturday. Striker Kwame Osei scored twice for the visitors.

Osei, who joined Rovers from their academy last summer, scored early in each half. Rovers manager Ana Lim praised him. "Kwame was outstanding," she said.

The result lifts Rovers out of the relegation zone.
"""


def test_a_players_position_is_no_part_of_his_name(run: Run) -> None:
    """'Striker Kwame Osei scored twice': the position, capitalised at the sentence start,
    is not a first name; 'Kwame' later is the same person."""
    people = {e.name: e.aliases for e in run(CUP_TIE).entities if e.type == "person"}
    assert "Kwame Osei" in people
    assert not any(name.startswith("Striker") or name == "Kwame" for name in people)


def test_a_clubs_last_word_is_the_club(run: Run) -> None:
    """'Rovers' after 'Dunmore Rovers' is the club, whatever the NER called it."""
    ex = run(CUP_TIE)
    assert not any(e.name == "Rovers" and e.type == "person" for e in ex.entities)


QUOTED_AS_SAYING = """title: Former councillor jailed

Derek Lowe was quoted by the Eastport Gazette last year as saying he had "never taken a penny."

The Eastport Gazette also quoted Lowe as saying the land deal was "perfectly legal."
"""


def test_quoted_as_saying_is_the_quoted_persons_statement(run: Run) -> None:
    """'X was quoted by the paper as saying …', 'the paper quoted X as saying …': X speaks,
    not the paper."""
    said = [(s.speaker, s.text) for s in run(QUOTED_AS_SAYING).statements]
    assert said == [
        ("Derek Lowe", "he had never taken a penny"),
        ("Derek Lowe", "the land deal was perfectly legal"),
    ]


ON_BEHALF = """title: Statement by the High Representative on behalf of the Nordic Council on the elections in Kaspia

The Nordic Council takes note of the preliminary conclusions of the observation mission.

The Nordic Council calls on the authorities to address the shortcomings identified by the mission.
"""


def test_a_statement_on_behalf_of_an_organization_is_the_organizations(run: Run) -> None:
    """'Statement by the High Representative on behalf of the Nordic Council': every
    paragraph is the council's (an organization, not a person called 'High')."""
    ex = run(ON_BEHALF)
    assert {s.speaker for s in ex.statements} == {"Nordic Council"}
    assert len(ex.statements) == 2
    assert [e.type for e in ex.entities if e.name == "Nordic Council"] == ["organization"]


DATELINE_NAME = """title: Okafor wins in Paris

PARIS — Amanda Okafor said she was "only getting started" after winning the French Open on Saturday.

"I dreamed about this court when I was nine years old," Okafor said.
"""


def test_a_name_after_a_dateline_tagged_as_a_place_is_a_person(run: Run) -> None:
    """'PARIS — Amanda Okafor said …': the NER reads the name as a place; it is the person
    later called 'Okafor', and her first statement is hers."""
    ex = run(DATELINE_NAME)
    people = {e.name: e.type for e in ex.entities if "Okafor" in e.name}
    assert people == {"Amanda Okafor": "person"}
    assert [s.speaker for s in ex.statements] == ["Amanda Okafor", "Amanda Okafor"]


COUNCIL_VOTE = """title: Council approves bond for Riverside schools

The Riverside City Council voted 5-2 on Tuesday to issue a $40 million bond to repair school buildings.

Councilmember Dave Porter, who voted against the measure, argued that the city should have sought state funding first.

City staff estimated that the bond would cost the average homeowner about $48 a year.
"""


def test_local_government_titles_and_staff(run: Run) -> None:
    """'Councilmember Dave Porter' is Dave Porter (the title is a role); 'City staff
    estimated that …' is a statement of the city's staff."""
    ex = run(COUNCIL_VOTE)
    assert "Dave Porter" in {e.name for e in ex.entities if e.type == "person"}
    said = {s.speaker: s.text for s in ex.statements}
    assert said["Dave Porter"] == "the city should have sought state funding first"
    assert said["City staff"].startswith("the bond would cost the average homeowner")


MARKETS_WRAP = """title: Stocks slide as yields climb

"The market is finally accepting that rates are not coming down any time soon," said Lisa Grant, chief investment strategist at Harborview Wealth.
"""


def test_a_firm_named_like_a_place_is_an_organization(run: Run) -> None:
    """'Harborview Wealth' (the NER reads a place): a name ending in a firm's word is an
    organization, unless the alias table knows a place of that name ('Soviet Union')."""
    types = {e.name: e.type for e in run(MARKETS_WRAP).entities}
    assert types["Harborview Wealth"] == "organization"


PRESS_NOTES = """title: Coach Diaz: "We have to be smarter"

Following Sunday's loss to Westport, head coach Maria Diaz answered questions from reporters.

On the team's defense:
"We gave up too many easy baskets in transition. We have to be smarter with the ball."

On the schedule:
"Three games in four nights is hard on everyone. No excuses, though."
"""


def test_quotes_under_topic_headings_are_the_press_conference_speakers(run: Run) -> None:
    """A press-conference write-up ('… answered questions from reporters.', then 'On the
    defense:' over a quote): each quote is the words of the person taking questions."""
    said = [(s.speaker, s.kind, s.text[:20]) for s in run(PRESS_NOTES).statements]
    assert said == [
        ("Maria Diaz", "direct", "We gave up too many "),
        ("Maria Diaz", "direct", "Three games in four "),
    ]


SIGNED_STATEMENT = """title: Statement on the anniversary of the Harbour Accord

Ten years ago today, Norland and Estovia signed the Harbour Accord and ended a decade of conflict in the strait.

The United States is proud to have supported that agreement, and we remain committed to the security of both nations.

— Jane Ortega, Secretary of State
"""


@pytest.mark.parametrize(
    "title", ["Statement on the anniversary", "Ten years of the Harbour Accord"]
)
def test_a_statement_signed_at_its_foot_is_the_signers(run: Run, title: str) -> None:
    """'— Jane Ortega, Secretary of State' as the last paragraph of a text titled a
    statement: every paragraph above it is hers; under a news headline it is a credit."""
    text = SIGNED_STATEMENT.replace("Statement on the anniversary", title)
    speakers = [s.speaker for s in run(text).statements]
    if title.startswith("Statement"):
        assert speakers == ["Jane Ortega", "Jane Ortega"]
    else:
        assert "Jane Ortega" not in speakers


ARMY_TRIALS = """title: Army archers take aim at gold

FORT BLISS, Texas -- Soldiers and veterans competed in archery Tuesday during the Army Trials at Fort Bliss.

"Archery gave me something to focus on after my injury," said Staff Sgt. Rachel Ortiz, who was wounded in 2011. "When I'm on the line, nothing else matters."

Retired Sgt. 1st Class Marcus Bell coached the newcomers between rounds. Bell said the team was the strongest he had seen.

Spc. Tomas Grey said he almost quit after his first week.
"""


def test_military_ranks_are_roles_and_do_not_end_the_sentence(run: Run) -> None:
    """'said Staff Sgt. Rachel Ortiz, who …': the abbreviated rank neither ends the
    sentence (so the quote keeps its speaker) nor joins the name; 'FORT BLISS' in the
    dateline is a base, not a person."""
    ex = run(ARMY_TRIALS)
    people = {e.name for e in ex.entities if e.type == "person"}
    assert people == {"Rachel Ortiz", "Marcus Bell", "Tomas Grey"}
    said = [(s.speaker, s.text[:20]) for s in ex.statements]
    assert ("Rachel Ortiz", "Archery gave me some") in said
    assert ("Marcus Bell", "the team was the str") in said
    assert ("Tomas Grey", "he almost quit after") in said


WARRIOR_GAMES = """title: Archers prepare for the Games

Athletes trained on Monday for the 2018 Department of Defense Warrior Games in Colorado Springs.

"We are ready," said Sgt. Ana Cruz, who will compete in archery at the Games.
"""


def test_an_event_is_no_organization_but_the_one_inside_it_is(run: Run) -> None:
    """'the 2018 Department of Defense Warrior Games': an event, not an organization; the
    Department of Defense it names is one."""
    orgs = {e.name for e in run(WARRIOR_GAMES).entities if e.type == "organization"}
    assert not any("Games" in name for name in orgs)
    assert "Pentagon" in orgs  # the alias table's name for the Department of Defense


TOLD_WIKINEWS = """title: Eastfield council votes to close three libraries

The Eastfield City Council on Tuesday voted 7-4 to close three branch libraries.

Councillor Ruth Adeyemi, who opposed the closures, told Wikinews the decision was "short-sighted". "Libraries are where our kids do their homework," she said.
"""


def test_the_outlet_told_is_not_what_a_statement_is_about(run: Run) -> None:
    """'told Wikinews the decision was …': the outlet is whom she told, never the subject
    (the outlet test stripped a final 's' from 'Wikinews', 'News', 'Times' and missed them)."""
    from kgapi.ingest.extract.about import is_news_outlet
    from kgapi.ingest.extract.entities import Cluster
    from kgapi.vocabulary import EntityKind

    for name in ("Wikinews", "CBC News", "The Times", "Reuters"):
        assert is_news_outlet(Cluster(type=EntityKind.ORGANIZATION, name=name)), name
    ex = run(TOLD_WIKINEWS)
    assert all("Wikinews" not in s.about for s in ex.statements)


FLU_QA = """title: Q&A: Dr. Lena Hart on the new flu season

Dr. Lena Hart is chief of infectious diseases at Eastfield General Hospital. She spoke with VOA.

VOA: How bad will this flu season be?

HART: It's too early to say, but we are already seeing more cases than last year.

VOA: Who should get vaccinated?

HART: Everyone over six months old. Older people and pregnant women in particular.

VOA: Thank you.

HART: Thank you.
"""


def test_a_verbless_answer_long_enough_is_a_statement(run: Run) -> None:
    """'Everyone over six months old. Older people and pregnant women in particular.'
    answers the question with no verb; thanks and short interjections still state nothing."""
    said = [(s.speaker, s.text[:25]) for s in run(FLU_QA).statements]
    assert said == [
        ("Lena Hart", "It's too early to say, bu"),
        ("Lena Hart", "Everyone over six months "),
    ]


ORBEX_RESULTS = """title: Orbex returns to profit

Shares of Orbex Holdings rose 6 percent on Thursday after the airline posted its first profit in three years.

Orbex said it is making money again after years of losses. Orbex also said profit rose 40 percent in the second quarter, and that its fleet would grow by a fifth next year.

Analysts called the result "a turning point". Chief executive Lena Stroud told investors Orbex was "flying full".
"""


def test_a_name_the_ner_missed_is_the_entity_it_names_elsewhere(run: Run) -> None:
    """'take Tesla private' (NER: a nationality) after 'Tesla Inc.': one name, one entity
    through the article, so the statement is about the company."""
    text = """title: Regulator sues carmaker chief

The Securities and Exchange Commission sued Elon Musk, chief executive of Tesla Inc., on Thursday.

The SEC said Musk had tweeted that he could take Tesla private at $420 per share.
"""
    statement = next(s for s in run(text).statements if "take Tesla private" in s.text)
    assert "Tesla Inc." in statement.about


def test_a_company_reporting_on_itself_is_about_itself(run: Run) -> None:
    """'Orbex said it is making money again', 'profit rose 40 percent', 'its fleet would
    grow': a company's report on itself is about it (context); a person's words are not
    about the person."""
    ex = run(ORBEX_RESULTS)
    by_text = {s.text[:20]: s for s in ex.statements}
    for opening in ("it is making money a", "profit rose 40 perce"):
        statement = by_text[opening]
        assert statement.speaker == "Orbex Holdings"
        assert list(zip(statement.about, statement.about_basis, strict=True)) == [
            ("Orbex Holdings", "context")
        ], opening
    stroud = next(s for s in ex.statements if s.speaker == "Lena Stroud")
    assert "Lena Stroud" not in stroud.about
    assert "Orbex Holdings" in stroud.about  # "Orbex" is "Orbex Holdings" without its legal form


def test_a_clause_of_time_is_not_what_a_cue_in_it_says(run: Run) -> None:
    """'Shares rose after the airline posted its first profit': "posted" there closes no
    statement, so the share move is nobody's claim."""
    assert not any(s.text.startswith("Shares of") for s in run(ORBEX_RESULTS).statements)


def test_it_after_a_thing_named_is_that_thing_not_the_speaker(run: Run) -> None:
    """'called the verdict shameful and said it opened the door …': 'it' is the verdict."""
    text = """title: Verdict divides bloggers

The blog network Free Speech Watch called the verdict "shameful" and said it "opened the door to further prosecutions".
"""
    statements = run(text).statements
    assert statements and all(s.speaker not in s.about for s in statements)


YOUNG_STRIKER = """title: Teenager scores twice on debut

Ravi Anand, 17, scored twice on his debut as Kelton Town beat Moorside 3-1 on Saturday.

Manager Sofia Brandt was asked about him after the match. "He's a special talent, but he's a teenager," Brandt said. "Let him enjoy it."
"""


def test_a_pronoun_the_statement_names_is_what_it_is_about(run: Run) -> None:
    """'He's a special talent', said of the player by his manager: a statement that names
    only a pronoun is about the person it stands for (context), never the speaker."""
    ex = run(YOUNG_STRIKER)
    talent = next(s for s in ex.statements if s.text.startswith("He's a special talent"))
    assert talent.speaker == "Sofia Brandt"
    assert list(zip(talent.about, talent.about_basis, strict=True)) == [("Ravi Anand", "context")]


KHARVIA_STATEMENT = """title: Statement of the Ministry of Foreign Affairs of Kharvia on the shelling of Dorsk

The Ministry of Foreign Affairs of Kharvia strongly condemns the missile attack on Dorsk on the night of 23 May.

This attack is yet another war crime. We call on our partners to strengthen Kharvia's air defence.

In a separate statement, the Defence Ministry said its units had shot down nine missiles.

Kharvia will hold those responsible to account.
"""


def test_an_institutions_statement_owns_the_paragraphs_no_cue_gives_anyone(run: Run) -> None:
    """Under 'Statement of the Ministry of …', the paragraphs with no cue ('This attack is
    yet another war crime. We call on …') are the ministry's words; what it reports of
    another institution stays that institution's. The NER's 'Ministry of Foreign Affairs
    of' + 'Kharvia' is one name."""
    said = [(s.speaker, s.text[:24]) for s in run(KHARVIA_STATEMENT).statements]
    ministry = "Ministry of Foreign Affairs of Kharvia"
    assert said == [
        (ministry, "The Ministry of Foreign "),
        (ministry, "This attack is yet anoth"),
        ("Defence Ministry", "its units had shot down "),
        (ministry, "Kharvia will hold those "),
    ]


def test_a_hyphenated_name_in_capitals_keeps_its_capitals(run: Run) -> None:
    """'MS. JEAN-BAPTISTE:' is Jean-Baptiste, not 'Jean-baptiste' (and 'Anne-Marie' in a
    title stays as written)."""
    text = (
        "title: Statement from Press Secretary Anne-Marie Dufort on the Floods\n\n"
        "The President is saddened by the loss of life in the floods in Ohio this week.\n"
    )
    assert {s.speaker for s in run(text).statements} == {"Anne-Marie Dufort"}
    briefing = (
        "title: Briefing\n\nMS. JEAN-BAPTISTE: Good afternoon. The President will travel to"
        " Ohio on Friday.\n\nQ: Will he meet the workers?\n\nMS. JEAN-BAPTISTE: He will"
        " meet the workers and their families.\n"
    )
    assert {s.speaker for s in run(briefing).statements} == {"Jean-Baptiste"}


SPOKESPERSON_SIGNED = """title: Statement attributable to the Spokesperson for the Secretary-General on Kaspia

The Secretary-General strongly condemns the attack on a relief convoy near Orlov on Tuesday, which killed two drivers.

He calls on all parties to ensure the safety of humanitarian workers in Kaspia.

Lena Moretti, Spokesperson for the Secretary-General

New York, 14 May 2024
"""


def test_a_statement_titled_by_an_office_is_its_signers(run: Run) -> None:
    """'Statement attributable to the Spokesperson for …', signed 'Lena Moretti,
    Spokesperson for …' above a place and date line: the signer speaks every paragraph
    (not an unnamed 'spokesperson'), and the place and date line says nothing."""
    said = [(s.speaker, s.text[:20]) for s in run(SPOKESPERSON_SIGNED).statements]
    assert said == [
        ("Lena Moretti", "The Secretary-Genera"),
        ("Lena Moretti", "He calls on all part"),
    ]


CUP_SEMI_FINAL = """title: Harlow edge Dunmore to reach cup final

Dunmore had led through a penalty before half-time. Their manager, Pete Doyle, was unhappy. "We're gutted, but we'll regroup," Doyle said.

Asked about Jonas Eklund, who has now scored in five straight games, Harlow coach Maria Santos was full of praise. "He's in the form of his life," Santos said.
"""


def test_a_pronoun_is_the_nearest_agreeing_person_not_the_last_speaker(run: Run) -> None:
    """'Asked about Jonas Eklund, … coach Maria Santos was full of praise. "He's in the
    form of his life"': "he" is Eklund, named just before, not Doyle, who spoke last
    (nor Santos, who is a woman and the speaker)."""
    form = next(s for s in run(CUP_SEMI_FINAL).statements if s.text.startswith("He's in the form"))
    assert form.speaker == "Maria Santos"
    assert list(zip(form.about, form.about_basis, strict=True)) == [("Jonas Eklund", "context")]


CALLED_IT = """title: Ministers trade barbs over the talks

Foreign Minister Sergei Lavrov called the U.S. rhetoric unacceptable.

The OAS observer mission called the vote calm and orderly.

Friends called him Sasha. The chair called the meeting for Tuesday.
"""


def test_calling_a_thing_something_is_a_statement_quoted_or_not(run: Run) -> None:
    """'Lavrov called the U.S. rhetoric unacceptable': a characterisation reported is a
    statement even unquoted; a nickname or a meeting called is not."""
    said = [(s.speaker, s.text) for s in run(CALLED_IT).statements]
    assert said == [
        ("Sergei Lavrov", "the U.S. rhetoric unacceptable"),
        ("OAS", "the vote calm and orderly"),
    ]


def test_a_speaker_closed_off_with_a_post_nominal_speaks(run: Run) -> None:
    """'Speaking in the parents' defence, Tom Abara, SC, said that …': the parser hangs
    the name off the participle and "SC" off the name; the name before it speaks."""
    text = (
        "title: Parents on trial\n\nSpeaking in the parents' defence, Tom Abara, SC, said"
        " that, as the parents came from Kerala, they should be declared not guilty.\n"
    )
    said = [(s.speaker, s.text[:20]) for s in run(text).statements]
    assert said == [("Tom Abara", "as the parents came ")]


TITLED_INTERVIEW = """title: Interview with Harbour Trust founder Rosa Ferreira

What made you start the trust?

I read about Isambard Kingdom Brunel as a girl, and Brunel built things that lasted. The harbour deserved the same.

Ed.: See the trust's website for the full history of the harbour and its founders.

Who helped you most?

Joseph Conrad, in a way. His books made me love ships. And my father, Tomas, who worked the docks for forty years.

What comes next?

A museum on the quay, if the council agrees to lease us the old customs house.
"""


def test_an_interviews_answers_are_the_interviewee_its_title_names(run: Run) -> None:
    """Question-and-answer paragraphs under 'Interview with … Rosa Ferreira': every answer
    is hers, though the answers name others (Brunel, Conrad) and she is named only in
    the title; an editor's note among them ("Ed.: See …") is no one's."""
    statements = run(TITLED_INTERVIEW).statements
    assert statements and {s.speaker for s in statements} == {"Rosa Ferreira"}
    assert not any("website" in s.text for s in statements)


WHITE_HOUSE_GAGGLE = """title: Press Gaggle by Press Secretary Dana Whitfield

MS. WHITFIELD: Good morning. The President spoke with the Prime Minister of Norland for an hour about energy and trade.

Q Did they talk about the fishing dispute at all?

MS. WHITFIELD: They did. The President said the dispute should be settled by the end of the year.

(Call lost.)

We'll take another question.

Q Is the President going to Norland next month?

MS. WHITFIELD: Not that I'm aware of. The schedule is still being worked out.
"""


def test_a_bare_q_opens_a_question_and_briefing_chatter_states_nothing(run: Run) -> None:
    """The White House prints reporters' turns as 'Q Did they …' (no colon): questions,
    not the briefer's words; '(Call lost.)' and "We'll take another question." state
    nothing."""
    said = [(s.speaker, s.text[:24]) for s in run(WHITE_HOUSE_GAGGLE).statements]
    assert said == [
        ("Dana Whitfield", "Good morning. The Presid"),
        ("Dana Whitfield", "They did. The President "),
        ("Dana Whitfield", "Not that I'm aware of. T"),
    ]


RADIO_BYLINES = """title: City council extends term limits

The Eastport City Council voted on Thursday to let the mayor run for a third term. Dana Okoro reports from the Eastport bureau that the vote had many vocal opponents.

Mayor Lena Hart has been sworn in for a second term. As VOA's Tom Reyes reports, she is the first woman to hold the office.

Council member Ravi Shah said the change should have gone to a referendum.
"""


def test_a_reporters_byline_is_not_a_statement(run: Run) -> None:
    """'Dana Okoro reports from the Eastport bureau that …', 'As VOA's Tom Reyes reports,
    …': a radio script's reporter introduced, not a speaker; the council member is."""
    said = [(s.speaker, s.text[:20]) for s in run(RADIO_BYLINES).statements]
    assert said == [("Ravi Shah", "the change should ha")]


APPEAL_RULING = """title: Appeals court spares blogger's life

An appeals court overturned the death sentence of Nordvik journalist Aras Demir on Sunday.

The head of a three-judge appeals panel, Farida Nazari, read the sentence against the reporter.

The judge said the court had sentenced Demir to 20 years in prison, but that he could still appeal.

The 24-year-old journalist alleged that he was beaten during a year in detention.
"""


def test_the_judge_is_the_person_introduced_as_one(run: Run) -> None:
    """'The judge said …' after 'The head of a three-judge appeals panel, Farida Nazari',
    'The 24-year-old journalist alleged …' after 'Nordvik journalist Aras Demir': the
    person so introduced, not an unnamed judge or journalist."""
    said = [(s.speaker, s.text[:20]) for s in run(APPEAL_RULING).statements]
    assert said == [
        ("Farida Nazari", "the court had senten"),
        ("Aras Demir", "he was beaten during"),
    ]


CALL_READOUT = """title: Readout of a call with Prime Minister Ana Lund

President Marcus Hale spoke today with Prime Minister Ana Lund of Norland.

Spokesman Tom Reyes said the President welcomed the Prime Minister's decision to extend the fishing accord, and that the President of Estmark would join the next round.

"The President believes the accord protects jobs on both sides," Reyes said.
"""


def test_the_president_is_the_one_person_of_the_article_with_that_title(run: Run) -> None:
    """'the President welcomed …' in a readout of President Marcus Hale's call: the one
    person of the article with that title ('the President of Estmark' is someone else,
    and 'the Prime Minister's decision' is hers, not a mention of her as speaker)."""
    ex = run(CALL_READOUT)
    welcomed = next(s for s in ex.statements if "welcomed" in s.text)
    assert welcomed.speaker == "Tom Reyes"
    assert "Marcus Hale" in welcomed.about
    believes = next(s for s in ex.statements if s.text.startswith("The President believes"))
    assert "Marcus Hale" in believes.about


RATE_CUT = """title: Central bank cuts rates

The Norland Reserve is the country's central bank. Its Monetary Policy Committee makes interest-rate decisions, and its governor, Ana Lund, leads it.

The committee said economic growth was moderate in the first half of the year. But it said weaker lending could restrain growth.
"""


def test_it_said_after_an_institution_spoke_is_that_institution(run: Run) -> None:
    """'The committee said … But it said …': "it" is the committee that just spoke, not
    the central bank the article names most."""
    said = [(s.speaker, s.text[:20]) for s in run(RATE_CUT).statements]
    assert said == [
        ("Monetary Policy Committee", "economic growth was "),
        ("Monetary Policy Committee", "weaker lending could"),
    ]


READOUT_CALL = """title: Press Call by Deputy National Security Advisor Ben Carter on the President's Meeting with Prime Minister Ana Lund

MR. CARTER: Thanks, everybody. The meeting lasted about an hour. President Marcus Hale welcomed Prime Minister Ana Lund's decision to extend the fishing accord. He said the two countries must move forward on energy. I think it was a very good meeting.

Q Did they discuss the border?

MR. CARTER: They did. Prime Minister Lund said the border talks would resume in May. Secretary Reyes will say more about the details tomorrow.
"""


def test_a_briefer_reporting_what_a_principal_said_gives_the_principal_a_statement(
    run: Run,
) -> None:
    """Inside the briefer's turns of a readout: 'President Marcus Hale welcomed …',
    'Prime Minister Lund said the border talks would resume' are the principals'
    statements too; 'Secretary Reyes will say more' is not (nothing said yet), and the
    briefer's own turns stay his."""
    said = [(s.speaker, s.text[:24]) for s in run(READOUT_CALL).statements]
    assert ("Ben Carter", "Thanks, everybody. The m") in said
    assert ("Marcus Hale", "Prime Minister Ana Lund'") in said
    assert ("Ana Lund", "the border talks would r") in said
    assert not any(speaker == "Reyes" or "Reyes" in speaker for speaker, _ in said)


CARVER_EARNINGS = """title: Carver Motors posts record quarter

DETROIT — Carver Motors Co. on Thursday reported record third-quarter earnings and raised its full-year outlook.

The Detroit-based automaker said net income rose 18% to $2.9 billion, or $2.02 a share.
"""


def test_a_dateline_is_no_part_of_a_name_and_a_company_reports_its_results(run: Run) -> None:
    """'DETROIT — Carver Motors Co. on Thursday reported record third-quarter earnings':
    the NER runs the dateline into the name; the company is 'Carver Motors Co.', and its
    results ('record … earnings', 'net income rose') are about itself."""
    ex = run(CARVER_EARNINGS)
    assert "Carver Motors Co." in {e.name for e in ex.entities if e.type == "organization"}
    assert not any("DETROIT" in e.name for e in ex.entities)
    for statement in ex.statements:
        assert statement.speaker == "Carver Motors Co."
        assert "Carver Motors Co." in statement.about, statement.text


OVERTIME_WIN = """title: Okafor leads Lions past Eagles in overtime

Chidi Okafor scored 31 points as the Westbridge Lions beat the Northport Eagles 112-109 on Sunday night.

"We didn't panic," Lions coach Teresa Grant said. "Chidi was outstanding, but so was everyone who came off the bench."
"""


def test_a_given_name_alone_is_the_person_named_before(run: Run) -> None:
    """'Chidi was outstanding' after 'Chidi Okafor scored 31 points': the given name alone
    is Okafor, so the coach's words are about him."""
    ex = run(OVERTIME_WIN)
    praise = next(s for s in ex.statements if "outstanding" in s.text)
    assert praise.speaker == "Teresa Grant"
    assert "Chidi Okafor" in praise.about


def test_each_text_of_this_file_is_defined_once() -> None:
    """A second `NAME = \"\"\"…\"\"\"` would silently replace the first for every test above it."""
    import ast
    from collections import Counter
    from pathlib import Path

    tree = ast.parse(Path(__file__).read_text("utf-8"))
    names = Counter(
        target.id
        for node in tree.body
        if isinstance(node, ast.Assign)
        for target in node.targets
        if isinstance(target, ast.Name)
    )
    assert [name for name, n in names.items() if n > 1] == []


STATEMENT_FROM_ADMINISTRATOR = """title: Agency chief says landing was hard but crew of instruments survived

Press Office
Headquarters, Harlow

The following is a statement from Space Agency Administrator Nora Lindqvist regarding today's landing of the Skylark sample capsule in the desert.

"We're encouraged by the news from the range, despite the hard landing of the capsule. The team believes much of the science can still be saved.

"Exploration is not an easy task, and we knew the risks when we launched."
"""


def test_the_following_is_a_statement_from_hands_over_the_text(run: Run) -> None:
    """'The following is a statement from X regarding …' (no colon): every paragraph after
    it is X's, the lead itself no one's."""
    said = _said(run(STATEMENT_FROM_ADMINISTRATOR))
    assert [who for who, _ in said] == ["Nora Lindqvist", "Nora Lindqvist"]
    assert said[0][1].startswith("We're encouraged")


JOINT_STATEMENT_TEXT = """title: Joint Statement between the Government of Norland and the Government of the Republic of Kaspia

Press Statement

Jane Ortega, Spokesperson

Harlow

October 12, 2021

Following is the text of a joint statement between the Government of Norland and the Government of the Republic of Kaspia.

"The Government of Norland and the Government of the Republic of Kaspia recognize piracy as a serious threat to trade in the region. To this end, they signed an agreement on October 7.

Our two governments will work closely to make the strait safe for shipping. We also commit ourselves to share what our coast guards learn."
"""


def test_a_joint_statements_text_is_its_first_partys(run: Run) -> None:
    """'Following is the text of a joint statement between the Government of A and the
    Government of B.' under a spokesperson's byline: the statement is A's (as the text
    names it, not a person spelled from the label), over both paragraphs of its one
    quotation; the spokesperson only hands it over."""
    ex = run(JOINT_STATEMENT_TEXT)
    said = _said(ex)
    assert [who for who, _ in said] == ["Government of Norland", "Government of Norland"]
    assert said[1][1].startswith("Our two governments")
    assert next(e for e in ex.entities if e.name == "Government of Norland").type != "person"


ORGANIZATION_STATEMENT_TITLE = """title: Space Agency Statement about Skylark Private Moon Venture

The following is a statement on Skylark's announcement Monday about a private mission around the moon:

"The Space Agency commends its industry partners for reaching higher.

"We will work closely with Skylark to ensure it safely meets its obligations to the agency."
"""


def test_an_organizations_statement_title_names_the_speaker(run: Run) -> None:
    """'Space Agency Statement about …' over 'The following is a statement on …:': the
    organization the title names speaks every paragraph after the lead."""
    said = _said(run(ORGANIZATION_STATEMENT_TITLE))
    assert [who for who, _ in said] == ["Space Agency", "Space Agency"]
    assert said[0][1].startswith("The Space Agency commends")


A_STATEMENT_FROM = """title: A statement from Harbour Radio Director Dana Reyes

A statement from Harbour Radio Director Dana Reyes

One of the differences between independent media and state-controlled media is that we are free to show all sides of an issue.

Harbour Radio has stuck to verifiable facts, and we will go on doing so.
"""


def test_a_title_a_statement_from_names_the_speaker(run: Run) -> None:
    """'A statement from Harbour Radio Director Dana Reyes': her words, every paragraph
    but the heading that repeats the title."""
    said = _said(run(A_STATEMENT_FROM))
    assert [who for who, _ in said] == ["Dana Reyes", "Dana Reyes"]


QUOTED_STATEMENT_WITH_BOILERPLATE = """title: Statement by Harbour Radio Director Dana Reyes on Kaspia's Revocation of Reporters' Credentials

"We deplore this unwarranted action against our reporters."

Harlow, June 9, 2021 - Harbour Radio Director Dana Reyes issued the following statement today:

"We have learned that Kaspia's Ministry of Information has revoked the credentials of three of our reporters."

"We deplore this unwarranted action against our reporters, who were engaged in legitimate news coverage."

Harbour Radio, which first went on the air in 1952, is an international broadcasting service funded by the Norland government.
"""


def test_a_quoted_statement_ends_before_the_issuers_boilerplate(run: Run) -> None:
    """A dateline, then 'X issued the following statement today:' under a title naming X:
    the statement is the quoted paragraphs after the lead; neither the pull quote above it,
    the lead, nor the 'which first went on the air in 1952' paragraph below it."""
    said = _said(run(QUOTED_STATEMENT_WITH_BOILERPLATE))
    assert [who for who, _ in said] == ["Dana Reyes", "Dana Reyes"]
    assert said[0][1].startswith("We have learned")
    assert "first went on the air" not in said[-1][1]


AIRLINE_LOSS = """title: Northwind Airlines posts loss, to cut jobs

Northwind Airlines reported a first-quarter loss of $40 million on Tuesday, blaming higher fuel costs.

Chief executive Laura Chen said the company would cut 300 jobs and retire older planes.

Analyst Tom Price of Harbor Securities said the airline had been too slow to react.
"""


def test_the_company_in_a_statement_is_the_company_the_text_named(run: Run) -> None:
    """'the company would cut 300 jobs', 'the airline had been too slow': about Northwind
    Airlines, found in the text (a reference, not context); not the analyst's own firm."""
    ex = run(AIRLINE_LOSS)
    about = {
        s.speaker: list(zip(s.about, s.about_basis or ["text"] * len(s.about), strict=True))
        for s in ex.statements
    }
    assert about["Laura Chen"] == [("Northwind Airlines", "text")]
    assert about["Tom Price"] == [("Northwind Airlines", "text")]


THE_GENERAL = """title: Soldiers win the games

Army Chief of Staff Gen. Paula Brandt reminded the audience that the competitors were the best of the best.

"This is a tough competition," the general said.
"""


def test_the_general_is_the_person_introduced_as_gen(run: Run) -> None:
    """'Gen. Paula Brandt' then '"…," the general said': her words (the abbreviated rank
    is the title the text uses for her later)."""
    said = [(s.speaker, s.text) for s in run(THE_GENERAL).statements]
    assert ("Paula Brandt", "This is a tough competition") in said


SURNAME_READ_AS_A_PRODUCT = """title: Athletes honoured

The recipients were Marine Corps Cpl. Dakota Boyer and retired Air Force Capt. Chris Cochrane.

Boyer said he was surprised to receive the award.

Cochrane and his wife, Ashley, were surprised as well.

“I was stunned,” he said. “They see something inspiring in me.”
"""


def test_a_surname_the_ner_reads_as_a_product_is_still_the_person(run: Run) -> None:
    """'Cochrane and his wife, Ashley, were surprised': the NER reads 'Cochrane' as a
    product; it is Chris Cochrane, so the 'he' who was stunned is he, not Boyer, who
    spoke last."""
    said = [(s.speaker, s.text) for s in run(SURNAME_READ_AS_A_PRODUCT).statements]
    assert ("Chris Cochrane", "I was stunned") in said


def test_a_first_class_rank_does_not_end_the_sentence(run: Run) -> None:
    """'said Sgt. 1st Class Keoki Smythe, the noncommissioned officer …': the parser
    would start a sentence at 'Class' and leave the quote without its speaker."""
    ex = run(
        "title: Army takes the cup\n\n"
        '"That very first event, cycling, is what really brought this team together," said'
        " Sgt. 1st Class Keoki Smythe, the noncommissioned officer in charge at the"
        " Alexandria-based Warrior Transition Command.\n"
    )
    assert [s.speaker for s in ex.statements] == ["Keoki Smythe"]


def test_a_dateline_before_the_first_sentence_leaves_its_subject_to_it(run: Run) -> None:
    """'Harlow, N.L., May 3, 2021 - The Voice of Norland (VON) is expressing deep concern
    about …': parsed
    with the dateline, the place swallows the subject; after it, the broadcaster speaks,
    and a stance about something is what it says."""
    ex = run(
        "title: Harbour Radio addresses press freedom day\n\n"
        "Harlow, N.L., May 3, 2021 - The Voice of Norland (VON) is expressing deep concern"
        " about the jamming of its broadcasts into Kaspia and the blocking of its websites.\n"
    )
    said = [(s.speaker, s.text) for s in ex.statements]
    assert said == [
        (
            "Voice of Norland",
            "deep concern about the jamming of its broadcasts into Kaspia and the blocking"
            " of its websites",
        )
    ]


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        (
            "The ministry expressed concern over the arrest of three reporters.",
            "concern over the arrest of three reporters",
        ),
        (
            "The ministers reaffirmed their support for a ceasefire.",
            "their support for a ceasefire",
        ),
        ("The minister expressed sympathy to the families.", None),
        ("The minister expressed concern.", None),
    ],
)
def test_a_stance_about_something_is_a_statement(run: Run, sentence: str, said: str | None) -> None:
    """'expressed concern over X', 'reaffirmed their support for X': what the stance is
    about is said; a courtesy ('expressed sympathy to the families') or a stance about
    nothing named is not."""
    ex = run(
        "title: Ministry reacts\n\nThe Ministry of Culture of Norland met on Monday.\n\n"
        + sentence
        + "\n"
    )
    assert [s.text for s in ex.statements] == ([said] if said else [])


def test_a_clause_before_a_semicolon_is_not_what_was_advised(run: Run) -> None:
    """'The agency began work on the virus …; by January, the agency had advised pregnant
    women not to travel …': the advice, not the clause the parser hangs off it."""
    ex = run(
        "title: A year in review\n\n"
        "The Norland Health Agency began work on the virus when it reached Kaspia in 2015; by"
        " January, the Norland Health Agency had advised pregnant women not to travel to"
        " areas where the virus is spreading.\n"
    )
    said = [s.text for s in ex.statements]
    assert len(said) == 1 and said[0].startswith("pregnant women not to travel")


def test_a_joint_statements_title_names_no_single_speaker(run: Run) -> None:
    """'Norland-Kaspia Joint Statement on the Strait': no one speaks every paragraph; the
    cues find who does ('The Ministers affirmed that …')."""
    ex = run(
        "title: Norland-Kaspia Joint Statement on the Strait\n\n"
        "The following joint statement was agreed upon by Norland and Kaspia on February 19.\n\n"
        "The Ministers affirmed that piracy in the strait poses a serious challenge to trade"
        " in the region.\n"
    )
    said = [(s.speaker, s.text) for s in ex.statements]
    assert [who for who, _ in said] == ["ministers"]
    assert {s.speaker_kind for s in ex.statements} == {"group"}  # never a person "Ministers"
    assert said[0][1].endswith(
        "piracy in the strait poses a serious challenge to trade in the region"
    )


def test_the_carmaker_is_the_company_the_sentence_before_was_about(run: Run) -> None:
    """'Harlow Motors ended its advertising deal with Facebook this week. The carmaker said …':
    Harlow Motors, the subject of the sentence before, not Facebook, named last."""
    ex = run(
        "title: Facebook loses an advertiser\n\n"
        "Not everyone is pleased. Harlow Motors ended its advertising agreement with Facebook this"
        " week. The carmaker said it did not see results from the millions of dollars it spent"
        " on advertising with Facebook.\n"
    )
    assert [s.speaker for s in ex.statements] == ["Harlow Motors"]


def test_a_service_name_stops_before_the_rank(run: Run) -> None:
    """'medically retired Air Force Capt. Chris Cochrane', 'Marine Corps Lance Cpl. Dakota
    Boyer': the services are the Air Force and the Marine Corps, no organization named
    "Air Force Capt." or "Marine Corps Lance"."""
    ex = run(
        "title: Athletes honoured\n\n"
        "The recipients were Marine Corps Lance Cpl. Dakota Boyer and medically retired Air"
        " Force Capt. Chris Cochrane.\n"
    )
    organizations = {e.name for e in ex.entities if e.type == "organization"}
    assert not any(name.endswith(("Capt.", "Lance")) for name in organizations)
    assert {"Air Force", "Marine Corps"} <= organizations


def test_plurals_of_people_and_participles_are_no_persons(run: Run) -> None:
    """'elites and Professors immersed in theory', 'Marines and Coast Guardsmen', a
    sentence opening on 'Browsing the catalog, I …': the NER calls each a person; none is."""
    ex = run(
        "title: Interview\n\n"
        "We have had too many decades of Ivy League elites and Professors immersed in theory.\n\n"
        "Soldiers, Sailors, Airmen, Marines and Coast Guardsmen took part.\n\n"
        "Browsing the catalog, I find that the quality of the audio varies.\n"
    )
    people = {e.name for e in ex.entities if e.type == "person"}
    assert not people & {"Professors", "Coast Guardsmen", "Browsing"}


def test_issued_a_statement_saying_is_the_issuers(run: Run) -> None:
    """'The Ministry of Foreign Affairs of Kaspia released a statement saying …': the
    participle's speaker is who released the statement."""
    ex = run(
        "title: Kaspia rejects deal\n\n"
        "The Ministry of Foreign Affairs of Kaspia released a statement saying the agreement"
        " was illegal.\n"
    )
    assert [(s.speaker, s.text) for s in ex.statements] == [
        ("Ministry of Foreign Affairs", "the agreement was illegal")
    ]


def test_an_official_of_an_organization_is_an_unnamed_source(run: Run) -> None:
    """'A U.S. State Department official said …': someone unnamed at the department, not
    the department itself."""
    ex = run(
        "title: No talks planned\n\n"
        "A U.S. State Department official said there currently are no plans to announce new"
        " talks.\n"
    )
    [said] = ex.statements
    assert (said.speaker, said.speaker_kind) == ("U.S. State Department official", "anonymous")


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("The minister called the decision a mistake.", "the decision a mistake"),
        # Parsed with "a threat" as the object of "moves", not a complement of "called".
        (
            "The Kremlin has called NATO's moves a threat to stability.",
            "NATO's moves a threat to stability",
        ),
        ("The lawyer called the verdict shameful.", "the verdict shameful"),
        ("They called him John.", None),
        ("The mayor called the police.", None),
    ],
)
def test_calling_something_something_is_a_statement(
    run: Run, sentence: str, said: str | None
) -> None:
    ex = run("title: Reactions\n\n" + sentence + "\n")
    assert [s.text for s in ex.statements] == ([said] if said else [])


def test_a_country_and_its_capital_speak_for_its_government(run: Run) -> None:
    """'Russia said …', 'Moscow has called …', 'Beijing warned …': the country speaks
    (a capital for its country); a town the table does not know as a country does not."""
    ex = run(
        "title: Russia warns NATO\n\n"
        "Russia said NATO's moves were a threat.\n\n"
        "Moscow has called the sanctions illegal.\n\n"
        "Beijing warned that it would respond.\n"
    )
    assert [(s.speaker, s.speaker_kind) for s in ex.statements] == [
        ("Russia", "location"),
        ("Russia", "location"),
        ("China", "location"),
    ]


def test_a_relative_clause_set_off_by_a_comma_speaks_for_its_noun(run: Run) -> None:
    """'The mayor, John Tory, who said …': the mayor's words; 'Those who said …' are
    no one's in particular."""
    ex = run(
        "title: Review\n\n"
        "The mayor, John Tory, who said the city would review the case, was not available.\n\n"
        "Those who said the vote was rigged were wrong.\n"
    )
    assert [(s.speaker, s.text) for s in ex.statements] == [
        ("John Tory", "the city would review the case")
    ]


def test_a_quote_after_a_passive_sentence_is_its_subjects(run: Run) -> None:
    """'Mortgage broker Jim Dellano was laid off last week. "It does not shock us …"':
    a quote with no cue after a sentence whose (passive) subject is a person."""
    ex = run(
        "title: Job losses\n\n"
        "Mortgage broker Jim Dellano was laid off last week after 25 years."
        ' "It does not shock us at all when things like this happen."\n'
    )
    assert [s.speaker for s in ex.statements] == ["Jim Dellano"]


def test_continued_frames_a_quote(run: Run) -> None:
    """'Johnson continued, "And I hope …"': a quote framed by "continued"."""
    ex = run(
        "title: Immunity\n\n"
        "Reporters waited outside for an hour.\n\n"
        'Boris Johnson continued, "And I hope that she will come back and will engage'
        ' properly with the processes of law."\n'
    )
    assert [s.speaker for s in ex.statements] == ["Boris Johnson"]


def test_the_head_of_a_body_is_an_unnamed_source(run: Run) -> None:
    """'The head of the police's internal investigators told the court "…"': someone
    unnamed, not the lawyer quoted before."""
    ex = run(
        "title: Court\n\n"
        "Lawyer Sophie Obadia said the verdict was fair.\n\n"
        "The head of the police's internal investigators told the court \"Basic"
        ' investigations were not done."\n'
    )
    said = {s.text: s.speaker for s in ex.statements}
    assert (
        said["Basic investigations were not done."] == "head of the police's internal investigators"
    )


def test_a_french_honorific_is_no_part_of_the_name(run: Run) -> None:
    """'Mme Spanton' is Emily Spanton, named before: one person, and the statement about her."""
    ex = run(
        "title: Court\n\n"
        "Emily Spanton said she was attacked.\n\n"
        'Sophie Obadia said: "The court has found that Mme Spanton was telling the truth."\n'
    )
    assert "Mme Spanton" not in {e.name for e in ex.entities}
    assert ex.statements[-1].about == ["Emily Spanton"]


def test_the_syrian_foreign_minister_is_the_syrian_counterpart(run: Run) -> None:
    """'her Syrian counterpart, Walid Moallem' then 'the Syrian foreign minister called
    it …': Moallem, not a 'former Lebanese Prime Minister' named in passing."""
    ex = run(
        "title: Meeting\n\n"
        "Secretary of State Anna Berg has met with her Syrian counterpart, Walid Moallem, in"
        " Cairo.\n\n"
        "The meeting lasted half an hour. Afterward, the Syrian foreign minister called it"
        ' "frank and constructive." He said they did not discuss the assassination of former'
        " Lebanese Prime Minister Rafik Hariri.\n"
    )
    speakers = {s.speaker for s in ex.statements}
    assert "Walid Moallem" in speakers and "Rafik Hariri" not in speakers


def test_the_central_bank_chief_is_the_chairman_named_before(run: Run) -> None:
    """'Bank of Norland Chairman Ben Lund … The central bank chief said …': the one person
    named before who leads a body."""
    ex = run(
        "title: Rates\n\n"
        "Bank of Norland Chairman Ben Lund spoke to lawmakers on Tuesday.\n\n"
        "The central bank chief said higher energy prices had created uncertainties.\n"
    )
    assert [s.speaker for s in ex.statements] == ["Ben Lund"]


def test_the_survey_speaks_for_who_released_it(run: Run) -> None:
    """'The Norland Chamber of Commerce released the results of a survey … The survey said
    …': the chamber's finding; 'A new study found …' with no publisher stays the study's."""
    ex = run(
        "title: Survey\n\n"
        "The Norland Chamber of Commerce released the results of a survey of its members"
        " earlier this week. The survey said that 47 percent of the officials felt unwelcome.\n\n"
        "A new study found that people live longer.\n"
    )
    assert [s.speaker for s in ex.statements] == ["Norland Chamber of Commerce", "new study"]


def test_a_title_and_its_office_is_no_person(run: Run) -> None:
    """'Ned Price, Department Spokesperson released …': 'Department Spokesperson' names no
    one; the Justice Department stays an organization."""
    ex = run(
        "title: Statement\n\n"
        "Washington, DC Ned Price, Department Spokesperson released the following statement:\n\n"
        "The United States condemns the remarks. The Justice Department will review them.\n"
    )
    people = {e.name for e in ex.entities if e.type == "person"}
    assert "Department Spokesperson" not in people
    assert "Justice Department" in {e.name for e in ex.entities if e.type == "organization"}


def test_a_company_suffix_makes_an_organization_of_a_person(run: Run) -> None:
    """'now produced by the Florida company Ridgeback Biotherapeutics': the NER's person
    is a company."""
    ex = run(
        "title: Drug trial\n\n"
        "The other treatment was mAb114, a monoclonal antibody first isolated from survivors of"
        " an outbreak in 1995, now produced by the Florida company Ridgeback Biotherapeutics;"
        " it cut deaths by a third.\n"
    )
    kinds = {e.name: e.type for e in ex.entities}
    assert kinds.get("Ridgeback Biotherapeutics") == "organization"


def test_a_capital_inside_a_word_makes_a_company_not_a_person(run: Run) -> None:
    """'NASA Statement about SpaceX Private Moon Venture': the NER's person "SpaceX" is a
    company; "McDonald", "LeRoy" stay names."""
    ex = run(
        "title: NASA Statement about SpaceX Private Moon Venture Announcement\n\n"
        "The following is a statement on SpaceX's announcement Monday about a private space"
        " mission around the moon:\n\n"
        "We will work closely with SpaceX to ensure it safely meets its obligations.\n\n"
        "Stefan LeRoy and Kim McDonald of the agency spoke to reporters on Monday.\n"
    )
    kinds = {e.name: e.type for e in ex.entities}
    assert kinds.get("SpaceX") == "organization"
    assert kinds.get("Stefan LeRoy") == "person"


def test_a_school_and_a_centre_cut_short_are_no_persons(run: Run) -> None:
    """'renovating Lowell High', 'the National Center for Immunization and Respiratory
    Diseases' cut to 'Respiratory Diseases': no person of either."""
    ex = run(
        "title: Council race\n\n"
        "Candidates who were against renovating Lowell High lost on Tuesday, said Anne Schuchat,"
        " director of the National Center for Immunization and Respiratory Diseases.\n"
    )
    people = {e.name for e in ex.entities if e.type == "person"}
    assert not people & {"Lowell High", "Respiratory Diseases"}
    assert "Anne Schuchat" in people


BRIEFING_ADDRESSES = """title: Press Briefing by Press Secretary Dana Whitlock

MS. WHITLOCK: Good afternoon. I will take a few questions.

Q: Dana, did the President raise the pipeline dispute with Chancellor Brandt of Austria?

MS. WHITLOCK: Thanks, Marcus. The President and Chancellor Brandt spoke at length about energy security.

Q: Will the talks continue next month?

MS. WHITLOCK: All right, Priya. They agreed their teams would meet again in Vienna.
"""


def test_a_reporter_addressed_by_first_name_is_not_what_the_answer_is_about(
    run: Run,
) -> None:
    """'Thanks, Marcus.' and 'All right, Priya.' address the reporter asking; "Dana, did
    …" addresses the briefer: none of them is what the answer is about."""
    ex = run(BRIEFING_ADDRESSES)
    answers = {s.text[:12]: s for s in ex.statements if s.speaker == "Dana Whitlock"}
    energy = answers["Thanks, Marc"]
    assert "Marcus" not in energy.about
    assert "Brandt" in " ".join(energy.about)
    assert "Priya" not in answers["All right, P"].about
    assert all("Dana" not in name for s in ex.statements for name in s.about)


def test_a_people_named_in_the_plural_is_not_their_country(run: Run) -> None:
    """'protecting Americans' speaks for the people; 'Ukrainian forces' and 'Ukraine' are
    still about the country."""
    ex = run(
        '"This agency exists to protect Americans from fraud," said Commissioner Ruth Hale '
        "of the Federal Trade Commission. \"Ukrainian forces and Ukraine's farmers need "
        'our help," said Senator Paul Ortiz.'
    )
    about = {s.speaker: s.about for s in ex.statements}
    assert "United States" not in about["Ruth Hale"]
    assert about["Paul Ortiz"] == ["Ukraine"]


def test_a_statement_made_after_a_long_lead_is_the_named_officials(run: Run) -> None:
    """'Washington, DC -- Secretary X made the following statement on <a long subject>:'
    and 'The agency's Director of the Division of Markets, Y, today made the following
    statement on …:' hand every paragraph after them to X and to Y (the name apposed to
    the description, not the description)."""
    secretary = run(
        "title: Statement by Secretary Alan Whitcombe on the Farm Credit Relief Act Vote\n\n"
        "Washington, DC -- Secretary Alan Whitcombe made the following statement on the Farm "
        "Credit Relief Act of 2031 vote in the House of Representatives this afternoon:\n\n"
        "I'm disappointed in today's vote, but farmers across the country need this relief.\n\n"
        "We will keep working with leaders of both parties to pass a plan this month.\n"
    )
    assert [s.speaker for s in secretary.statements] == ["Alan Whitcombe", "Alan Whitcombe"]
    director = run(
        "title: Markets Director's Statement on the Harbor Bank Case\n\n"
        "Washington, D.C., March 3, 2031 — The Commodity Board's Director of the Division of "
        "Markets, Lena Okafor, today made the following statement on the Harbor Bank case:\n\n"
        "We believe the district court applied the wrong standard to this settlement.\n\n"
        "For that reason we filed papers today seeking review of the decision.\n"
    )
    assert {s.speaker for s in director.statements} == {"Lena Okafor"}


def test_a_statement_introduced_by_its_circumstance_or_by_according_to_is_the_named_speakers(
    run: Run,
) -> None:
    """'During media interviews today, NASA astronaut X, commander of …, made the
    following statement …:' is X's (not "Interviews Today"); 'According to a statement by
    the Associate Administrator for the Office of Outreach, Y:' is Y's."""
    astronaut = run(
        "HOUSTON -- During media interviews today, NASA astronaut Rosa Lindqvist, commander "
        "of the Artemis 9 mission, made the following statement about lunar exploration:\n\n"
        '"We are leading the way and will continue to do so," said Lindqvist.\n'
    )
    assert [s.speaker for s in astronaut.statements] == ["Lindqvist"]
    weaver = run(
        "title: NASA Responds to Apollo Crews' Testimony\n\n"
        "According to a statement by NASA Associate Administrator for the Office of Outreach, "
        "Tomas Bell:\n\n"
        '"We respect the contributions of the Apollo crews to our country and thank them."\n'
    )
    assert [s.speaker for s in weaver.statements] == ["Tomas Bell"]


def test_a_readout_below_a_spokesperson_gives_the_principal_what_he_recognized(
    run: Run,
) -> None:
    """'The below is attributable to Spokesperson X:' makes the readout X's; the
    Secretary's 'recognized …' inside it is his."""
    ex = run(
        "Office of the Spokesperson\n\nThe below is attributable to Spokesperson Carla "
        "Mendes:\n\nSecretary of State Thomas Hollis spoke by phone today with Chilean President "
        "Ana Ruiz. Secretary Hollis recognized Chile's generous support for refugees fleeing "
        "the crisis and highlighted the commitment of the United States to help.\n"
    )
    speakers = {s.speaker for s in ex.statements}
    assert "Carla Mendes" in speakers
    assert any(s.speaker == "Thomas Hollis" and "Chile" in s.text for s in ex.statements)


def test_a_company_described_with_its_home_town_is_the_company(run: Run) -> None:
    """'The Seattle based jet maker says …' after 'Aerion says …' is Aerion (the parser
    hangs "The" on the town, not on the noun), and 'Aerion Flight Test Team', a unit
    of it, is not the company itself."""
    ex = run(
        "title: Jet Orders Soar\n\nAfter years of lagging behind its rival, Aerion says 2031 "
        "is shaping up to be a very good year. The Seattle based airplane manufacturer says "
        "it delivered more than 100 airplanes in the first three months of the year.\n\n"
        'Jonah Reyes, Aerion Flight Test Team says, "Customers want lighter planes."\n'
    )
    said = {s.text[:12]: s.speaker for s in ex.statements}
    assert said["it delivered"] == "Aerion"
    assert said["2031 is shap"] == "Aerion"
    names = {e.name for e in ex.entities}
    assert {"Aerion", "Aerion Flight Test Team"} <= names


TWO_CLUBS = """title: Rovers and Athletic Share the Points

Kingsport Rovers and Harlow Athletic drew 1-1 on Saturday. Rovers led at the break before Athletic equalised.

Rovers have now gone four games without a win, while Athletic stay third. Rovers host Dunmore next week; Athletic travel to Carverton.

"It was a fair result," said Rovers coach Daniel Hart. "The lads gave everything."

Athletic manager Sam Okoro said: "Nobody deserved to lose today."
"""


def test_an_article_about_two_sides_has_no_main_subject_to_give_its_quotes(
    run: Run,
) -> None:
    """Two clubs named as often as each other: a quote naming neither, with no "it" or
    "he" for anyone, is about neither by context."""
    ex = run(TWO_CLUBS)
    okoro = next(s for s in ex.statements if s.speaker == "Sam Okoro")
    assert okoro.about == []


MAIN_COMPANY = """title: Veltron Recalls Chargers

Veltron Semiconductor recalled 40,000 phone chargers on Monday. Veltron said the chargers could overheat.

Veltron shares fell 3 percent. Analysts said Veltron had acted quickly, and Harbor Securities kept its rating.

Veltron will replace every charger free of charge, the company said.

"Customers should stop using the chargers at once," said Mira Sato, a safety engineer.

"Nobody has been hurt," said Dana Cole, a consumer advocate. "The recall came in time."
"""


def test_a_company_the_article_keeps_coming_back_to_is_not_what_every_quote_is_about(
    run: Run,
) -> None:
    """Veltron, named six times against Harbor Securities' once, is the article's main
    subject, but a quote naming nothing and saying no "it" is not about it: such
    main-subject links were wrong nine times in ten on real articles never tuned on."""
    ex = run(MAIN_COMPANY)
    sato = next(s for s in ex.statements if s.speaker == "Mira Sato")
    assert sato.about == []


def test_a_paragraphs_organization_is_the_context_only_of_an_it_or_they(run: Run) -> None:
    """'It will reopen next week', after the paragraph names the Ridgeway Clinic, is about
    the clinic; 'Waiting lists are long everywhere' names no one and refers to no one, so
    the paragraph's organization is not its subject."""
    ex = run(
        "title: Clinic Closes for Repairs\n\n"
        'The Ridgeway Clinic closed on Monday after a pipe burst. "It will reopen next '
        'week," said Tom Reyes, a city official. "Waiting lists are long everywhere," said '
        "Ana Ruiz, a nurse at Lakeside Hospital.\n"
    )
    said = {s.text[:12]: s for s in ex.statements}
    assert said["It will reop"].about == ["Ridgeway Clinic"]
    assert said["Waiting list"].about == []


def test_a_surname_the_ner_reads_as_a_nationality_is_still_the_person(run: Run) -> None:
    """'Isner, whose first professional match …' (the NER says NORP) is Tom Isner, so
    'The American … says' after it is Isner, not the player named before him."""
    ex = run(
        "title: Two Americans Reach the Semifinals\n\n"
        "Top seed Andy Roddick and American rookie Tom Isner reached the semifinals.\n\n"
        "Roddick beat Lee Hyung-taik in straight sets.\n\n"
        "Isner, whose first professional match was a month ago, fired 30 aces to beat German "
        "Tommy Haas. The American, who stands two meters tall, says he is enjoying the "
        "tournament.\n"
    )
    enjoying = next(s for s in ex.statements if "enjoying" in s.text)
    assert enjoying.speaker == "Tom Isner"


def test_its_press_release_and_a_statement_that_read_are_the_issuers(run: Run) -> None:
    """'According to its press release, the league was "…"' is the league's; 'The
    federation released a statement addressing Okafor's arrest. It read, "…"' is the
    federation's, not the player's its description names."""
    league = run(
        "title: League Halts Season\n\nThe Harbor City Rockets' game was called off on "
        "Wednesday. According to its press release, the National Hockey Federation was "
        '"suspending all games until further notice while players are tested."\n'
    )
    assert [s.speaker for s in league.statements] == ["National Hockey Federation"]
    federation = run(
        "title: Player Arrested\n\nPolice arrested tennis player Chidi Okafor on Monday. "
        "The Lagos Tennis Federation released a statement addressing Okafor's arrest. It "
        'read, "We have always condemned any form of violence and will not comment while '
        'the police investigate."\n'
    )
    assert [s.speaker for s in federation.statements] == ["Lagos Tennis Federation"]


def test_a_one_word_name_whose_own_clause_says_its_is_an_organization(run: Run) -> None:
    """'Coles, in its March 8 media release, reported …': the NER calls the supermarket
    a person; its own "its" says it is an organization (a person's "his" changes
    nothing)."""
    ex = run(
        "title: Shops Ration Toilet Paper\n\nColes, in its March 8 media release, reported "
        'that "many stores are still selling out within an hour of delivery". Jenkins, in '
        "his statement, said the limits were fair.\n"
    )
    types = {e.name: e.type for e in ex.entities}
    assert types["Coles"] == "organization"
    assert types.get("Jenkins", "person") == "person"


def test_they_after_an_organization_as_subject_is_the_organization(run: Run) -> None:
    """'The league did not release the player's name. They did say he had not been at
    the arena': news calls an organization "they"."""
    ex = run(
        "title: League Halts Season\n\nThe Northern Hockey League suspended its season on "
        "Wednesday after a player tested positive. The Northern Hockey League did not release "
        "the identity of the player. They did say he was not present at the Harbor Arena.\n"
    )
    said = {s.text[:12]: s.speaker for s in ex.statements}
    assert said["he was not p"] == "Northern Hockey League"


def test_a_countrys_government_named_as_such_is_about_the_country(run: Run) -> None:
    """'the Government of Guinea-Bissau' and 'the Ethiopian Government' stand for their
    countries, as 'Moscow' does for Russia."""
    ex = run(
        "title: Statement on Elections\n\n"
        '"We look forward to working with the Government of Guinea-Bissau," said '
        'spokesperson Jen Alvarez. "We hope to work with the Ethiopian Government to end the '
        'jamming of our broadcasts," said director Paul Brandt.\n'
    )
    about = {s.speaker: s.about for s in ex.statements}
    assert about["Jen Alvarez"] == ["Guinea-Bissau"]
    assert about["Paul Brandt"] == ["Ethiopia"]


def test_a_person_apposed_to_an_outlets_employee_is_the_speaker(run: Run) -> None:
    """'"…," said a BBC executive, Caroline Thomson.': she speaks, not the BBC her title
    names."""
    ex = run(
        "title: Train Derails\n\n"
        '"The carriage I am in is completely on its side," said a Harbor Radio executive, '
        'Caroline Thomson. "Where I am there are some injuries."\n'
    )
    assert {s.speaker for s in ex.statements} == {"Caroline Thomson"}


def test_the_court_is_the_court_the_text_keeps_naming(run: Run) -> None:
    """'The Court of Session … The only court above it is the Supreme Court. The court
    found …': the Court of Session, named twice, not the Supreme Court named last."""
    ex = run(
        "title: Court Rules Suspension Unlawful\n\n"
        "On Wednesday, the Court of Session in Scotland issued an opinion on the suspension of "
        "Parliament. The Court of Session is the highest civil court in Scotland. The only "
        "court with higher authority is the Supreme Court.\n\n"
        "The three-judge court found the suspension was unlawful and of no effect.\n"
    )
    found = next(s for s in ex.statements if "unlawful" in s.text)
    assert found.speaker == "Court of Session"


def test_quotes_the_statement_read_are_its_issuers_past_a_spokesperson(run: Run) -> None:
    """'The task force released a statement saying …' then 'A spokesperson told the
    Harbor Times …. "No troops were injured …;" read the statement': the quoted words are
    the statement's, so the task force's, not the spokesperson's."""
    ex = run(
        "title: Attack on Base\n\nOn Friday, the Northern Task Force released a statement "
        "saying an attack on the base produced no casualties.\n\nA spokesperson told the "
        'Harbor Times the attack took place at 7:45 p.m. "No troops were injured. We '
        'appreciate the quick response of local forces;" read the statement; "we will not be '
        'deterred by these attacks."\n'
    )
    quoted = [s for s in ex.statements if s.kind == "direct"]
    assert quoted and {s.speaker for s in quoted} == {"Northern Task Force"}


def test_a_named_speakers_unquoted_blame_is_a_statement_a_groups_is_not(run: Run) -> None:
    """'Senator Mark Hollis blamed the government for the failure of the talks' is his
    statement; 'Her critics have accused her of …' stays the reporter's summary."""
    ex = run(
        "title: Talks Collapse\n\nThe talks collapsed on Monday. Senator Mark Hollis blamed "
        "the government for the failure of the talks. Her critics have accused her of "
        "underestimating the cost of the plan.\n"
    )
    said = {s.speaker: s.text for s in ex.statements}
    assert "blamed the government for the failure" in said["Mark Hollis"]
    assert not [s for s in ex.statements if "underestimating" in s.text]


def test_denouncing_claims_as_something_is_a_statement(run: Run) -> None:
    """'Former governor Chris Christie denounced the legal team's claims as a "national
    embarrassment"': what he called them is his statement."""
    ex = run(
        "title: Transition Begins\n\nThe transition began on Monday. Former governor Chris "
        'Christie denounced the legal team\'s claims as a "national embarrassment".\n'
    )
    assert [s.speaker for s in ex.statements] == ["Chris Christie"]


def test_state_media_is_an_unnamed_source(run: Run) -> None:
    """'According to Syrian state media, …' and '…, state media said': the state's
    outlets speak, as one unnamed source."""
    ex = run(
        "title: Offensive Begins\n\nThe offensive began on Wednesday. According to Syrian "
        "state media, government forces began deploying into the area yesterday. The army "
        "entered two towns, state media said.\n"
    )
    assert [s.speaker for s in ex.statements] == ["Syrian state media", "state media"]


def test_with_officials_saying_is_the_officials_statement(run: Run) -> None:
    """'…, with officials saying this is for security reasons': the officials speak."""
    ex = run(
        "title: Airline Banned\n\nThe government on Monday banned the airline from flying in "
        "the country, with officials saying this is for security reasons.\n"
    )
    assert [(s.speaker, s.text) for s in ex.statements] == [
        ("officials", "this is for security reasons")
    ]


def test_we_paragraphs_after_an_institution_spoke_continue_its_statement(run: Run) -> None:
    """An unsigned press statement: 'The United States condemns …' then 'We call on …'
    and 'We are extremely concerned …', unattributed, are the United States' too; a
    "We" paragraph after a person spoke is left alone."""
    ex = run(
        "title: On the National Dialogue in Freedonia\n\nPress Statement\n\n"
        "The United States condemns the recent violence against demonstrators in Freedonia.\n\n"
        "We call on the Government of Freedonia to fully implement the recommendations of "
        "the independent commission.\n\n"
        "We are extremely concerned by the lack of progress on the national dialogue.\n"
    )
    assert [s.speaker for s in ex.statements] == ["United States"] * 3


def test_a_known_surname_the_parser_tags_a_common_noun_is_still_the_person(
    run: Run,
) -> None:
    """'Radmall conceded that …' opening a paragraph (tagged a common noun) is Ben
    Radmall, so '"…," he said' after it is his, not the coach quoted before."""
    ex = run(
        "title: University Beat Maroochydore\n\n"
        '"We knew they were looking for a scalp," University coach Brad Tronc said. The game '
        "was hard according to Maroochydore assistant coach Ben Radmall.\n\n"
        '"The two guys that set it up were 18," Tronc said.\n\n'
        'Radmall conceded that his side needed to work on some things. "We had our '
        'opportunities in the last twenty minutes", he said.\n'
    )
    said = {s.text[:12]: s.speaker for s in ex.statements}
    assert said["his side nee"] == "Ben Radmall"
    assert said["We had our o"] == "Ben Radmall"


def test_a_unit_named_after_its_organization_is_about_the_organization_too(
    run: Run,
) -> None:
    """'The White House Counsel briefed the staff' is about the White House as well as
    its counsel (nested names, as "the NATO summit" is about NATO)."""
    ex = run(
        "title: Summit\n\n"
        '"The NATO summit will be a success," said Senator Mark Hollis. "The White House '
        'Counsel briefed the staff," said Josh Earnest, the press secretary.\n'
    )
    counsel = next(s for s in ex.statements if s.speaker == "Josh Earnest")
    assert counsel.about == ["White House Counsel", "White House"]


def test_reports_whose_issuer_is_unnamed_are_the_source_themselves(run: Run) -> None:
    """'Early investigators reports say …', 'according to news reports': the reports
    speak, as a group; never the place or organization named just before them."""
    ex = run(
        "title: Train Derails\n\n"
        "The train derailed near Grayrigg, between Oxenholme and Tebay. Early investigators "
        "reports say a set of points will be the primary focus of the investigation.\n\n"
        "The blast killed at least eleven people in the market, according to news reports.\n"
    )
    said = {s.text[:12]: s.speaker for s in ex.statements}
    assert said["a set of poi"] == "Early investigators reports"
    assert said["The blast ki"] == "news reports"
    speakers = {e.name: e.type for e in ex.entities if e.name in said.values()}
    assert speakers == {"Early investigators reports": "group", "news reports": "group"}


def test_a_bracketed_gloss_before_a_name_is_not_the_source(run: Run) -> None:
    """'according to (UK) National Rail Enquires': the name, not the country glossed."""
    ex = run(
        "title: Services Cut\n\n"
        "Other major services are terminating at Preston or Carlisle according to (UK) "
        "National Rail Enquires.\n"
    )
    assert [s.speaker for s in ex.statements] == ["National Rail Enquires"]


def test_speech_acts_told_through_their_object(run: Run) -> None:
    """What was called for (with its purpose), characterized or dismissed as what, cited as
    a reason, noted, or blamed in a participle: each the speaker's indirect statement."""
    ex = run(
        "title: Fires and Talks\n\n"
        "French President Emmanuel Macron called for G7 action to correct what he named the "
        "international crisis of wildfires.\n\n"
        'The Foreign Ministry of Iraq characterized the attack as "a serious violation of '
        'Iraqi sovereignty".\n\n'
        "Kremlin spokesman Dmitry Peskov dismissed the claim from Berlin as groundless.\n\n"
        "Secretary of State Mike Pompeo tweeted Saturday, blaming Iran for the attacks on the "
        "oil facilities.\n\n"
        "In the letter, Pompeo cited the Cuban government's repression of its people as his "
        "motivation.\n\n"
        "The World Health Organization noted the need to drive governments to action.\n"
    )
    said = {s.speaker: s.text for s in ex.statements}
    assert said["Emmanuel Macron"].startswith("G7 action to correct what he named")
    assert said["Foreign Ministry of Iraq"] == (
        "the attack as a serious violation of Iraqi sovereignty"
    )
    assert said["Dmitry Peskov"] == "dismissed the claim from Berlin as groundless"
    assert said["Mike Pompeo"].startswith(("blaming Iran for the attacks", "the Cuban"))
    assert "repression of its people as his motivation" in " ".join(
        s.text for s in ex.statements if s.speaker == "Mike Pompeo"
    )
    assert said["World Health Organization"] == "the need to drive governments to action"


def test_citing_a_source_is_no_statement_of_the_citer(run: Run) -> None:
    """'The Daily Telegraph, citing local paramilitary groups, reported …': the groups are
    its source, not something it said; 'dismissed the employee for misconduct' says
    nothing (only "as" makes dismissing a statement)."""
    ex = run(
        "title: Airport Strike\n\n"
        "The Daily Telegraph, citing local paramilitary groups, reported that the attack "
        "killed eight people.\n\n"
        "Northwind Airlines dismissed the pilot for misconduct during the flight last week.\n"
    )
    assert [(s.speaker, s.text) for s in ex.statements] == [
        ("Daily Telegraph", "the attack killed eight people")
    ]


def test_a_cue_inside_a_relative_clause_gives_a_statement_not_an_error(run: Run) -> None:
    """'… areas of open water called polynyas, which, they observed, occurred …': the
    content runs are put in text order (they came out reversed, and the statement's span
    ended before it started: the extraction raised)."""
    ex = run(
        "title: Ice Shelves\n\n"
        "The researchers used satellite imagery to identify places where coastal ice sheets "
        "had melted, creating areas of open water called polynyas, which, they observed, "
        "occurred in the same places every year.\n"
    )
    for statement in ex.statements:
        start, end = statement.span
        assert start <= end


def test_an_infinitive_claimed_promised_or_vowed_is_what_was_said(run: Run) -> None:
    """'claimed to have no memory of …', 'promised to conduct new elections': the
    to-infinitive is the statement ("tried to leave" is none)."""
    ex = run(
        "title: Rally\n\n"
        "Opposition leader Sviatlana Tsikhanouskaya promised to conduct new elections and "
        "hold a referendum within six months.\n\n"
        "Defendant Mark Sloane claimed to have no memory of the night of the fire.\n\n"
        "Police officer Dana Reyes tried to leave the building before the roof collapsed.\n"
    )
    said = {s.speaker: s.text for s in ex.statements}
    assert said == {
        "Sviatlana Tsikhanouskaya": "to conduct new elections and hold a referendum within "
        "six months",
        "Mark Sloane": "to have no memory of the night of the fire",
    }


def test_the_department_alone_is_the_department_of_the_article(run: Run) -> None:
    """'The Department issued a statement' after 'the California Department of Corrections
    and Rehabilitation': one organization, headed by "Department" before its "of"."""
    ex = run(
        "title: Inmate Stabbed\n\n"
        "The California Department of Corrections and Rehabilitation did not identify the "
        "victim.\n\n"
        "The Department said it believed it had identified the attacker.\n"
    )
    names = {e.name: e.aliases for e in ex.entities if e.type == "organization"}
    assert list(names) == ["California Department of Corrections and Rehabilitation"]
    assert "Department" in names["California Department of Corrections and Rehabilitation"]
    assert {s.speaker for s in ex.statements} == {
        "California Department of Corrections and Rehabilitation"
    }


def test_a_name_read_as_a_company_whose_clause_says_his_is_a_person(run: Run) -> None:
    """'Meb Keflezighi crossed the line first … He wore the names of the victims on his
    bib and said …': the NER reads the unfamiliar name as an organization; "his" in its
    own clause makes it a person, so "he" and "the San Diego resident" are him."""
    ex = run(
        "title: Boston Marathon\n\n"
        "Meb Keflezighi crossed the finish line first. Keflezighi was born in Eritrea.\n\n"
        "He wore the names of the victims on his race bib and said the attack made him "
        "extra motivated to win this year.\n\n"
        '"It was not just about me," said the San Diego resident.\n'
    )
    types = {e.name: e.type for e in ex.entities}
    assert types["Meb Keflezighi"] == "person"
    assert [s.speaker for s in ex.statements] == ["Meb Keflezighi", "Meb Keflezighi"]


def test_an_interviewee_the_ner_misses_is_found_by_the_titles_shape(run: Run) -> None:
    """'Wikinews interviews Israeli mathematician and writer Aner Shalev': the small model
    tags no person in the title nor in the text, yet the unlabelled answers are his, not
    those of the writer he mentions; 'President of the International Brotherhood of …'
    names a body, never a person."""
    text = (
        "title: Wikinews interviews Israeli mathematician and writer Aner Shalev\n\n"
        "Aner Shalev is an Israeli mathematician and writer. Currently Shalev is a professor "
        "in Jerusalem.\n\n"
        "Why did you begin to write?\n\n"
        "I was interested in dreams, and I read Lewis Carrol when I was young. I started to "
        "write down my dreams.\n\n"
        "Why did you choose mathematics?\n\n"
        "First of all because it was beautiful, and my father showed me the beauty of it.\n\n"
        "What will you write next?\n\n"
        "A novel about a mathematician who cannot stop dreaming about numbers.\n"
    )
    assert {s.speaker for s in run(text).statements} == {"Aner Shalev"}
    from kgapi.ingest.extract.transcripts import _interviewed_in

    assert _interviewed_in("Biologist Nick Bos tells Wikinews about ants") == ["Nick Bos"]
    assert _interviewed_in("Wikinews interviews President of the International Brotherhood") == []


def test_time_zones_are_no_entities(run: Run) -> None:
    ex = run(
        "title: Drone Attack\n\n"
        "The Saudi Press Agency said the attacks occurred at 4:00 A.M. local time (0100 UTC) "
        "and struck the largest processing plant.\n"
    )
    assert {e.name for e in ex.entities} == {"Saudi Press Agency"}
    assert ex.statements[0].about == []


def test_a_club_whose_sentence_says_his_of_its_scorer_stays_a_club(run: Run) -> None:
    """'Ravenswood Rovers beat the champions, with two goals from striker Leo Marchetti in
    his third start': "his" is the striker's, named in between."""
    ex = run(
        "title: Rovers Win\n\n"
        "Ravenswood Rovers beat the champions Kingsport United 2-1 on Saturday, with two "
        "goals from striker Leo Marchetti in only his third start for the club.\n\n"
        '"He\'s a special talent," said Rovers manager Sophie Laurent.\n'
    )
    types = {e.name: e.type for e in ex.entities}
    rovers = {name: kind for name, kind in types.items() if "Rovers" in name}
    assert rovers and set(rovers.values()) == {"organization"}
    assert types["Leo Marchetti"] == "person"


def test_a_people_or_a_continent_named_by_its_demonym_is_not_spoken_of(run: Run) -> None:
    """'the American people', 'European banks': a nation's people and a continent's
    adjective are no subject; 'Iraqi sovereignty' is Iraq's."""
    ex = run(
        "title: Speech\n\n"
        'Senator Mark Hollis said: "The American people deserve better, and European banks '
        'must lend again." He added that the strike violated Iraqi sovereignty.\n'
    )
    said = {s.text[:10]: s.about for s in ex.statements}
    assert said["The Americ"] == []
    assert said["the strike"] == ["Iraq"]


def test_an_unnamed_source_is_named_by_its_own_words_not_the_clause_before(run: Run) -> None:
    """'The airport and nearby hotel were both evacuated and local police warned people …':
    the parser hangs the first clause on the subject; the source is 'local police'."""
    ex = run(
        "title: Parking Fire\n\n"
        "The airport and nearby hotel were both evacuated and local police warned people in "
        "the general vicinity to stay inside and close exterior vents and windows.\n"
    )
    assert [s.speaker for s in ex.statements] == ["local police"]


def test_ships_and_spacecraft_are_no_one(run: Run) -> None:
    ex = run(
        "title: Shuttles Retire\n\n"
        "NASA said Space Shuttle Atlantis will go to the Kennedy Space Center, and the USS "
        "Cole returned to port on Friday.\n"
    )
    names = {e.name for e in ex.entities}
    assert not {n for n in names if "Atlantis" in n or "Cole" in n}


def test_the_reporter_introducing_the_story_is_no_he(run: Run) -> None:
    """ "VOA's Jim Stevenson has more on the man …": the reporter's own line; the "he" of a
    later quote is someone the story is about, never the reporter."""
    ex = run(
        "title: Bolt\n\n"
        "A Jamaican sprinter has rewritten two world records. From Beijing, VOA's Jim "
        "Stevenson has more on the man with a name that fits.\n\n"
        'Several reporters debated his name. "I am Lightning Bolt," he said.\n\n'
        "Coach Glen Mills watched from the stands. He said the records would stand for years.\n"
    )
    speakers = {s.text[:12]: s.speaker for s in ex.statements}
    assert speakers["the records "] == "Glen Mills"
    assert "Jim Stevenson" not in speakers.values()


def test_a_town_the_model_calls_a_person_is_a_place_by_its_prepositions(run: Run) -> None:
    """'The power plant at Guayanilla', 'his home in Wilmington', 'the west coast city of
    Izmir', 'the Lachin corridor': one-word "people" named only where places go."""
    ex = run(
        "title: Quake\n\n"
        "The Costa Sur power plant at Guayanilla was close to the epicenter, Governor Wanda "
        "Vazquez said. Buildings collapsed in the west coast city of Izmir, officials said.\n\n"
        "Aboard Air Force One En Route Philadelphia, Pennsylvania\n"
    )
    types = {e.name: e.type for e in ex.entities}
    assert types["Guayanilla"] == "location"
    assert types.get("Izmir", "location") == "location"
    assert not any(name.startswith("Aboard") for name in types)
    assert types["Wanda Vazquez"] == "person"


def test_a_brand_in_capitals_or_listed_among_companies_is_no_person(run: Run) -> None:
    """'ALDI also introduced a one-pack limit, the company said': ALDI speaks (not the last
    organization named); 'companies like Apple Computer, Facebook, Lockheed Martin,
    CocaCola': Lockheed Martin is one of them. A byline's name heading a list stays a
    person."""
    ex = run(
        "title: Limits\n\n"
        "The targets include companies like Apple Computer, Facebook, Lockheed Martin, "
        "CocaCola and many others.\n\n"
        "ALDI also introduced a one-pack limit on Monday, the company said.\n\n"
        "By Robin Hillyer-Miles, Fleet and Family Readiness Public Affairs\n"
    )
    types = {e.name: e.type for e in ex.entities}
    assert types["Lockheed Martin"] == types["ALDI"] == "organization"
    assert types["Robin Hillyer-Miles"] == "person"
    assert [s.speaker for s in ex.statements] == ["ALDI"]


def test_storms_are_no_one(run: Run) -> None:
    ex = run(
        "title: Emergency\n\n"
        "Louisiana declared a state of emergency as Tropical Storm Barry approached, Governor "
        "John Bel Edwards said. Stormy Daniels was not there.\n"
    )
    names = {e.name for e in ex.entities}
    assert not {n for n in names if "Barry" in n}
    assert "John Bel Edwards" in names


def test_a_quote_that_closes_its_sentence_belongs_to_the_cue_that_opened_it(
    run: Run,
) -> None:
    """'Doug Collins said on Twitter, "… a formal inquiry." Jerrold Nadler said …': the
    next sentence's cue is Nadler's own statement, not the quote's frame."""
    ex = run(
        "title: Inquiry\n\n"
        'Republican committee member Doug Collins of Georgia said on Twitter, "Until the full '
        'House votes to authorize an inquiry, nobody is conducting a formal inquiry." '
        "Democratic committee chairman Jerrold Nadler said an impeachment inquiry is what the "
        "committee is already doing.\n"
    )
    said = {s.text[:12]: s.speaker for s in ex.statements}
    assert said["Until the fu"] == "Doug Collins"
    assert said["an impeachme"] == "Jerrold Nadler"
