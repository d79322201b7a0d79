"""The muscles runcare explains, read from the data file the product ships (``muscles.toml``).

Every fact carries the keys of its sources, and every source key names an entry of the same
file's ``[sources]`` table; the loader refuses a file where that is not so. The pain map's
region-to-muscle table is the ``regions`` list of each muscle (``runcare.body.regions``
builds ``Region.muscles`` from it), so there is one table. Framework-free.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from types import MappingProxyType

FACT_FIELDS: tuple[str, ...] = ("where", "origin", "insertion", "action", "nerve", "running")
FACT_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "where": "Where it is",
        "origin": "Origin",
        "insertion": "Insertion",
        "action": "What it does",
        "nerve": "Nerve",
        "running": "What running asks of it",
    }
)
_MUSCLE_FIELDS = frozenset({"name", "plain_name", "regions", *FACT_FIELDS})
_GROUP_FIELDS = frozenset({"name", "members", "summary", "running", "common_explanation"})
_SOURCE_FIELDS = frozenset({"title", "publisher", "url"})


class MuscleDataError(ValueError):
    """The data file breaks its own rules; the message names the entry and the field."""


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    publisher: str
    url: str


@dataclass(frozen=True)
class Fact:
    """One statement in our own words and the keys of the sources it rests on (never empty)."""

    text: str
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Muscle:
    """One muscle (or a named group treated as one, like the hamstrings).

    ``regions`` are pain-map area keys (``"hip_front"``, without the side): the areas over
    the muscle, where pain *may* involve it.
    """

    key: str
    name: str
    plain_name: str
    regions: tuple[str, ...]
    where: Fact
    origin: Fact
    insertion: Fact
    action: Fact
    nerve: Fact
    running: Fact

    def facts(self) -> tuple[tuple[str, Fact], ...]:
        """(field name, fact) in reading order."""
        return tuple((name, getattr(self, name)) for name in FACT_FIELDS)


@dataclass(frozen=True)
class Group:
    """Muscles explained together ("the hip flexors", "iliopsoas").

    ``common_explanation`` is not a finding: pages must present it as "a common
    explanation" and never as a diagnosis or a fact; ``None`` when the group has none.
    """

    key: str
    name: str
    members: tuple[str, ...]
    summary: Fact
    running: Fact | None
    common_explanation: str | None


@dataclass(frozen=True)
class Catalogue:
    sources: Mapping[str, Source]
    muscles: Mapping[str, Muscle]
    groups: Mapping[str, Group]

    def sources_of(self, fact: Fact) -> tuple[Source, ...]:
        return tuple(self.sources[key] for key in fact.sources)

    def groups_of(self, muscle_key: str) -> tuple[Group, ...]:
        return tuple(g for g in self.groups.values() if muscle_key in g.members)


def _table(value: object, where: str) -> Mapping[str, object]:
    if not isinstance(value, dict):
        raise MuscleDataError(f"{where} must be a table.")
    return value


def _text(value: object, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise MuscleDataError(f"{where} must be non-empty text.")
    return value.strip()


def _keys(value: object, where: str, *, allow_empty: bool = False) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise MuscleDataError(f"{where} must be a list of keys.")
    if not value and not allow_empty:
        raise MuscleDataError(f"{where} must not be empty.")
    if len(set(value)) != len(value):
        raise MuscleDataError(f"{where} repeats a key.")
    return tuple(value)


def _only(table: Mapping[str, object], allowed: frozenset[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise MuscleDataError(f"{where} has unknown field(s): {', '.join(unknown)}.")


def _fact(value: object, where: str, sources: Mapping[str, Source]) -> Fact:
    table = _table(value, where)
    _only(table, frozenset({"text", "sources"}), where)
    if "sources" not in table:
        raise MuscleDataError(f"{where} has no source.")
    keys = _keys(table["sources"], f"{where}.sources")
    for key in keys:
        if key not in sources:
            raise MuscleDataError(f"{where} cites an unknown source {key!r}.")
    return Fact(_text(table.get("text"), f"{where}.text"), keys)


def _source(key: str, value: object) -> Source:
    where = f"sources.{key}"
    table = _table(value, where)
    _only(table, _SOURCE_FIELDS, where)
    url = _text(table.get("url"), f"{where}.url")
    if not url.startswith("https://"):
        raise MuscleDataError(f"{where}.url must be an https:// link.")
    return Source(
        key,
        _text(table.get("title"), f"{where}.title"),
        _text(table.get("publisher"), f"{where}.publisher"),
        url,
    )


def _muscle(key: str, value: object, sources: Mapping[str, Source]) -> Muscle:
    where = f"muscles.{key}"
    table = _table(value, where)
    _only(table, _MUSCLE_FIELDS, where)
    facts = {name: _fact(table.get(name), f"{where}.{name}", sources) for name in FACT_FIELDS}
    return Muscle(
        key=key,
        name=_text(table.get("name"), f"{where}.name"),
        plain_name=_text(table.get("plain_name"), f"{where}.plain_name"),
        regions=_keys(table.get("regions"), f"{where}.regions"),
        **facts,
    )


def _group(
    key: str, value: object, sources: Mapping[str, Source], muscles: Collection[str]
) -> Group:
    where = f"groups.{key}"
    table = _table(value, where)
    _only(table, _GROUP_FIELDS, where)
    members = _keys(table.get("members"), f"{where}.members")
    for member in members:
        if member not in muscles:
            raise MuscleDataError(f"{where}.members names an unknown muscle {member!r}.")
    running = table.get("running")
    explanation = table.get("common_explanation")
    return Group(
        key=key,
        name=_text(table.get("name"), f"{where}.name"),
        members=members,
        summary=_fact(table.get("summary"), f"{where}.summary", sources),
        running=None if running is None else _fact(running, f"{where}.running", sources),
        common_explanation=None
        if explanation is None
        else _text(explanation, f"{where}.common_explanation"),
    )


def parse_catalogue(text: str) -> Catalogue:
    """Read and check a data file's text; raises ``MuscleDataError`` naming the first problem."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MuscleDataError(f"The muscle data is not valid TOML: {error}.") from error
    _only(data, frozenset({"sources", "muscles", "groups"}), "The muscle data")
    sources = {k: _source(k, v) for k, v in _table(data.get("sources"), "sources").items()}
    muscles = {k: _muscle(k, v, sources) for k, v in _table(data.get("muscles"), "muscles").items()}
    groups = {
        k: _group(k, v, sources, muscles)
        for k, v in _table(data.get("groups", {}), "groups").items()
    }
    return Catalogue(MappingProxyType(sources), MappingProxyType(muscles), MappingProxyType(groups))


def check_regions(catalogue: Catalogue, known: Collection[str]) -> None:
    """Raise ``MuscleDataError`` if a muscle names a pain-map area that is not in ``known``."""
    for muscle in catalogue.muscles.values():
        for area in muscle.regions:
            if area not in known:
                raise MuscleDataError(
                    f"muscles.{muscle.key}.regions names an unknown pain-map area {area!r}."
                )


@cache
def catalogue() -> Catalogue:
    """The shipped data file, read once."""
    text = resources.files("runcare.body").joinpath("muscles.toml").read_text(encoding="utf-8")
    return parse_catalogue(text)
