"""Incoming frames are checked for size, nesting and JSON before anything uses them."""

import pytest

from feedback.frames import echo_request_id, json_depth, parse_frame


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("{}", 1),
        ('{"a": [1, {"b": 2}]}', 3),
        ('{"text": "[[[[{{{{"}', 1),
        ('{"text": "quote \\" [[[["}', 1),
        ("[" * 5000, 5000),
    ],
)
def test_json_depth_ignores_brackets_inside_strings(text, depth):
    assert json_depth(text) == depth


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("x" * 9000, ("too_long", "A message can hold at most 8192 bytes.")),
        ("é" * 4097, ("too_long", "A message can hold at most 8192 bytes.")),
        ("[" * 9, ("invalid", "That message is nested too deeply.")),
        ('{"a": NaN', ("invalid", "That message is not valid JSON.")),
        ("[]", ("invalid", "A message must be a JSON object.")),
    ],
)
def test_parse_frame_refuses_with_a_code_and_a_sentence(text, problem):
    assert parse_frame(text, None, 8192) == (None, problem)


def test_parse_frame_refuses_binary_data_and_takes_an_object():
    assert parse_frame(None, b"{}", 8192) == (
        None,
        ("invalid", "Send JSON text, not binary data."),
    )
    assert parse_frame('{"type": "resume", "after": 0}', None, 8192) == (
        {"type": "resume", "after": 0},
        None,
    )


@pytest.mark.parametrize(
    ("value", "echoed"),
    [("6f1c", "6f1c"), (5, None), ("\ud800", None), ("a\x00", None), ("x" * 65, None)],
)
def test_only_a_short_printable_request_id_is_echoed(value, echoed):
    assert echo_request_id(value) == echoed
