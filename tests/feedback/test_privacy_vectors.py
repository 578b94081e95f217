"""The privacy nudge on the server and in the page runs on one list of test vectors
(tests/privacy_vectors.json), so the two cannot drift apart."""

import json
from pathlib import Path

import pytest
from django.templatetags.static import static

from feedback.privacy import personal_data_kinds

VECTORS = json.loads(
    (Path(__file__).parents[1] / "privacy_vectors.json").read_text(encoding="utf-8")
)


@pytest.mark.parametrize("vector", VECTORS, ids=lambda vector: vector["text"])
def test_server_flags_each_vector(vector):
    assert personal_data_kinds(vector["text"]) == vector["kinds"]


@pytest.mark.browser
def test_page_flags_each_vector_as_the_server_does(asgi_live_server, page):
    page.goto(asgi_live_server + "/")

    found = page.evaluate(
        """async ([url, vectors]) => {
            const { personalDataKinds } = await import(url);
            return vectors.map((vector) => personalDataKinds(vector.text));
        }""",
        [static("js/privacy.js"), VECTORS],
    )

    assert found == [vector["kinds"] for vector in VECTORS]
