"""The one text rule: no control characters or lone surrogates, a length limit."""

import pytest
from django.core.exceptions import ValidationError

from codesign.text import TextField, clean_text


@pytest.mark.parametrize(
    "value", ["a\x00b", "\x07", "a\x1bb", "\x7f", "\x85", "\ud800", "x\udfffy"]
)
def test_clean_text_refuses_control_characters_and_lone_surrogates(value):
    with pytest.raises(ValidationError) as caught:
        clean_text(value, 100)

    assert caught.value.code == "invalid"


def test_clean_text_keeps_tabs_and_newlines_and_unifies_line_breaks():
    assert clean_text("a\tb\r\nc\rd\ne", 100) == "a\tb\nc\nd\ne"


def test_one_line_text_refuses_a_newline_but_keeps_a_tab():
    with pytest.raises(ValidationError) as caught:
        clean_text("a\nb", 100, multiline=False)

    assert caught.value.code == "one_line"
    assert clean_text("a\tb", 100, multiline=False) == "a\tb"


def test_clean_text_counts_characters_not_bytes():
    assert clean_text("é" * 10, 10) == "é" * 10
    with pytest.raises(ValidationError) as caught:
        clean_text("é" * 11, 10)

    assert caught.value.code == "too_long"
    assert caught.value.messages == [
        "This text can hold at most 10 characters; it has 11."
    ]


@pytest.mark.parametrize("value", [5, 1.5, True, ["a"], {"a": 1}])
def test_text_field_takes_only_a_string(value):
    with pytest.raises(ValidationError) as caught:
        TextField(max_length=10).clean(value)

    assert caught.value.messages == ["Send this as text."]


def test_text_field_strips_and_gives_the_widget_its_limit():
    field = TextField(max_length=10)

    assert field.clean("  hi  ") == "hi"
    assert field.widget.attrs["maxlength"] == "10"
