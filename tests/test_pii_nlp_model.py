"""With an NER pipeline (--nlp-model PATH), names, dates and places flow into SM105-SM107,
and spaCy runs once per post (Presidio reuses smlint's doc)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import write

CALLS = {"n": 0}


def _count(doc):  # type: ignore[no-untyped-def]
    CALLS["n"] += 1
    return doc


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import spacy
    from spacy.language import Language

    if not Language.has_factory("smlint_test_call_counter"):
        Language.component("smlint_test_call_counter", func=_count)
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "PERSON", "pattern": [{"LOWER": "zora"}, {"LOWER": "quill"}]},
            {"label": "PERSON", "pattern": [{"TEXT": "Ilse"}]},
            {"label": "DATE", "pattern": "the fourth of July 1990"},
            {"label": "GPE", "pattern": "Riverton"},
            {"label": "GPE", "pattern": "Rock Springs"},
            {"label": "GPE", "pattern": "Glenn Carson"},
        ]
    )
    nlp.add_pipe("smlint_test_call_counter")
    path = tmp_path_factory.mktemp("model") / "tiny_ner"
    nlp.to_disk(path)
    return path


def run(cli, tmp_path: Path, text: str, model: str) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    post = write(tmp_path, "post.md", text + "\n")
    result = cli("check", post, "--select", "SM1", "--format", "json", "--nlp-model", model)
    assert result.status in (0, 1), result.err
    assert "internal error" not in result.err, result.err
    return [
        (f["code"], text[f["location"]["column"] - 1 : f["end_location"]["column"] - 1])
        for f in json.loads(result.out)
    ]


def test_ner_person_flows_into_sm105(cli, tmp_path: Path, tiny_model: Path) -> None:  # type: ignore[no-untyped-def]
    text = "Update for claimant zora quill: please resubmit by Friday."
    assert ("SM105", "zora quill") in run(cli, tmp_path, text, str(tiny_model))
    assert all(c != "SM105" for c, _ in run(cli, tmp_path, text, "none"))


def test_single_ner_name_with_client_word(cli, tmp_path: Path, tiny_model: Path) -> None:  # type: ignore[no-untyped-def]
    text = "Thanks to the applicant Ilse for the quick reply."
    assert ("SM105", "Ilse") in run(cli, tmp_path, text, str(tiny_model))


def test_ner_date_flows_into_sm107(cli, tmp_path: Path, tiny_model: Path) -> None:  # type: ignore[no-untyped-def]
    text = "Her date of birth, the fourth of July 1990, was printed on the form."
    assert ("SM107", "the fourth of July 1990") in run(cli, tmp_path, text, str(tiny_model))
    assert all(c != "SM107" for c, _ in run(cli, tmp_path, text, "none"))


def test_ner_place_completes_address_and_is_no_name(cli, tmp_path: Path, tiny_model: Path) -> None:  # type: ignore[no-untyped-def]
    text = "Client Dana Ortiz lives at 58 Cedar Ln Riverton now."
    assert ("SM106", "58 Cedar Ln Riverton") in run(cli, tmp_path, text, str(tiny_model))
    assert ("SM106", "58 Cedar Ln") in run(cli, tmp_path, text, "none")
    # No first name or surname from the names lists: no person, with or without a model.
    place = "Thanks to resident Rock Springs volunteers for the help."
    assert all(c != "SM105" for c, _ in run(cli, tmp_path, place, "none"))
    assert all(c != "SM105" for c, _ in run(cli, tmp_path, place, str(tiny_model)))
    # Names-list words that the model knows as a place: only the model can tell.
    named = "Thanks to resident Glenn Carson volunteers for the help."
    assert ("SM105", "Glenn Carson") in run(cli, tmp_path, named, "none")
    assert all(c != "SM105" for c, _ in run(cli, tmp_path, named, str(tiny_model)))


def test_spacy_runs_once_per_post(cli, tmp_path: Path, tiny_model: Path) -> None:  # type: ignore[no-untyped-def]
    CALLS["n"] = 0
    post = write(
        tmp_path, "post.md", "Client zora quill, SSN 521-44-9087, born the fourth of July 1990.\n"
    )
    result = cli("check", post, "--format", "json", "--nlp-model", str(tiny_model))
    assert result.status == 1, result.err
    assert CALLS["n"] == 1
