"""PDF files: the text of every page and the declared title and author; damage is one error line."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError

from ceasefire.errors import InputError
from ceasefire.ingest.pdf import parse_pdf, read_pdf

MakePdf = Callable[..., bytes]

FIRST_PAGE = (
    "Situation report no. 41\n"
    "Forty aid trucks crossed into northern Gaza on Thursday, the agency said."
)
SECOND_PAGE = "A further 60 trucks (mostly flour) were waiting at the crossing."
# One paragraph set in short lines, as a PDF lays it out.
WRAPPED = (
    "The monitoring mission said the truce had\n"
    "largely held along the northern border for\n"
    "a third day, though residents of two\n"
    "villages reported artillery fire before\n"
    "dawn and one house was damaged in the\n"
    "shelling near the coastal road"
)


def encrypt(pdf: bytes, user_password: str) -> bytes:
    """The same PDF encrypted (RC4, which pypdf writes without extra packages)."""
    writer = PdfWriter(clone_from=PdfReader(BytesIO(pdf)))
    writer.encrypt(user_password, owner_password="mission-office", algorithm="RC4-128")
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_report_gives_every_page_s_text_in_order(tmp_path: Path, make_pdf: MakePdf) -> None:
    path = tmp_path / "sitrep-41.pdf"
    path.write_bytes(make_pdf(FIRST_PAGE, SECOND_PAGE))

    document = read_pdf(path)

    assert document.id == "sitrep-41"
    assert document.text == f"{FIRST_PAGE}\n\n{SECOND_PAGE}"
    assert document.url is None


def test_title_and_author_come_from_the_metadata(tmp_path: Path, make_pdf: MakePdf) -> None:
    path = tmp_path / "sitrep-41.pdf"
    path.write_bytes(
        make_pdf(FIRST_PAGE, title="Situation  report 41: northern Gaza", author="Relief Agency")
    )

    document = read_pdf(path)

    assert document.title == "Situation report 41: northern Gaza"
    assert document.author == "Relief Agency"


def test_missing_or_blank_metadata_counts_as_absent(tmp_path: Path, make_pdf: MakePdf) -> None:
    bare = tmp_path / "bare.pdf"
    bare.write_bytes(make_pdf(FIRST_PAGE))
    blank = tmp_path / "blank.pdf"
    blank.write_bytes(make_pdf(FIRST_PAGE, title="  ", author=""))

    for path in (bare, blank):
        document = read_pdf(path)
        assert (document.title, document.author) == (None, None)


def test_hard_wrapped_lines_are_joined_into_sentences(tmp_path: Path, make_pdf: MakePdf) -> None:
    path = tmp_path / "mission.pdf"
    path.write_bytes(make_pdf(WRAPPED))

    text = read_pdf(path).text

    assert text == " ".join(WRAPPED.split("\n"))


def test_a_downloaded_pdf_keeps_its_id_and_address(make_pdf: MakePdf) -> None:
    address = "https://relief.example/reports/sitrep-41.pdf"

    document = parse_pdf(make_pdf(SECOND_PAGE), address, address, url=address)

    assert (document.id, document.url, document.text) == (address, address, SECOND_PAGE)


def test_a_broken_download_is_named_by_its_address() -> None:
    address = "https://relief.example/reports/sitrep-41.pdf"

    with pytest.raises(
        InputError, match=r"^https://relief\.example/reports/sitrep-41\.pdf: broken"
    ):
        parse_pdf(b"%PDF-1.4\n1 0 obj", address, address)


def test_a_pdf_encrypted_for_owners_only_is_read(tmp_path: Path, make_pdf: MakePdf) -> None:
    path = tmp_path / "restricted.pdf"
    path.write_bytes(encrypt(make_pdf(FIRST_PAGE, title="Restricted printing"), ""))

    document = read_pdf(path)

    assert document.text == FIRST_PAGE
    assert document.title == "Restricted printing"


def test_a_pdf_that_needs_a_password_is_refused(tmp_path: Path, make_pdf: MakePdf) -> None:
    path = tmp_path / "locked.pdf"
    path.write_bytes(encrypt(make_pdf(FIRST_PAGE), "open-sesame"))

    with pytest.raises(InputError) as caught:
        read_pdf(path)

    assert str(caught.value) == f"{path}: encrypted PDF (a password is needed)"


def test_a_pdf_whose_cipher_needs_a_missing_package_is_refused(
    tmp_path: Path, make_pdf: MakePdf, monkeypatch: pytest.MonkeyPatch
) -> None:
    def aes_unavailable(self: PdfReader, password: str) -> None:
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(PdfReader, "decrypt", aes_unavailable)
    path = tmp_path / "aes.pdf"
    path.write_bytes(encrypt(make_pdf(FIRST_PAGE), ""))

    with pytest.raises(InputError) as caught:
        read_pdf(path)

    assert str(caught.value) == (
        f"{path}: encrypted PDF (cryptography>=3.1 is required for AES algorithm)"
    )


def test_a_pdf_without_a_text_layer_is_refused(tmp_path: Path) -> None:
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    path = tmp_path / "scan.pdf"
    with path.open("wb") as file:
        writer.write(file)

    with pytest.raises(InputError) as caught:
        read_pdf(path)

    assert str(caught.value) == f"{path}: no extractable text (a scan without a text layer?)"


@pytest.mark.parametrize(
    "damage",
    [lambda pdf: pdf[: len(pdf) // 2], lambda pdf: pdf[:9], lambda pdf: pdf[:-40]],
    ids=["half", "header-only", "no-trailer"],
)
def test_a_truncated_pdf_is_refused_in_one_line(
    tmp_path: Path, make_pdf: MakePdf, damage: Callable[[bytes], bytes]
) -> None:
    path = tmp_path / "damaged.pdf"
    path.write_bytes(damage(make_pdf(FIRST_PAGE, SECOND_PAGE)))

    with pytest.raises(InputError) as caught:
        read_pdf(path)

    assert str(caught.value).startswith(f"{path}: broken PDF (")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    "content",
    [b"", b"Minutes of the ceasefire committee, 3 March", bytes(range(256)) * 8],
    ids=["empty", "text", "garbage"],
)
def test_a_file_that_is_no_pdf_at_all_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "minutes.pdf"
    path.write_bytes(content)

    with pytest.raises(InputError) as caught:
        read_pdf(path)

    assert str(caught.value) == f"{path}: not a PDF (no %PDF- header)"


def test_junk_before_the_header_is_tolerated(tmp_path: Path, make_pdf: MakePdf) -> None:
    path = tmp_path / "mailed.pdf"
    path.write_bytes(b"\r\n\r\n" + make_pdf(FIRST_PAGE))

    assert read_pdf(path).text == FIRST_PAGE


def test_a_pdf_over_the_size_limit_is_refused_unread(
    tmp_path: Path, make_pdf: MakePdf, configure: Callable[..., None]
) -> None:
    configure(max_document_bytes="64")
    path = tmp_path / "sitrep-41.pdf"
    path.write_bytes(make_pdf(FIRST_PAGE))

    with pytest.raises(InputError, match=r"sitrep-41\.pdf: document too large \(\d+ bytes > limit"):
        read_pdf(path)


def test_a_missing_pdf_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "gone.pdf"

    with pytest.raises(InputError) as caught:
        read_pdf(path)

    assert str(caught.value) == f"{path}: no such file or directory"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(cut=st.integers(min_value=0), noise=st.binary(max_size=40), at=st.integers(min_value=0))
def test_any_damage_gives_a_document_or_one_error_line(
    tmp_path: Path, make_pdf: MakePdf, cut: int, noise: bytes, at: int
) -> None:
    pdf = make_pdf(FIRST_PAGE, SECOND_PAGE, title="Sitrep")
    cut, at = cut % (len(pdf) + 1), at % (len(pdf) + 1)
    path = tmp_path / "fuzz.pdf"
    path.write_bytes(pdf[:at] + noise + pdf[at + len(noise) : cut or None])

    try:
        document = read_pdf(path)
    except InputError as error:
        assert str(error).startswith(f"{path}: ")
        assert "\n" not in str(error)
    else:
        assert document.text
