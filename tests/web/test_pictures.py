"""The therapist's picture library: her own pictures only, each with a complete credit."""

from __future__ import annotations

import io
import urllib.error
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from PIL import Image

from runcare.web.accounts.models import User
from runcare.web.media.models import Picture
from tests.web.conftest import Personas, client_for

pytestmark = pytest.mark.django_db

REPLIES = Path(__file__).resolve().parents[1] / "data" / "commons"
SEED_PAGE = "https://commons.wikimedia.org/wiki/File:Anterior_Hip_Muscles_2.PNG"
CREDIT = {
    "alt": "Muscles at the front of the hip",
    "title": "Anterior Hip Muscles 2",
    "author": "Beth ohara",
    "author_url": "https://commons.wikimedia.org/wiki/User:Beth_ohara",
    "source_url": SEED_PAGE,
    "license": "CC BY-SA 3.0",
    "license_url": "https://creativecommons.org/licenses/by-sa/3.0",
}


def seed_fetcher(url: str) -> bytes:
    return (REPLIES / "anterior_hip_muscles_2.v2.json").read_bytes()


def nonfree_fetcher(url: str) -> bytes:
    return (REPLIES / "nonfree.v2.json").read_bytes()


def missing_fetcher(url: str) -> bytes:
    return (REPLIES / "missing.v2.json").read_bytes()


def offline_fetcher(url: str) -> bytes:
    raise urllib.error.URLError("Name or service not known")


@pytest.fixture(autouse=True)
def picture_settings(settings: Any, tmp_path: Path) -> Path:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.UPLOAD_DIR = tmp_path / "uploads"
    settings.COMMONS_FETCHER = "tests.web.test_pictures.offline_fetcher"
    return settings.UPLOAD_DIR


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (40, 30), exif: bool = False) -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 40, 40))
    if exif:
        data = Image.Exif()
        data[0x8825] = {2: (52.0, 31.0, 0.0)}  # GPS latitude: where the photo was taken
        data[0x010F] = "PhoneMaker"
        image.save(out, format=kind, exif=data)
    else:
        image.save(out, format=kind)
    return out.getvalue()


def make_picture(owner: User, **changes: Any) -> Picture:
    picture = Picture(owner=owner, content_type="image/png", width_px=40, height_px=30)
    for key, value in {**CREDIT, **changes}.items():
        setattr(picture, key, value)
    picture.image.save("p.png", ContentFile(image_bytes()), save=False)
    picture.full_clean()
    picture.save()
    return picture


def upload(client: Client, data: bytes, name: str = "hip.png", **changes: Any) -> Any:
    fields = {**CREDIT, **changes, "image": SimpleUploadedFile(name, data)}
    return client.post(reverse("media:picture_new"), fields)


def stored_files(root: Path) -> list[Path]:
    return [p for p in (root / "pictures").rglob("*") if p.is_file()] if root.exists() else []


# --- who sees what ---------------------------------------------------------------------


def test_a_therapist_sees_only_her_own_pictures(personas: Personas) -> None:
    mine = make_picture(personas.therapist, title="Mine")
    theirs = make_picture(personas.other_therapist, title="Theirs")
    html = client_for(personas.therapist).get(reverse("media:picture_list")).content.decode()
    assert mine.url in html and "Mine" in html
    assert theirs.url not in html and "Theirs" not in html


@pytest.mark.parametrize("who", ["runner", "other_therapist", "stranger"])
@pytest.mark.parametrize(
    "page", ["picture_detail", "picture_edit", "picture_delete", "picture_file"]
)
def test_nobody_else_reaches_her_picture(personas: Personas, who: str, page: str) -> None:
    picture = make_picture(personas.therapist)
    client = client_for(getattr(personas, who))
    url = reverse(f"media:{page}", args=[picture.pk])
    assert client.get(url).status_code == 404
    if page in ("picture_edit", "picture_delete"):
        assert client.post(url, {**CREDIT, "title": "Taken"}).status_code == 404
    picture.refresh_from_db()
    assert picture.title == CREDIT["title"]


@pytest.mark.parametrize("who", ["runner", "stranger"])
def test_runners_have_no_picture_library(personas: Personas, who: str) -> None:
    client = client_for(getattr(personas, who))
    assert client.get(reverse("media:picture_list")).status_code == 404
    assert client.get(reverse("media:picture_new")).status_code == 404
    assert upload(client, image_bytes()).status_code == 404
    assert not Picture.objects.exists()


def test_a_visitor_is_sent_to_log_in(personas: Personas) -> None:
    picture = make_picture(personas.therapist)
    response = Client().get(reverse("media:picture_file", args=[picture.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_therapists_get_the_navigation_link(personas: Personas) -> None:
    link = f'href="{reverse("media:picture_list")}"'
    assert link in client_for(personas.therapist).get("/accounts/settings/").content.decode()
    assert link not in client_for(personas.runner).get("/accounts/settings/").content.decode()


# --- upload ----------------------------------------------------------------------------


def test_she_uploads_a_picture_with_its_credit_and_sees_it_credited(
    therapist_client: Client, picture_settings: Path
) -> None:
    response = upload(therapist_client, image_bytes())
    picture = Picture.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("media:picture_detail", args=[picture.pk])
    assert (picture.content_type, picture.width_px, picture.height_px) == ("image/png", 40, 30)
    # Kept outside anything served directly, under a name that says nothing.
    [path] = stored_files(picture_settings)
    assert path.suffix == ".png" and "hip" not in path.name
    page = therapist_client.get(response["Location"]).content.decode()
    assert '<figure class="credited">' in page and f'src="{picture.url}"' in page
    assert f'<a href="{SEED_PAGE}" rel="noopener">Anterior Hip Muscles 2</a>' in page
    assert "CC BY-SA 3.0 (https://creativecommons.org/licenses/by-sa/3.0)" in page  # print form
    served = therapist_client.get(picture.url)
    assert served["Content-Type"] == "image/png"
    assert "no-store" in served["Cache-Control"]
    assert Image.open(io.BytesIO(b"".join(served.streaming_content))).size == (40, 30)  # type: ignore[attr-defined]


def test_a_photo_loses_its_hidden_location_data(
    therapist_client: Client, picture_settings: Path
) -> None:
    original = image_bytes("JPEG", exif=True)
    assert Image.open(io.BytesIO(original)).getexif()  # the test photo does carry it
    assert upload(therapist_client, original, name="me.jpg").status_code == 302
    [path] = stored_files(picture_settings)
    stored = Image.open(path)
    assert stored.format == "JPEG" and not stored.getexif()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"just text", "hip.png", "not a picture runcare can read"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>x</script></svg>',
            "a.svg",
            "not a picture",
        ),
        (image_bytes("GIF"), "a.gif", "Upload a PNG, JPEG or WebP picture"),
        (image_bytes("PNG")[:60], "cut.png", "picture"),
    ],
)
def test_a_file_that_is_not_a_usable_picture_is_refused(
    therapist_client: Client, picture_settings: Path, data: bytes, name: str, message: str
) -> None:
    response = upload(therapist_client, data, name=name)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Picture.objects.exists() and stored_files(picture_settings) == []


def test_a_picture_over_the_size_limit_is_refused(
    therapist_client: Client, settings: Any, picture_settings: Path
) -> None:
    settings.PICTURE_MAX_BYTES = 100
    response = upload(therapist_client, image_bytes(size=(300, 300)))
    assert "larger than" in response.content.decode()
    assert not Picture.objects.exists() and stored_files(picture_settings) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"author": ""}, "author"),
        ({"license": " "}, "license"),
        ({"source_url": ""}, "source_url"),
        ({"title": ""}, "title"),
        ({"alt": ""}, "alt"),
        ({"author_url": "javascript:alert(1)"}, "author_url"),
        ({"source_url": "javascript:alert(1)"}, "source_url"),
        ({"modified_from": "a photo", "modified": ""}, "modified"),
    ],
)
def test_a_picture_without_a_complete_credit_is_not_saved(
    therapist_client: Client, picture_settings: Path, changes: dict[str, str], field: str
) -> None:
    fields = {**CREDIT, **changes, "image": SimpleUploadedFile("a.png", image_bytes())}
    if changes.get("modified") == "":
        del fields["modified"]
    response = therapist_client.post(reverse("media:picture_new"), fields)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not Picture.objects.exists() and stored_files(picture_settings) == []


def test_her_own_photo_can_name_a_source_in_words(therapist_client: Client) -> None:
    own = {"source_url": "own photo", "author_url": "", "license": "All rights reserved"}
    assert upload(therapist_client, image_bytes(), **own, license_url="").status_code == 302
    assert Picture.objects.get().credit.source_url == "own photo"


# --- fill from Commons -----------------------------------------------------------------


def fill(client: Client, name: str) -> str:
    response = client.post(reverse("media:picture_new"), {"action": "fill", "commons": name})
    assert response.status_code == 200
    return str(response.content.decode())


def test_fill_from_commons_fills_the_credit_fields(therapist_client: Client, settings: Any) -> None:
    settings.COMMONS_FETCHER = "tests.web.test_pictures.seed_fetcher"
    html = fill(therapist_client, "https://en.wikipedia.org/wiki/File:Anterior_Hip_Muscles_2.PNG")
    assert 'value="Anterior Hip Muscles 2"' in html
    assert 'value="Beth ohara"' in html
    assert f'value="{SEED_PAGE}"' in html
    assert 'value="CC BY-SA 3.0"' in html
    assert "filled from Wikimedia Commons" in html
    assert not Picture.objects.exists()


@pytest.mark.parametrize(
    ("fetcher", "message"),
    [
        ("offline_fetcher", "Could not reach Wikimedia Commons"),
        ("nonfree_fetcher", "is marked non-free"),
        ("missing_fetcher", "There is no file named"),
    ],
)
def test_fill_from_commons_says_why_it_could_not(
    therapist_client: Client, settings: Any, fetcher: str, message: str
) -> None:
    settings.COMMONS_FETCHER = f"tests.web.test_pictures.{fetcher}"
    html = fill(therapist_client, "File:Anything.png")
    assert message in html
    assert 'value="Beth ohara"' not in html


def test_fill_from_commons_explains_a_name_it_cannot_read(therapist_client: Client) -> None:
    assert "not Wikimedia Commons" in fill(therapist_client, "https://example.org/a.png")


# --- edit and delete -------------------------------------------------------------------


def test_she_edits_the_credit_and_cannot_blank_it(personas: Personas) -> None:
    picture = make_picture(personas.therapist)
    client = client_for(personas.therapist)
    url = reverse("media:picture_edit", args=[picture.pk])
    response = client.post(url, {**CREDIT, "modified": "on", "modified_from": "cropped"})
    assert response.status_code == 302
    picture.refresh_from_db()
    assert picture.modified and picture.credit.modified_from == "cropped"
    response = client.post(url, {**CREDIT, "author": ""})
    assert response.status_code == 200 and "author" in response.context["form"].errors
    picture.refresh_from_db()
    assert picture.author == CREDIT["author"]


def test_she_deletes_a_picture_and_its_file(
    personas: Personas, picture_settings: Path, django_capture_on_commit_callbacks: Any
) -> None:
    picture = make_picture(personas.therapist)
    assert len(stored_files(picture_settings)) == 1
    client = client_for(personas.therapist)
    url = reverse("media:picture_delete", args=[picture.pk])
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url).status_code == 302
    assert not Picture.objects.exists()
    assert stored_files(picture_settings) == []


def test_the_model_names_each_missing_credit_part(personas: Personas) -> None:
    picture = Picture(owner=personas.therapist, **{**CREDIT, "author": "", "license": ""})
    with pytest.raises(ValidationError) as caught:
        picture.clean()
    assert set(caught.value.message_dict) == {"author", "license"}
