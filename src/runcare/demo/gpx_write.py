"""Write a demo track as GPX 1.1, shaped like a Strava export (heart rate in Garmin's
TrackPointExtension v1, the extension Strava and most devices use)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

from lxml import etree

from runcare.demo.history import TrackSample

GPX_NS = "http://www.topografix.com/GPX/1/1"
TPX_NS = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
# lxml takes None as the default namespace's prefix; its stubs only allow str keys.
NSMAP = {None: GPX_NS, "gpxtpx": TPX_NS, "xsi": XSI_NS}
SCHEMA_LOCATION = (
    f"{GPX_NS} http://www.topografix.com/GPX/1/1/gpx.xsd "
    f"{TPX_NS} http://www.garmin.com/xmlschemas/TrackPointExtensionv1.xsd"
)


def gpx_bytes(
    samples: Sequence[TrackSample], *, name: str, activity_type: str, creator: str = "StravaGPX"
) -> bytes:
    """A GPX 1.1 document of one track in one segment.

    ``activity_type`` goes into ``<type>`` as Strava writes it (``running``, ``walking``,
    ``cycling``). A pause shows as a gap in the point times, as in a real export.
    """
    if not samples:
        raise ValueError("a GPX track needs at least one point")
    root = etree.Element(
        f"{{{GPX_NS}}}gpx",
        nsmap=NSMAP,  # type: ignore[arg-type]
        attrib={"creator": creator, "version": "1.1"},
    )
    root.set(f"{{{XSI_NS}}}schemaLocation", SCHEMA_LOCATION)
    metadata = _child(root, "metadata")
    _child(metadata, "time", gpx_time(samples[0].time))
    track = _child(root, "trk")
    _child(track, "name", name)
    _child(track, "type", activity_type)
    segment = _child(track, "trkseg")
    for sample in samples:
        _add_point(segment, sample)
    # Unindented: indentation would add about a third to the size of the demo folder.
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=False)


def gpx_time(moment: datetime) -> str:
    """ISO 8601 in UTC with a ``Z``, whole seconds, as GPX writers commonly emit."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _add_point(segment: etree._Element, sample: TrackSample) -> None:
    point = _child(segment, "trkpt")
    # Seven decimals is about a centimetre: finer than any GPS, coarser only in file size.
    point.set("lat", f"{sample.lat_deg:.7f}")
    point.set("lon", f"{sample.lon_deg:.7f}")
    _child(point, "ele", f"{sample.alt_m:.1f}")
    _child(point, "time", gpx_time(sample.time))
    extensions = _child(point, "extensions")
    tpx = etree.SubElement(extensions, f"{{{TPX_NS}}}TrackPointExtension")
    hr = etree.SubElement(tpx, f"{{{TPX_NS}}}hr")
    hr.text = str(sample.hr_bpm)


def _child(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, f"{{{GPX_NS}}}{tag}")
    if text is not None:
        element.text = text
    return element
