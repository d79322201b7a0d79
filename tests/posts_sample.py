"""A small clinic site built the way the app builds one: posts rendered with a library whose
pictures live in the site's ``pictures/`` folder."""

from __future__ import annotations

import io
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PIL import Image

from runcare.body.drawings import drawings
from runcare.posts import LinkTarget, MappingLibrary, PictureTarget, render_post
from runcare.posts.atom import tag_uri
from runcare.posts.site import Site, SitePicture, SitePost, SiteSeries, picture_path

START = datetime(2026, 11, 1, 7, 0, tzinfo=UTC)
CLINIC = "Hip & Back <Clinic>"
HIP = drawings()["anterior_hip"]
STRETCH_CREDIT = HIP.credit()


def png_bytes() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), (31, 111, 120)).save(out, format="PNG")
    return out.getvalue()


LIBRARY = MappingLibrary(
    {
        ("muscle", "psoas_major"): LinkTarget("Psoas major", "/body/muscles/psoas_major/"),
        ("exercise", "kneeling-hip-flexor"): LinkTarget(
            "Kneeling hip flexor stretch", "/stretches/exercises/kneeling-hip-flexor/"
        ),
        ("picture", "front-of-hip"): PictureTarget(
            picture_path("front-of-hip.svg"), HIP.alt, HIP.credit()
        ),
        ("picture", "stretch"): PictureTarget(
            picture_path("stretch.png"), "A runner kneeling in a hip flexor stretch", STRETCH_CREDIT
        ),
    }
)

HIP_ANSWER = """\
Many runners feel it at the front of the hip and in the lower back after a long run.
The [[muscle:psoas_major]] runs from the lower spine to the thigh bone.

[[picture:front-of-hip|The hip flexors, front view]]

Try the [[exercise:kneeling-hip-flexor]] and read [more](https://example.org/hips "more").
See [the first question](hips-01.html) too.
"""


def post(series: str, number: int, title: str, text: str) -> SitePost:
    rendered = render_post(text, LIBRARY)
    assert rendered.publishable, rendered.problems
    published = START + timedelta(days=number)
    return SitePost(
        number=number,
        title=title,
        html=rendered.html,
        published=published,
        entry_id=tag_uri("clinic.example", date(2026, 11, 1), f"{series}/{number}"),
    )


def sample_site(tmp_path: Path) -> Site:
    png = tmp_path / "stretch-source.png"
    png.write_bytes(png_bytes())
    hips = SiteSeries(
        slug="hips",
        title="31 questions about hips",
        feed_id=tag_uri("clinic.example", date(2026, 11, 1), "hips"),
        planned_count=31,
        description="A runner's question, answered each day.",
        posts=(
            replace(
                post("hips", 15, "Why do my hips and lower back hurt after I run?", HIP_ANSWER),
                asked_by="A runner asks",
            ),
            post("hips", 1, "What does a massage therapist do?", "We *listen* first."),
            post("hips", 2, "Should I stretch before a run?", "[[picture:stretch]]"),
        ),
    )
    back = SiteSeries(
        slug="back",
        title="Back questions",
        feed_id=tag_uri("clinic.example", date(2026, 11, 1), "back"),
        posts=(post("back", 1, "Is a stiff back after a run normal?", "Often, yes."),),
    )
    empty = SiteSeries(slug="later", title="Later", feed_id="tag:clinic.example,2026:l", posts=())
    return Site(
        clinic_name=CLINIC,
        series=(hips, back, empty),
        pictures=(
            SitePicture("front-of-hip.svg", data=HIP.svg.encode()),
            SitePicture("stretch.png", source_path=png),
        ),
    )
