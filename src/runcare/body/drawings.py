"""The project's own drawings (SVG) and their credits, read from ``figures/figures.toml``.

A drawing is credited like any other picture (title, author, source, licence), so the one
figure component can show it. Framework-free: the web layer chooses the source link.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

from runcare.credits import Credit

_FIELDS = frozenset(
    {"title", "alt", "file", "source", "author", "license", "license_url", "muscles"}
)
_REQUIRED = ("title", "alt", "source", "author", "license", "license_url")


class DrawingDataError(ValueError):
    """The drawings' data file breaks its rules; the message names the drawing and field."""


@dataclass(frozen=True)
class Drawing:
    """One drawing. ``svg`` is the file's markup, ``None`` for a drawing made by code
    (the pain map); ``source`` is its path in the runcare repository."""

    key: str
    title: str
    alt: str
    source: str
    author: str
    license: str
    license_url: str
    muscles: tuple[str, ...]
    svg: str | None

    def credit(self, source_url: str | None = None) -> Credit:
        """The TASL credit. ``source_url`` is where a reader can find the drawing (on the web,
        its page in the app); without one, the repository path written out."""
        return Credit(
            title=self.title,
            author=self.author,
            source_url=source_url or f"runcare source, {self.source}",
            license=self.license,
            license_url=self.license_url,
        )


def _text(table: Mapping[str, object], field: str, where: str) -> str:
    value = table.get(field)
    if not isinstance(value, str) or not value.strip():
        raise DrawingDataError(f"{where}.{field} must be non-empty text.")
    return value.strip()


def _drawing(key: str, value: object, read_svg: bool, package: str) -> Drawing:
    where = f"figures.{key}"
    if not isinstance(value, dict):
        raise DrawingDataError(f"{where} must be a table.")
    unknown = sorted(set(value) - _FIELDS)
    if unknown:
        raise DrawingDataError(f"{where} has unknown field(s): {', '.join(unknown)}.")
    fields = {name: _text(value, name, where) for name in _REQUIRED}
    muscles = value.get("muscles", [])
    if not isinstance(muscles, list) or not all(isinstance(m, str) for m in muscles):
        raise DrawingDataError(f"{where}.muscles must be a list of muscle keys.")
    svg = None
    if "file" in value:
        name = _text(value, "file", where)
        svg = _read_svg(name, where, package) if read_svg else ""
    return Drawing(key=key, muscles=tuple(muscles), svg=svg, **fields)


def _read_svg(name: str, where: str, package: str) -> str:
    path = resources.files(package).joinpath("figures", name)
    if not path.is_file():
        raise DrawingDataError(f"{where}.file {name!r} is not beside the data file.")
    return path.read_text(encoding="utf-8")


def parse_drawings(
    text: str, *, read_svg: bool = True, package: str = "runcare.body"
) -> Mapping[str, Drawing]:
    """Read and check the data file's text; raises ``DrawingDataError`` on the first problem.

    The SVG files are read from the ``figures`` folder of ``package`` (the body's drawings, or
    another package that ships drawings the same way, such as the exercise figures).
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DrawingDataError(f"The drawings' data is not valid TOML: {error}.") from error
    figures = data.get("figures")
    if not isinstance(figures, dict) or set(data) != {"figures"}:
        raise DrawingDataError("The drawings' data must hold one [figures] table.")
    return MappingProxyType({k: _drawing(k, v, read_svg, package) for k, v in figures.items()})


def check_muscles(drawings: Mapping[str, Drawing], known: Collection[str]) -> None:
    """Raise ``DrawingDataError`` if a drawing labels a muscle key that is not in ``known``."""
    for drawing in drawings.values():
        for muscle in drawing.muscles:
            if muscle not in known:
                raise DrawingDataError(f"figures.{drawing.key} names an unknown muscle {muscle!r}.")


@cache
def drawings() -> Mapping[str, Drawing]:
    """The shipped drawings, read once."""
    text = (
        resources.files("runcare.body")
        .joinpath("figures", "figures.toml")
        .read_text(encoding="utf-8")
    )
    return parse_drawings(text)


def drawings_of(muscle_key: str) -> tuple[Drawing, ...]:
    """The drawings that label the muscle, in file order."""
    return tuple(d for d in drawings().values() if muscle_key in d.muscles)
