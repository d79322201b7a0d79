"""Untrusted XML: entities refused, never expanded; broken XML reported in plain words."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from runcare.activities.model import UnreadableFileError
from runcare.activities.safexml import ENTITIES_REFUSED, TagCodes, parse, xml_datetime, xml_float


def billion_laughs(levels: int = 10) -> bytes:
    """The classic bomb: each level holds ten references to the one below (10**levels)."""
    declarations = ['<!ENTITY lol0 "lol">']
    for level in range(1, levels + 1):
        declarations.append(f'<!ENTITY lol{level} "{f"&lol{level - 1};" * 10}">')
    return (
        f'<?xml version="1.0"?>\n<!DOCTYPE gpx [{"".join(declarations)}]>\n<gpx>&lol{levels};</gpx>'
    ).encode()


def test_it_refuses_a_billion_laughs_bomb_fast() -> None:
    began = time.perf_counter()
    with pytest.raises(UnreadableFileError, match="declares XML entities"):
        parse(billion_laughs())
    assert time.perf_counter() - began < 1.0


def test_it_refuses_an_external_entity_without_reading_it() -> None:
    document = (
        b'<?xml version="1.0"?>\n'
        b'<!DOCTYPE gpx [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
        b"<gpx>&secret;</gpx>"
    )
    with pytest.raises(UnreadableFileError) as caught:
        parse(document)
    assert str(caught.value) == ENTITIES_REFUSED
    assert "root" not in str(caught.value)


@pytest.mark.parametrize("codec", ["utf-16", "utf-32"])
def test_it_refuses_entities_in_wide_encodings_too(codec: str) -> None:
    document = (
        f'<?xml version="1.0" encoding="{codec.upper()}"?>'
        '<!DOCTYPE gpx [<!ENTITY x "boom">]><gpx>&x;</gpx>'
    ).encode(codec)
    with pytest.raises(UnreadableFileError, match="declares XML entities"):
        parse(document)


def test_it_does_not_fetch_an_external_dtd() -> None:
    # With DTD loading and the network off this parses, and the reference stays unexpanded.
    document = b'<!DOCTYPE gpx SYSTEM "http://127.0.0.1:9/never.dtd"><gpx>&remote;</gpx>'
    root = parse(document)
    assert root.tag == "gpx"
    assert not root.text


def test_it_reports_malformed_xml_with_its_line() -> None:
    with pytest.raises(UnreadableFileError, match=r"^not well-formed XML \(line 3\)$"):
        parse(b"<gpx>\n<trk>\n</gpx>")


@pytest.mark.parametrize("data", [b"", b"  \n", b"not xml at all", b"\x00\x01\x02", b"<gpx"])
def test_it_refuses_what_is_not_xml(data: bytes) -> None:
    with pytest.raises(UnreadableFileError):
        parse(data)


def test_it_honours_a_byte_order_mark() -> None:
    root = parse("\ufeff<?xml version='1.0' encoding='utf-8'?><gpx creator='Zürich'/>".encode())
    assert root.get("creator") == "Zürich"


def test_it_honours_an_encoding_declaration() -> None:
    document = "<?xml version='1.0' encoding='ISO-8859-1'?><gpx creator='Zürich'/>"
    assert parse(document.encode("latin-1")).get("creator") == "Zürich"


def test_it_reads_utf16_with_its_bom() -> None:
    document = "<?xml version='1.0' encoding='UTF-16'?><gpx creator='Zürich'/>"
    assert parse(document.encode("utf-16")).get("creator") == "Zürich"


@pytest.mark.parametrize(
    ("text", "utc", "offset_s", "zoned"),
    [
        ("2024-05-01T06:30:00Z", datetime(2024, 5, 1, 6, 30, tzinfo=UTC), None, True),
        ("2024-05-01T06:30:00z", datetime(2024, 5, 1, 6, 30, tzinfo=UTC), None, True),
        ("2024-05-01T08:30:00+02:00", datetime(2024, 5, 1, 6, 30, tzinfo=UTC), 7200, True),
        ("2024-05-01T01:30:00-05:00", datetime(2024, 5, 1, 6, 30, tzinfo=UTC), -18000, True),
        # A zero offset is what exporters write for UTC, not a statement about local time.
        ("2024-05-01T06:30:00+00:00", datetime(2024, 5, 1, 6, 30, tzinfo=UTC), None, True),
        ("2024-05-01T06:30:00", datetime(2024, 5, 1, 6, 30, tzinfo=UTC), None, False),
        (
            "2024-05-01T06:30:00.1234567Z",
            datetime(2024, 5, 1, 6, 30, 0, 123456, tzinfo=UTC),
            None,
            True,
        ),
    ],
)
def test_it_reads_xml_times_as_utc(
    text: str, utc: datetime, offset_s: int | None, zoned: bool
) -> None:
    moment = xml_datetime(text)
    assert moment is not None
    assert (moment.utc, moment.offset_s, moment.zoned) == (utc, offset_s, zoned)


@pytest.mark.parametrize(
    "text", [None, "", "yesterday", "2024-13-01T00:00:00Z", "0001-01-01T00:00:00+01:00"]
)
def test_it_gives_none_for_an_unreadable_time(text: str | None) -> None:
    assert xml_datetime(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12.5", 12.5), (" 3 ", 3.0), ("nan", None), ("inf", None), ("x", None), (None, None)],
)
def test_it_reads_only_finite_numbers(text: str | None, expected: float | None) -> None:
    assert xml_float(text) == expected


def test_it_refuses_numbers_out_of_range() -> None:
    assert xml_float("91", -90.0, 90.0) is None
    assert xml_float("-90", -90.0, 90.0) == -90.0


def test_tag_codes_match_local_names_in_any_namespace() -> None:
    codes = TagCodes({"time": 1, "ele": 2}, 0)
    assert codes.code("{http://www.topografix.com/GPX/1/1}time") == 1
    assert codes.code("ele") == 2
    assert codes.code("{x}Time") == 0  # names are matched as spelt unless asked otherwise
    assert codes.known["ele"] == 2


def test_tag_codes_fold_case_when_asked() -> None:
    codes = TagCodes({"heartrate": 1}, 0, fold_case=True)
    assert codes.code("{urn:vendor}HeartRate") == 1
    assert codes.code("{urn:vendor}cadence") == 0


def test_tag_codes_remember_a_bounded_number_of_tags() -> None:
    codes = TagCodes({"time": 1}, 0, limit=3)
    for n in range(10):
        assert codes.code(f"{{urn:n{n}}}time") == 1
    assert len(codes.known) == 3
