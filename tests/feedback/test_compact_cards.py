"""The compact cards of the board pages: the markup the script and tests read.

Every variant a card can be in (someone else's, mine, hidden, sealed, written by the
scribe, with a feeling, a theme, hidden votes, my votes, for staff) renders as the
template ``_card.html`` did before the cards were written in Python (issue 17).
"""

import re
from types import SimpleNamespace

from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from codesign.models import StakeholderRole

BOARD = SimpleNamespace(join_code="KQ7RTM")
STRINGS = {
    "sealed": "A card, hidden until the facilitator reveals all cards.",
    "anonymous": "Anonymous",
    "scribe": "entered by the facilitator",
    "votes_hidden": "hidden until the reveal",
    "no_votes_left": "No votes left",
}


def card(**data) -> dict:
    """A card as ``snapshot.board_state`` gives it: someone else's, two votes."""
    return {
        "id": 11,
        "column": 1,
        "text": "The night nurse should answer.",
        "author": {"name": "Anna", "role": "patient"},
        "emotion": "",
        "votes": 2,
        "theme": None,
        "hidden": False,
        "hidden_reason": "",
        "sealed": False,
        "scribe": False,
        "created_at": "2025-03-04T10:00:00+00:00",
        "mine": False,
        "my_votes": 0,
        **data,
    }


def rendered(*cards, template="feedback/_columns.html", **context) -> list[str]:
    """Each card's markup in a page's list of cards, as the participant sees it."""
    page = {
        "board": BOARD,
        "strings": STRINGS,
        "roles": dict(StakeholderRole.choices),
        "with_forms": True,
        "votes_spent": False,
        "columns": [{"id": 1, "title": "Went well", "cards": list(cards)}],
        "themes": [{"id": None, "name": None, "cards": list(cards)}],
        **context,
    }
    return re.findall(
        r'<li class="card.*?</li>\n', render_to_string(template, page), re.DOTALL
    )


def vote_button(card_id: int, disabled: str = "") -> str:
    return (
        f'<p class="card-actions"><button form="card-do" '
        f'formaction="/b/KQ7RTM/cards/{card_id}/vote/" data-command="vote.add" '
        f'class="small vote-button" aria-describedby="text-for-{card_id}"{disabled}>'
        "Vote</button>"
    )


def own_buttons(card_id: int) -> str:
    return (
        f'\n<a class="button small secondary own-only" '
        f'href="/b/KQ7RTM/cards/{card_id}/edit/" aria-describedby="text-for-{card_id}">'
        "Edit</a>\n"
        f'<button form="card-do" formaction="/b/KQ7RTM/cards/{card_id}/delete/" '
        'data-command="card.delete" class="small danger own-only" '
        f'aria-describedby="text-for-{card_id}">Delete</button>'
    )


def unvote_button(card_id: int) -> str:
    return (
        f'\n<button form="card-do" formaction="/b/KQ7RTM/cards/{card_id}/unvote/" '
        'data-command="vote.remove" class="small secondary vote-button unvote-form" '
        f'aria-describedby="text-for-{card_id}">Take back a vote</button>'
    )


ANNA = (
    '<p class="card-meta"><span class="card-author">Anna</span> · '
    '<span class="card-role" data-role="patient">Patient</span></p>\n'
)


def test_someone_elses_card_has_only_a_vote_button():
    html = rendered(card())

    assert html == [
        '<li class="card" id="card-11" data-card="11" data-votes="2" '
        'data-column="1">\n'
        '<p class="card-text" id="text-for-11">The night nurse should answer.</p>\n'
        + ANNA
        + '<p class="card-votes">Votes: <span class="vote-count">2</span></p>\n'
        + vote_button(11)
        + "</p>\n</li>\n"
    ]


def test_my_card_with_my_votes_a_feeling_and_a_theme_has_all_its_controls():
    mine = card(id=12, mine=True, my_votes=2, votes=3, theme=7, emotion="worried")

    html = rendered(mine)

    assert html == [
        '<li class="card card-mine" id="card-12" data-card="12" data-votes="3" '
        'data-my-votes="2" data-mine="1" data-theme="7" data-column="1" '
        'data-emotion="worried">\n'
        '<p class="card-text" id="text-for-12">The night nurse should answer.</p>\n'
        '<p class="card-emotion">😟 Worried</p>\n'
        + ANNA
        + '<p class="card-votes">Votes: <span class="vote-count">3</span>'
        '<span class="my-votes"> · yours: <span class="my-vote-count">2</span>'
        "</span></p>\n"
        + vote_button(12)
        + unvote_button(12)
        + own_buttons(12)
        + "</p>\n</li>\n"
    ]


def test_my_hidden_card_says_why_and_a_zero_count_stays_out_of_my_votes():
    hidden = card(id=13, mine=True, hidden=True, hidden_reason="Names a nurse", votes=0)

    html = rendered(hidden)

    assert html == [
        '<li class="card card-mine card-hidden" id="card-13" data-card="13" '
        'data-votes="0" data-mine="1" data-column="1">\n'
        '<p class="card-text" id="text-for-13">The night nurse should answer.</p>\n'
        '<p class="card-hidden-note">Hidden by the facilitator: Names a nurse</p>\n'
        + ANNA
        + '<p class="card-votes">Votes: <span class="vote-count">0</span></p>\n'
        + vote_button(13)
        + own_buttons(13)
        + "</p>\n</li>\n"
    ]


def test_sealed_card_with_hidden_votes_says_so():
    sealed = card(
        id=14, sealed=True, text="", author={"name": "", "role": ""}, votes=None
    )

    html = rendered(sealed)

    assert html == [
        '<li class="card card-sealed" id="card-14" data-card="14" data-votes="" '
        'data-column="1">\n'
        '<p class="card-text" id="text-for-14">'
        "A card, hidden until the facilitator reveals all cards.</p>\n"
        '<p class="card-meta"><span class="card-author"></span> · '
        '<span class="card-role" data-role=""></span></p>\n'
        '<p class="card-votes">Votes: '
        '<span class="vote-count">hidden until the reveal</span></p>\n'
        + vote_button(14)
        + "</p>\n</li>\n"
    ]


def test_scribed_card_without_a_name_is_anonymous_and_entered_by_the_facilitator():
    scribed = card(
        id=15, scribe=True, author={"name": "", "role": "family"}, my_votes=1
    )

    html = rendered(scribed)

    assert html == [
        '<li class="card" id="card-15" data-card="15" data-votes="2" '
        'data-my-votes="1" data-column="1" data-scribe="1">\n'
        '<p class="card-text" id="text-for-15">The night nurse should answer.</p>\n'
        '<p class="card-meta"><span class="card-author">Anonymous</span> · '
        '<span class="card-role" data-role="family">Family member or carer</span>'
        '<span class="card-scribe"> · entered by the facilitator</span></p>\n'
        '<p class="card-votes">Votes: <span class="vote-count">2</span>'
        '<span class="my-votes"> · yours: <span class="my-vote-count">1</span>'
        "</span></p>\n" + vote_button(15) + unvote_button(15) + "</p>\n</li>\n"
    ]


def test_spent_votes_turn_the_vote_button_off_and_say_why():
    html = rendered(card(), votes_spent=True)

    assert html[0].endswith(
        vote_button(11, disabled=" disabled")
        + '<span class="vote-why">No votes left</span></p>\n</li>\n'
    )


def test_projector_cards_have_no_controls_and_no_votes_of_their_own():
    mine = card(id=12, mine=True, my_votes=2, theme=7)

    html = rendered(mine, with_forms=False, staff_forms=False)

    assert html == [
        '<li class="card card-mine" id="card-12" data-card="12" data-votes="2" '
        'data-my-votes="2" data-mine="1" data-theme="7" data-column="1">\n'
        '<p class="card-text" id="text-for-12">The night nurse should answer.</p>\n'
        + ANNA
        + '<p class="card-votes">Votes: <span class="vote-count">2</span></p>\n'
        "</li>\n"
    ]


def test_staff_cards_carry_the_theme_and_hide_forms():
    request = RequestFactory().get("/b/KQ7RTM/facilitate/?view=column")
    themes = [{"pk": 7, "name": "Phone"}, {"pk": 8, "name": "Nights"}]
    command = (
        '<input type="hidden" name="request_id" value="">'
        '<input type="hidden" name="next" value="/b/KQ7RTM/facilitate/?view=column">'
        '<input type="hidden" name="card" value="11" data-type="int">\n'
    )
    token = '    <input type="hidden" name="csrfmiddlewaretoken" value="TOKEN">'

    html = rendered(
        card(theme=8),
        with_forms=False,
        staff_forms=True,
        theme_list=themes,
        request=request,
        csrf_token="TOKEN",
    )

    assert html == [
        '<li class="card" id="card-11" data-card="11" data-votes="2" '
        'data-theme="8" data-column="1">\n'
        '<p class="card-text" id="text-for-11">The night nurse should answer.</p>\n'
        + ANNA
        + '<p class="card-votes">Votes: <span class="vote-count">2</span></p>\n'
        '<details class="card-staff">\n'
        '  <summary aria-describedby="text-for-11">Actions</summary>\n'
        '  <form method="post" action="/b/KQ7RTM/do/" data-control="theme.assign" '
        'class="inline-form">\n'
        + token
        + '<input type="hidden" name="type" value="theme.assign">'
        + command
        + '    <label for="theme-for-11">Theme</label>\n'
        '    <select name="theme" id="theme-for-11" data-type="nullable-int" '
        "data-theme-select>\n"
        '      <option value="">No theme</option>\n'
        '      <option value="7">Phone</option><option value="8" selected>Nights'
        "</option>\n"
        "    </select>\n"
        '    <button type="submit" class="small secondary">Assign</button>\n'
        "  </form>\n"
        '  <form method="post" action="/b/KQ7RTM/do/" data-control="card.hide" '
        'class="inline-form hide-form">\n'
        + token
        + '<input type="hidden" name="type" value="card.hide">'
        + command
        + '    <label for="reason-for-11">Reason for hiding</label>\n'
        '    <input type="text" name="reason" id="reason-for-11" maxlength="200" '
        "required>\n"
        '    <button type="submit" class="small danger">Hide</button>\n'
        "  </form>\n"
        '  <form method="post" action="/b/KQ7RTM/do/" data-control="card.unhide" '
        'class="inline-form unhide-form" hidden>\n'
        + token
        + '<input type="hidden" name="type" value="card.unhide">'
        + command
        + '    <button type="submit" class="small secondary">Show again</button>\n'
        "  </form>\n"
        "</details>\n"
        "</li>\n"
    ]


def test_cards_by_theme_are_the_same_cards_as_by_column():
    cards = [card(), card(id=12, mine=True, my_votes=1, theme=7, emotion="calm")]

    by_theme = rendered(*cards, template="feedback/_themes.html")

    assert by_theme == rendered(*cards)
    assert len(by_theme) == 2


def test_hostile_text_names_and_reasons_are_escaped():
    hostile = card(
        mine=True,
        hidden=True,
        text="<script>alert(\"card\")</script> & 'quoted'",
        author={"name": '"><img src=x onerror=alert(1)>', "role": '"><b>'},
        hidden_reason="</p><script>alert('reason')</script>",
    )

    html = rendered(hostile)[0]

    assert "<script>" not in html
    assert "<img" not in html
    assert "<b>" not in html
    assert (
        "&lt;script&gt;alert(&quot;card&quot;)&lt;/script&gt; &amp; "
        "&#x27;quoted&#x27;</p>"
    ) in html
    assert (
        '<span class="card-author">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;'
        '</span> · <span class="card-role" data-role="&quot;&gt;&lt;b&gt;"></span>'
    ) in html
    assert (
        "Hidden by the facilitator: &lt;/p&gt;&lt;script&gt;"
        "alert(&#x27;reason&#x27;)&lt;/script&gt;</p>"
    ) in html


def test_cards_speak_the_viewers_language():
    mine = card(
        mine=True, my_votes=1, emotion="worried", hidden=True, hidden_reason="Naam"
    )

    with translation.override("nl"):
        html = rendered(mine)[0]

    assert '<p class="card-emotion">😟 Bezorgd</p>' in html
    assert '<p class="card-hidden-note">Verborgen door de begeleider: Naam</p>' in html
    assert 'data-role="patient">Patiënt</span>' in html
    assert "Stemmen: " in html
    assert '<span class="my-votes"> · van jou: ' in html
    assert ">Stem</button>" in html
    assert ">Stem terugnemen</button>" in html
    assert ">Bewerken</a>" in html
    assert ">Verwijderen</button>" in html
