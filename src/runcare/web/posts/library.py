"""The library a post may name, answered from the database for ``runcare.posts.render_post``.

- ``muscle``: a muscle of ``runcare.body`` (its page in the app);
- ``exercise``: a shipped home-stretch exercise (its public page);
- ``picture``: one of the project's drawings by its key (``anterior_hip``), or a picture of
  the therapist's library by its short name (its title as a web address, shown on the
  picture's page) or its number;
- ``commons``: a Commons file (``File:Name.jpg``) she added to her library with "Fill from
  Commons", credited from the record kept there.

Where a picture's file is fetched from depends on who reads (``Addresses``): the editor uses
the owner's own file address, a public page the published post's picture address.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import unquote

from django.urls import reverse

from runcare.body import catalogue
from runcare.body.drawings import Drawing, drawings
from runcare.credits.commons import FILE_PAGE
from runcare.exercises.library import library as exercise_library
from runcare.posts import LinkTarget, PictureTarget
from runcare.web.media.models import Picture


@dataclass(frozen=True)
class Addresses:
    """Where a reader finds each thing: ``picture`` and ``drawing`` give an image's address,
    ``drawing_page`` the page its credit links to (``None``: the repository path, written
    out), ``page`` turns a route name and its arguments into a link."""

    picture: Callable[[Picture], str]
    drawing: Callable[[Drawing], str]
    drawing_page: Callable[[Drawing], str | None]
    page: Callable[[str, list[str]], str]


def app_addresses(
    picture: Callable[[Picture], str],
    absolute: Callable[[str], str] = str,
    *,
    absolute_links: bool = False,
) -> Addresses:
    """Addresses inside the web app; ``absolute`` makes a path a full address (a request's
    ``build_absolute_uri``), for credits that are read away from the page, and for every
    link and image with ``absolute_links`` (a feed, read in another program)."""
    link = absolute if absolute_links else str
    return Addresses(
        picture=lambda p: link(picture(p)),
        drawing=lambda d: link(reverse("body:figure_file", args=[d.key])),
        drawing_page=lambda d: absolute(reverse("body:figure", args=[d.key])),
        page=lambda name, args: link(reverse(name, args=args)),
    )


def commons_name(source_url: str) -> str | None:
    """``File:Name.jpg`` from a Commons file page address, spaces for underscores."""
    if not source_url.startswith(FILE_PAGE):
        return None
    return unquote(source_url.removeprefix(FILE_PAGE)).replace("_", " ")


def _same_file(a: str, b: str) -> bool:
    return a.replace("_", " ").strip().casefold() == b.replace("_", " ").strip().casefold()


class PostLibrary:
    """The ``runcare.posts.Library`` of one therapist. Her pictures are read once."""

    def __init__(self, therapist_id: int, addresses: Addresses) -> None:
        self.addresses = addresses
        self.pictures = list(Picture.objects.filter(owner=therapist_id).order_by("pk"))

    def resolve(self, kind: str, key: str) -> LinkTarget | PictureTarget | None:
        if kind == "muscle":
            return self._muscle(key)
        if kind == "exercise":
            return self._exercise(key)
        if kind == "picture":
            return self._picture(key)
        if kind == "commons":
            return self._commons(key)
        return None

    def _muscle(self, key: str) -> LinkTarget | None:
        muscle = catalogue().muscles.get(key)
        if muscle is None:
            return None
        return LinkTarget(title=muscle.name, url=self.addresses.page("body:muscle", [key]))

    def _exercise(self, key: str) -> LinkTarget | None:
        exercise = exercise_library().exercises.get(key)
        if exercise is None:
            return None
        return LinkTarget(title=exercise.name, url=self.addresses.page("body:exercise", [key]))

    def _picture(self, key: str) -> PictureTarget | None:
        drawing = drawings().get(key)
        if drawing is not None and drawing.svg:
            return PictureTarget(
                src=self.addresses.drawing(drawing),
                alt=drawing.alt,
                credit=drawing.credit(source_url=self.addresses.drawing_page(drawing)),
            )
        for picture in self.pictures:
            if key in (picture.post_name, str(picture.pk)):
                return self._target(picture)
        return None

    def _commons(self, key: str) -> PictureTarget | None:
        for picture in self.pictures:
            name = commons_name(picture.source_url)
            if name is not None and _same_file(name, key):
                return self._target(picture)
        return None

    def _target(self, picture: Picture) -> PictureTarget:
        return PictureTarget(
            src=self.addresses.picture(picture), alt=picture.alt, credit=picture.credit
        )

    def picture_ids(self, srcs: set[str]) -> tuple[int, ...]:
        """The library pictures whose address is among ``srcs`` (the figures a post shows)."""
        return tuple(p.pk for p in self.pictures if self.addresses.picture(p) in srcs)
