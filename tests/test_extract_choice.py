"""How the story is chosen between trafilatura's lines and the readability pick."""
from __future__ import annotations

from stemma.extraction.html import choose, key

LEAD = "The minister announced on Friday that the new rail line to the airport will open two years later than planned."
STORY = [
    "Engineers found that the tunnel under the river needs stronger supports, which adds about a year of work.",
    "A second delay comes from the signalling system, whose supplier went bankrupt in the spring of last year.",
    "- Stations: six, two of them underground",
    "Passenger groups said the delay was disappointing but that safety had to come first in a project this size.",
    "The government expects the total cost to rise by about a fifth, to nearly three billion euros in all.",
]
TEASERS = ["Read more: Airport expansion plans face new legal challenge", "Opinion: Why our trains are always late",
           "Most read: Ten places to visit this winter", "Comments (14)"]


def test_pick_inside_trafilatura_keeps_its_lines_and_the_lead_but_not_what_follows():
    # the readability pick is the story's body; trafilatura kept the lead before it and teasers after it
    picked = [line for line in STORY if not line.startswith("-")]
    story = choose([LEAD, *STORY, *TEASERS], picked)
    assert story == [LEAD, *STORY]  # the lead and the list item the pick dropped stay, the teasers go


def test_much_longer_pick_replaces_a_short_trafilatura_text():
    assert choose(STORY[:1], [LEAD, *STORY]) == [LEAD, *STORY]


def test_unrelated_pick_leaves_trafilatura_text_alone():
    assert choose([LEAD, *STORY], TEASERS) == [LEAD, *STORY]


def test_paragraphs_trafilatura_dropped_inside_the_story_come_back_in_order():
    # the pick holds all of trafilatura's text and one paragraph more, between two of its lines
    dropped = STORY[1]
    story = choose([LEAD, STORY[0], *STORY[2:]], [LEAD, *STORY])
    assert story == [LEAD, *STORY]
    assert story.index(dropped) == 2


def test_prose_the_pick_has_after_the_story_is_not_added():
    teaser = "Meanwhile, in other news: the city council voted to close two libraries, and residents are angry about it."
    story = choose([LEAD, *STORY], [LEAD, *STORY, teaser])
    assert teaser not in story


FIRST_HALF = [f"The council met on day {n} of the session and agreed to spend more on schools, roads and the harbour."
              for n in range(12)]
SECOND_HALF = [f"Opposition members answered with a motion ({n}) asking that any new spending wait for an audit first."
               for n in range(12)]


def test_two_halves_of_a_story_next_to_each_other_are_joined_in_page_order():
    # an ad box splits the story in two blocks; trafilatura took the second, the readability pick the first
    page = key(" ".join(FIRST_HALF) + " Advertisement " + " ".join(SECOND_HALF) + " Most read: other stories")
    assert choose(SECOND_HALF, FIRST_HALF, page) == FIRST_HALF + SECOND_HALF


def test_two_unrelated_texts_far_apart_are_not_joined():
    filler = " ".join(["A teaser for another story on the site, with a few words of its own."] * 40)
    page = key(" ".join(FIRST_HALF) + filler + " ".join(SECOND_HALF))
    assert choose(SECOND_HALF, FIRST_HALF, page) == SECOND_HALF


MENU = ["Home", "World", "Business", "Sport", "Weather", "Contact us", "Subscribe to the newsletter"]
TEASER_LIST = [f"- Teaser headline number {n} for another story on the site" for n in range(12)] + [
    f"- Summary of teaser {n}: a sentence or two about another story that the site would like you to read next."
    for n in range(12)]


def test_short_pick_inside_a_whole_page_of_menus_and_teasers_is_taken():
    # trafilatura took a layout table: menus, the story, then a teaser list; the pick is just the story
    page = MENU * 4 + STORY + TEASER_LIST
    links = {key(line) for line in MENU} | {key(line[2:]) for line in TEASER_LIST[:12]}
    assert choose(page, STORY, is_link=lambda line: key(line) in links) == STORY


def test_short_pick_that_is_one_section_of_a_longer_text_is_not_taken():
    # what the pick leaves out is prose and headings that are not links: the pick is one section
    other = [line.replace("the", "a") for line in STORY] + ["Background", "What happens next"]
    page = other + STORY + other
    links = {key(line) for line in MENU}
    assert choose(page, STORY[1:], is_link=lambda line: key(line) in links) == page


def test_story_cell_of_a_layout_table_is_taken():
    # trafilatura wrote a page laid out as a table: each row joins the story cell with menus and teasers
    menu = " | ".join(MENU)
    teasers = " | ".join(line[2:] for line in TEASER_LIST)
    rows = [f"| {menu} |", f"| {' '.join(STORY)} | {teasers} |", f"| {menu} | {teasers} |"]
    assert choose(rows, STORY) == STORY


def test_soft_hyphens_do_not_keep_the_pick_apart_from_trafilatura():
    # a page hyphenated with &shy;: trafilatura drops the soft hyphens, the pick must drop them too
    from stemma.extraction.html import readability_paragraphs
    from stemma.extraction.parse import parse

    hyphenated = "".join(f"<p>{line.replace('the', 'th&shy;e').replace('ing', 'in&shy;g')}</p>" for line in STORY)
    page = f"<html><body><div class='content'>{hyphenated}</div></body></html>"
    picked = readability_paragraphs(parse(page))
    assert picked and all("\xad" not in line for line in picked)
    assert picked[0] == STORY[0]


def test_a_paragraph_written_straight_into_a_div_around_a_link_is_one_line_of_the_pick():
    # readability's port cut such a paragraph at the link into three lines, none of them a sentence, so it was
    # neither merged into trafilatura's text as prose nor segmented into its real sentences; a <br> still ends a line
    from stemma.extraction.html import readability_paragraphs
    from stemma.extraction.parse import parse

    loose = ('The flag code has guidelines for the treatment of the flag, but in the past the '
             '<a href="/court">Supreme Court</a> has found that people are protected from punishment.')
    paragraphs = "".join(f"<p>{line}</p>" for line in STORY)
    page = (f"<html><body><div class='content'>{paragraphs}<figure><img src='a.jpg'></figure>{loose}"
            f"<br>A line of its own, after a break.<p>{STORY[0]}</p></div></body></html>")
    picked = readability_paragraphs(parse(page))
    assert ("The flag code has guidelines for the treatment of the flag, but in the past the Supreme Court has found "
            "that people are protected from punishment.") in picked, picked
    assert "A line of its own, after a break." in picked


def test_the_span_ends_at_the_last_line_the_pick_holds():
    # what trafilatura has after the pick, list or teasers, is left out (a rule that kept a closing list
    # of non-link items fitted two dev pages in one half of the dev split only, and was dropped)
    takeaways = ["- Tunnel supports add a year", "- The signalling supplier went bankrupt", "- Costs rise by a fifth"]
    teasers = [f"- {line}" for line in TEASERS[:3]]
    main = [LEAD, *STORY, *takeaways, *teasers]
    assert choose(main, [LEAD, *STORY], is_link=lambda line: False) == [LEAD, *STORY]


def test_short_lines_of_the_pick_next_to_the_span_stay_but_not_a_byline_before_it():
    # a letter quoted in the story: its salutation and signature are too short to be found in the pick by
    # their text, but the pick has them as lines; a byline right before the story's first line does not stay
    letter = ["Dear Minister,", *STORY, "Sincerely,", "The passenger council"]
    assert choose(["By Jane Doe", LEAD, *letter, *TEASERS], letter) == [LEAD, *letter]
    assert choose(["By Jane Doe", *letter, *TEASERS], letter) == letter[1:]
