"""Read aloud (static/js/read-aloud.js) by keyboard, with the browser's speech API
replaced in the page by a recorder: what would be spoken, in which language."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from codesign.log import actions as log_actions
from codesign.log.publish import publish_update
from feedback import actions
from tests.accessibility import axe_violations
from tests.conftest import log_in_browser, make_board
from tests.feedback.conftest import Guest

pytestmark = pytest.mark.browser

# A speech engine with one English voice that records instead of speaking; cancel
# ends the utterance in progress, as a real engine does.
FAKE_SPEECH = """
window.spoken = [];
const engine = {
  current: null,
  getVoices: () => [{ lang: "en-GB", name: "Recorder" }],
  speak(utterance) { window.spoken.push([utterance.text, utterance.lang]); this.current = utterance; },
  cancel() {
    window.spoken.push(["cancel"]);
    const utterance = this.current;
    this.current = null;
    if (utterance && utterance.onend) utterance.onend();
  },
  addEventListener() {},
};
Object.defineProperty(window, "speechSynthesis", { value: engine, configurable: true });
window.SpeechSynthesisUtterance = function (text) { this.text = text; };
"""


@pytest.fixture
def speaking_phone(phone):
    phone.add_init_script(FAKE_SPEECH)
    return phone


def press_by_keyboard(page, button) -> None:
    button.focus()
    page.keyboard.press("Enter")


def test_board_question_and_each_card_are_read_and_stop_when_pressed_again(
    asgi_live_server, speaking_phone, project, organiser, iteration
):
    board = make_board(project, organiser, prompt="What matters at home?")
    anna = Guest(board)
    actions.post_card(anna.access, board.columns.first().pk, "Night calls")
    phone = speaking_phone
    phone.context.add_cookies(
        [
            {"name": k, "value": v, "url": asgi_live_server}
            for k, v in anna.cookies.items()
        ]
    )
    phone.goto(asgi_live_server + reverse("feedback:board", args=[board.join_code]))
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")
    question = phone.locator("h1.board-prompt + .read-aloud")
    card = phone.locator(".card .read-aloud")

    press_by_keyboard(phone, question)
    expect(question).to_have_attribute("aria-pressed", "true")
    press_by_keyboard(phone, card)
    expect(card).to_have_attribute("aria-pressed", "true")
    press_by_keyboard(phone, card)

    expect(card).to_have_attribute("aria-pressed", "false")
    expect(question).to_have_attribute("aria-pressed", "false")
    assert phone.evaluate("window.spoken") == [
        ["What matters at home?", "en"],
        ["cancel"],
        ["Night calls", "en"],
        ["cancel"],
    ]
    assert axe_violations(phone) == []


def test_a_card_that_arrives_live_gets_a_button(
    asgi_live_server, speaking_phone, project, organiser, iteration
):
    board = make_board(project, organiser)
    anna = Guest(board)
    phone = speaking_phone
    phone.context.add_cookies(
        [
            {"name": k, "value": v, "url": asgi_live_server}
            for k, v in anna.cookies.items()
        ]
    )
    phone.goto(asgi_live_server + reverse("feedback:board", args=[board.join_code]))
    expect(phone.locator("#connection-status")).to_have_attribute("data-state", "live")

    phone.get_by_label("Your card").fill("A nurse who knows me")
    phone.get_by_role("button", name="Post card").click()

    button = phone.locator(".card .read-aloud")
    expect(button).to_be_visible()
    press_by_keyboard(phone, button)
    assert phone.evaluate("window.spoken") == [["A nurse who knows me", "en"]]


def test_join_page_reads_the_consent_text(
    asgi_live_server, speaking_phone, project, organiser, iteration
):
    board = make_board(project, organiser)
    phone = speaking_phone
    phone.goto(
        asgi_live_server + reverse("feedback:board_join", args=[board.join_code])
    )

    press_by_keyboard(phone, phone.locator(".consent-text + .read-aloud"))

    spoken = phone.evaluate("window.spoken")
    assert spoken[0][0].startswith("We keep the cards you write and your votes.")
    assert spoken[0][1] == "en"


def test_you_said_entries_are_read(
    asgi_live_server, speaking_phone, project, organiser, iteration
):
    log_actions.record_entry(
        organiser, iteration, kind="decision", title="A night line", cards=()
    )
    publish_update(organiser, project)
    log_in_browser(speaking_phone, asgi_live_server, organiser)
    speaking_phone.goto(
        asgi_live_server + reverse("codesign:you_said", args=[project.pk])
    )

    press_by_keyboard(speaking_phone, speaking_phone.locator("article + .read-aloud"))

    text, language = speaking_phone.evaluate("window.spoken")[0]
    assert "A night line" in text
    assert language == "en"


def test_buttons_stay_hidden_without_a_voice_for_the_language(
    asgi_live_server, speaking_phone, project, organiser, iteration
):
    board = make_board(project, organiser)
    speaking_phone.context.add_cookies(
        [{"name": "django_language", "value": "nl", "url": asgi_live_server}]
    )

    speaking_phone.goto(
        asgi_live_server + reverse("feedback:board_join", args=[board.join_code])
    )

    expect(speaking_phone.locator(".read-aloud")).to_have_count(2)
    expect(speaking_phone.locator(".read-aloud").first).to_be_hidden()
    expect(speaking_phone.locator(".read-aloud").last).to_be_hidden()
