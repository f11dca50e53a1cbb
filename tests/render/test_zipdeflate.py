"""The deck's zip writer: standard archives, deflated members compressed by ISA-L."""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import Any

import pytest

from briefing.render import zipdeflate
from briefing.render.zipdeflate import DeflatingZip

MEMBERS = {"ppt/slides/slide1.xml": "<p:sld>スライド</p:sld>".encode() * 200,
           "ppt/media/image1.png": bytes(range(256)) * 8,
           "[Content_Types].xml": b"<Types/>"}


def written(members: dict[str, bytes]) -> bytes:
    """Return an archive of ``members``: pictures stored, the rest deflated."""
    out = io.BytesIO()
    with DeflatingZip(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, blob in members.items():
            kind = zipfile.ZIP_STORED if name.endswith(".png") else zipfile.ZIP_DEFLATED
            target.writestr(zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0)), blob, kind, 1)
    return out.getvalue()


def test_the_standard_library_reads_what_it_writes() -> None:
    # Oracle: zipfile's reader (CRCs checked) and zlib's raw inflate of each member's bytes.
    data = written(MEMBERS)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert {info.filename: archive.read(info) for info in archive.infolist()} == MEMBERS
        for info in archive.infolist():
            start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
            raw = data[start:start + info.compress_size]
            if info.compress_type == zipfile.ZIP_DEFLATED:
                assert zlib.decompress(raw, -15) == MEMBERS[info.filename]
            else:
                assert raw == MEMBERS[info.filename]


def test_deflated_members_are_compressed_by_isal(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[tuple[Any, ...]] = []
    real = zipdeflate.isal_zlib.compressobj

    def counting(*args: Any) -> Any:
        made.append(args)
        return real(*args)

    monkeypatch.setattr(zipdeflate.isal_zlib, "compressobj", counting)
    written(MEMBERS)
    assert made == [(zipdeflate.ISAL_LEVEL, zlib.DEFLATED, -15)] * 2  # the two deflated
