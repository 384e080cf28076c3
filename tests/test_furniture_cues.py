"""Pasted pages: what follows an article on its page (a comment thread, an author box, a
tag list) and what stands inside its column (captions, promo labels) is not kept, even
where the line model takes it for prose (issue 12); on constructed lines, no page text."""

from __future__ import annotations

import numpy as np

from clustering.ingest.furniture import (
    FurnitureModel,
    Trees,
    clean_body,
    end_of_article,
    is_inline_furniture,
    parse_page,
)

ARTICLE = [
    "The island council approved a new ferry contract on Tuesday, ending months of "
    "uncertainty over the only link to the mainland.",
    "Councillors voted nine to two in favour after the operator agreed to keep fares at "
    "last year's level until the end of 2024.",
    "The contract secures three daily crossings in winter and five in summer, and it "
    "obliges the operator to replace the older of its two vessels by 2027.",
]
# A comment thread whose comments are sentences as long as the article's.
THREAD = [
    "3 responses to “Island council backs new ferry contract”",
    "harbourwatcher22 says:",
    "March 29, 2022 at 6:34 am",
    "It is about time the council did something about the ferry, because the old boat "
    "has been a floating wreck for the best part of ten years now.",
    "Reply",
    "islander_mum says:",
    "March 29, 2022 at 7:02 am",
    "Fares staying at last year's level is good news for families who cross every day "
    "for school and work, and I hope the council keeps its promise.",
]
MENU = ["Home", "News", "Politics", "Sport", "Subscribe", "Sign in", "Search"]
FOOTER = ["About us", "Contact", "Privacy policy", "© 2022 The Gull Point Gazette"]


def test_a_comment_thread_after_the_article_is_not_kept() -> None:
    page = "\n".join(
        [
            *MENU,
            "Island council backs new ferry contract after months of talks",
            "By Ana Lima",
            "Leave a comment",  # a link by the byline: no article above it, ends nothing
            *ARTICLE,
            "Share",
            *THREAD,
            *FOOTER,
        ]
    )
    # the shipped model: the article, not the thread (the first paragraph, after a
    # header of short lines only, it doubts: the cookie-banner test shows the same)
    fields = parse_page(page)
    assert fields["body"].split("\n\n") == ARTICLE[1:]
    assert set(THREAD) <= set(fields["page_removed"])
    # a model that keeps every line, as the line model does with a long thread of prose
    # comments under a short article: the thread and the footer are cut all the same,
    # and the share button inside is dropped
    keep_all = Trees(init=5.0, rate=1.0, feature=(), threshold=(), left=(), right=(), value=())
    fields = parse_page(page, FurnitureModel(first=keep_all, second=None, threshold=0.35))
    top = [*MENU, "Island council backs new ferry contract after months of talks"]
    assert fields["body"].split("\n\n") == [*top, "By Ana Lima", "Leave a comment", *ARTICLE]
    assert fields["page_removed"] == ["Share", *THREAD, *FOOTER]


def test_end_of_article_cuts_at_the_first_header_with_article_above() -> None:
    lines = ["Leave a Reply", *ARTICLE, "Comments (2)", "Great piece.", "Tags: ferry, council"]
    keep = np.array([False, True, True, True, False, True, True])
    # the header at the top has no kept words above it; "Comments (2)" has 67
    assert end_of_article(lines, keep).tolist() == [False, True, True, True, False, False, False]
    # a tag list ends the article as well; fewer than 50 kept words above end nothing
    assert end_of_article(
        [ARTICLE[0], "Tags: ferry", ARTICLE[1]], np.array([True, False, True])
    ).tolist() == [True, False, True]
    lines = [*ARTICLE, "Filed under: Politics", ARTICLE[0]]
    assert end_of_article(lines, np.ones(5, dtype=bool)).tolist() == [True] * 3 + [False] * 2
    # an author box ("About" and a person's name) ends it; a company's "About x" does not
    lines = [*ARTICLE, "Über Ana Lima", "Ana Lima schreibt über Politik.", "About gullpoint"]
    keep = np.ones(6, dtype=bool)
    assert end_of_article(lines, keep).tolist() == [True] * 3 + [False] * 3
    assert end_of_article([*ARTICLE, "About gullpoint"], np.ones(4, dtype=bool)).all()
    # a sentence about comments or an author is no header
    lines = [*ARTICLE, "The council's comments were brief.", "About the author of the plan."]
    assert end_of_article(lines, np.ones(5, dtype=bool)).all()


def test_inline_furniture_is_captions_labels_and_promos_not_sentences() -> None:
    furniture = [
        "Protesters gathered outside the town hall (Image: GETTY )",
        "SEE MORE: Island council backs new ferry contract",
        "DON'T MISS",
        "Continue Reading Below",
        "Ferry fares frozen until 2024 [VIDEO]",
        "Advertisement",
        "2/12 The old ferry leaves the harbour",
        "The old ferry leaves the harbour in March. (AP Photo/Ana Lima, File)",
        "This slideshow requires JavaScript.",
        '[button link="https://example.com/submit" type="big"] Send us your review',
    ]
    article = [
        *ARTICLE,
        "More than half of the island's residents cross at least once a week.",
        "Read the full contract on the council's website, the leader said.",
        "___",  # a rule of underscores: true bodies have them, so it stays
    ]
    assert [is_inline_furniture(line) for line in furniture] == [True] * len(furniture)
    assert [is_inline_furniture(line) for line in article] == [False] * len(article)


def test_clean_body_drops_the_embeds_captions_and_credits_a_crawler_keeps() -> None:
    # Kinds read in the news-please crawl, written anew: a video widget, an agency's file
    # photo caption, credits-first captions, a caption closing on "Pictured", a Facebook
    # embed's signature, contributor lines. None is reporting; each was a "fact" only one
    # outlet had, and their dates and counts were numbers.
    furniture = [
        "JUST WATCHED Ferry fares explained Replay More Videos ... MUST WATCH Ferry fares "
        "explained 01:12",
        "FILE - In this Friday, March 4, 2022, file photo, the old ferry leaves Gull Point. "
        "The council voted on Tuesday to replace it.",
        "Handout - Getty Two new ferries are planned for the island route",
        "Ana Lima / Reuters Councillors leave the town hall after the vote in Gull Point, "
        "March 29, 2022.",
        "The ferry has served the island since 1998. Pictured, the old ferry in the harbour",
        "Ferry vote tonight! Posted by Gull Point Gazette on Tuesday, 29 March 2022",
        "Tom Reed contributed from Gull Point.",
        "The Associated Press contributed to this report.",
        "Mia Kent contributed to this post.",
    ]
    article = [
        *ARTICLE,
        # Sentences that open or close like furniture but report.
        "In this week's vote, the council also approved a new harbour photo exhibition.",
        "The video, posted by the operator on its website in 2021, shows the old engine.",
        "Pictured in the council's report, the new vessel has room for 40 cars.",
        "“We will keep fares down,” the operator said. — Ana Lima (@analima) March 29, 2022",
    ]
    body = "\n\n".join([article[0], *furniture, *article[1:]])
    kept, removed = clean_body(body, "Island council backs new ferry contract")
    assert kept == "\n\n".join(article)
    assert removed == furniture
