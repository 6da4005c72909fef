"""extract(document): the document record, then figures and quotes in order, each traceable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

import pytest

from ceasefire.document import Document, normalize_text
from ceasefire.extract import extract, extract_many
from ceasefire.records import Actor, DocumentRecord, Figure, Quote

if TYPE_CHECKING:
    from conftest import Extraction

Read = Callable[[str], "Extraction"]

# A short dispatch of our own, in the shape of the corpus: own-voice figures, attributed
# figures, and a quotation holding figures of its own.
DISPATCH = """\
Israeli strikes killed at least 18 people in Nuseirat on Sunday, the Gaza health ministry said.

Osama Hamdan said: “The occupation killed 35 people in Rafah yesterday and wounded 80 more.”

More than 200 Palestinian prisoners were released on Saturday."""


def who(actor: Actor | None) -> str | None:
    """A claimant or speaker as a test names it: the registry id, else the words."""
    if actor is None:
        return None
    return actor.id or actor.name


@pytest.fixture(scope="module")
def dispatch(read: Read) -> Extraction:
    return read(DISPATCH)


def test_document_record_comes_first_with_the_metadata() -> None:
    document = Document(
        id="gaza-0312",
        text=normalize_text("Four people were killed in Jabalia, the ministry said."),
        title="Strike on Jabalia",
        outlet="Coast Herald",
        author="A. Reporter",
        url="https://example.org/gaza-0312",
        published=date(2024, 3, 12),
    )
    header, *_ = extract(document)
    assert header == DocumentRecord(
        doc="gaza-0312",
        span=(0, len(document.text)),
        text=document.text,
        title="Strike on Jabalia",
        outlet="Coast Herald",
        author="A. Reporter",
        url="https://example.org/gaza-0312",
        published=date(2024, 3, 12),
        language="en",
        chars=len(document.text),
        sha256=document.sha256,
    )


def test_every_record_names_its_document(dispatch: Extraction) -> None:
    assert {record.doc for record in dispatch.records} == {"fixture"}


def test_records_come_in_document_order(dispatch: Extraction) -> None:
    body = dispatch.records[1:]
    assert [r.span[0] for r in body] == sorted(r.span[0] for r in body)


def test_every_span_points_at_its_text(dispatch: Extraction) -> None:
    text = dispatch.document.text
    for record in dispatch.records:
        start, end = record.span
        assert text[start:end] == record.text


def test_figures_and_quotes_of_the_dispatch(dispatch: Extraction) -> None:
    assert [(f.metric, f.value.n, who(f.claimant)) for f in dispatch.figures] == [
        ("killed", 18, "gaza-ministry-of-health"),
        ("killed", 35, "osama-hamdan"),
        ("injured", 80, "osama-hamdan"),
        ("prisoners_released", 200, None),
    ]
    assert [(q.quote, who(q.speaker)) for q in dispatch.quotes] == [
        ("The occupation killed 35 people in Rafah yesterday and wounded 80 more.", "osama-hamdan"),
    ]


def test_quote_record_covers_the_quotation_marks(dispatch: Extraction) -> None:
    (quote,) = dispatch.quotes
    assert quote.text.startswith("“") and quote.text.endswith("”")
    assert quote.text[1:-1] == quote.quote


def test_quote_words_are_joined_on_single_spaces(read: Read) -> None:
    extraction = read("The minister said: “We will not stop  until every hostage is home.”")
    assert extraction.quote("We will").quote == "We will not stop until every hostage is home."


@pytest.mark.parametrize(
    ("text", "n", "claimant", "actor"),
    [
        pytest.param(
            "“Hamas fired 35 rockets at Sderot this morning,” Daniel Hagari said.",
            35,
            "daniel-hagari",
            "hamas",
            id="Israeli spokesman, speaker after",
        ),
        pytest.param(
            "“The Israeli army killed 35 of our fighters in Rafah this morning,” Osama Hamdan"
            " said.",
            35,
            "osama-hamdan",
            "idf",
            id="Hamas official, speaker after",
        ),
        pytest.param(
            "Sergei Lavrov said the talks had failed. He added: “Kyiv fired 35 drones at Kursk"
            " this morning.”",
            35,
            "sergei-lavrov",
            "ukraine",
            id="pronoun-introduced quotation",
        ),
    ],
)
def test_figure_inside_a_quotation_belongs_to_the_quotes_speaker(
    read: Read, text: str, n: float, claimant: str, actor: str
) -> None:
    figure = read(text).figure(n)
    assert who(figure.claimant) == claimant
    assert who(figure.actor) == actor


def test_figure_in_a_quotation_continued_over_paragraphs_keeps_the_speaker(read: Read) -> None:
    extraction = read(
        "Andriy Yermak said: “We have given our partners every guarantee they asked for.\n"
        "“But Russian missiles killed 35 people in Kharkiv yesterday, and the guarantors must"
        " act.”"
    )
    assert who(extraction.figure(35).claimant) == "andriy-yermak"


def test_own_voice_figures_have_no_claimant(dispatch: Extraction) -> None:
    assert dispatch.figure(200).claimant is None


def test_text_without_numbers_or_quotations_gives_only_the_document(read: Read) -> None:
    extraction = read("Rain fell over the camps in the south as families waited for tents.")
    assert [type(r) for r in extraction.records] == [DocumentRecord]


def test_extract_is_pure(read: Read) -> None:
    assert read(DISPATCH).records == read(DISPATCH).records


def test_extract_many_gives_one_list_per_document_in_order(read: Read) -> None:
    first = Document(id="first", text="Three rockets were fired at Sderot, the army said.")
    second = Document(id="second", text="“We want the truce to last,” a resident of Rafah said.")
    results = list(extract_many([first, second]))
    assert [records[0].doc for records in results] == ["first", "second"]
    assert [type(records[0]) for records in results] == [DocumentRecord, DocumentRecord]
    assert [type(r) for r in results[0] if isinstance(r, (Figure, Quote))] == [Figure]
    assert [type(r) for r in results[1] if isinstance(r, (Figure, Quote))] == [Quote]
    assert results[0] == extract(first)
