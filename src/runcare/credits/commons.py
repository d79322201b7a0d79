"""Credits for Wikimedia Commons files, built from the API's ``extmetadata``.

``file_title`` reads what a person pastes (a file name, a file page URL, an image URL);
``credit_from_reply`` reads the JSON of
``action=query&prop=imageinfo&iiprop=url|extmetadata&format=json`` in either
``formatversion``; ``fetch_reply`` is the only function that touches the network.
"""

from __future__ import annotations

import http.client
import json
import re
import urllib.request
from collections.abc import Callable, Mapping
from typing import Any
from urllib.parse import SplitResult, quote, unquote, urlencode, urlsplit

from runcare import __version__
from runcare.credits.htmltext import strip_html
from runcare.credits.model import Credit, CreditError

API_URL = "https://commons.wikimedia.org/w/api.php"
FILE_PAGE = "https://commons.wikimedia.org/wiki/"
TIMEOUT_S = 10.0
USER_AGENT = f"runcare/{__version__} (picture credits for a massage-therapy app; Python urllib)"

Fetcher = Callable[[str], bytes]


class CommonsUnreachableError(CreditError):
    """Wikimedia Commons could not be asked (offline, timed out, refused)."""


# The file namespace under the names the larger Wikipedias give it.
_FILE_PREFIXES = (
    "file", "image", "datei", "bild", "fichier", "archivo", "imagen", "ficheiro", "arquivo",
    "bestand", "plik", "fil", "tiedosto", "soubor", "файл", "изображение", "ファイル",
    "画像", "文件", "檔案", "파일",
)  # fmt: skip
_PREFIX = re.compile(rf"^\s*(?:{'|'.join(_FILE_PREFIXES)})\s*:\s*", re.IGNORECASE)
_SPACE = re.compile(r"\s+")


def _from_upload_url(path: str) -> str:
    """``/wikipedia/commons/thumb/a/ab/Name.png/220px-Name.png`` -> ``Name.png``."""
    parts = [unquote(p) for p in path.split("/") if p]
    if "thumb" in parts:
        after = parts[parts.index("thumb") + 1 :]
        # After "thumb": the two hash folders, then the original's name, then the size.
        if len(after) >= 3:
            return after[2]
    if not parts:
        raise CreditError("this upload.wikimedia.org address names no file")
    return parts[-1]


def _from_page_url(parts: SplitResult) -> str:
    url = parts.geturl()
    if parts.fragment.startswith("/media/"):
        # An article's picture viewer: https://en.wikipedia.org/wiki/Psoas#/media/File:X.png
        return unquote(parts.fragment.removeprefix("/media/"))
    if parts.path.startswith("/wiki/"):
        return unquote(parts.path.removeprefix("/wiki/"))
    for pair in parts.query.split("&"):
        key, _, value = pair.partition("=")
        if key == "title":
            return unquote(value.replace("+", " "))
    raise CreditError(f"{url} is not a file page: expected an address with /wiki/File:…")


def _name_part(text: str) -> str:
    if not re.match(r"^https?://", text, re.IGNORECASE):
        # A name copied out of an address arrives URL-encoded (Anterior%20Hip...).
        return unquote(text) if re.search(r"%[0-9A-Fa-f]{2}", text) else text
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").lower()
    except ValueError as exc:
        raise CreditError(f"{text} is not a web address runcare can read") from exc
    if host == "upload.wikimedia.org":
        return _from_upload_url(parts.path)
    if host.endswith((".wikipedia.org", ".wikimedia.org")):
        name = _from_page_url(parts)
        if not _PREFIX.match(name):
            raise CreditError(f"{text} is not a file page: expected an address with /wiki/File:…")
        return name
    raise CreditError(f"{host or text} is not Wikimedia Commons or Wikipedia")


def file_title(name: str) -> str:
    """The Commons page title (``File:Anterior Hip Muscles 2.PNG``) for what a person pasted.

    Accepts a file name with or without ``File:``, a file page URL of Commons or any
    Wikipedia (any language, URL-encoded or not), or an ``upload.wikimedia.org`` image or
    thumbnail URL.
    """
    bare = _PREFIX.sub("", _name_part(name.strip())).replace("_", " ").strip()
    bare = _SPACE.sub(" ", bare)
    if not bare or any(c in bare for c in "#<>[]|{}"):
        raise CreditError(f"{name.strip() or 'an empty name'!r} is not a Commons file name")
    # MediaWiki titles start with a capital letter; the rest is as written.
    return "File:" + bare[0].upper() + bare[1:]


def file_page_url(title: str) -> str:
    """The address of the file's description page on Commons."""
    return FILE_PAGE + quote(title.replace(" ", "_"), safe=":/(),'!*")


def api_query_url(title: str) -> str:
    """The one API request that answers everything a credit needs."""
    query = {
        "action": "query",
        "prop": "imageinfo",
        "iiprop": "url|extmetadata",
        "titles": title,
        "format": "json",
        "formatversion": "2",
    }
    return f"{API_URL}?{urlencode(query)}"


def urllib_fetcher(url: str) -> bytes:
    """GET ``url`` with a User-Agent naming runcare (Wikimedia asks for one) and a timeout."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})  # noqa: S310 - the URL is built from API_URL
    with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:  # noqa: S310
        data: bytes = response.read(5 * 1024 * 1024)
        return data


def fetch_reply(title: str, fetcher: Fetcher | None = None) -> dict[str, Any]:
    """Ask the Commons API about ``title``; a failure to reach it is a ``CreditError``."""
    try:
        body = (fetcher or urllib_fetcher)(api_query_url(title))
    # URLError, HTTPError and timeouts are all OSErrors; a cut-off body is an HTTPException.
    except (OSError, http.client.HTTPException) as exc:
        reason = getattr(exc, "reason", exc)
        raise CommonsUnreachableError(
            f"could not reach Wikimedia Commons ({reason}). Check the internet connection, "
            "or type the credit in yourself from the file page."
        ) from exc
    return read_reply(body)


def read_reply(body: bytes | str) -> dict[str, Any]:
    """Decode a saved or fetched API reply."""
    try:
        reply = json.loads(body)
    except (ValueError, UnicodeDecodeError) as exc:
        raise CreditError(f"the Commons reply is not JSON ({exc})") from exc
    if not isinstance(reply, dict):
        raise CreditError("the Commons reply is not a JSON object")
    return reply


def _pages(reply: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    if "error" in reply:
        error = reply["error"]
        info = error.get("info", error) if isinstance(error, Mapping) else error
        raise CreditError(f"Wikimedia Commons refused the request: {info}")
    pages = reply.get("query", {}).get("pages") if isinstance(reply.get("query"), Mapping) else None
    # formatversion=1 keys pages by id (a negative one for a missing file); 2 lists them.
    if isinstance(pages, Mapping):
        pages = list(pages.values())
    if not isinstance(pages, list) or not pages or not isinstance(pages[0], Mapping):
        raise CreditError("the Commons reply names no file (no query.pages in it)")
    return pages


def _page(reply: Mapping[str, Any]) -> Mapping[str, Any]:
    page = _pages(reply)[0]
    title = str(page.get("title", "the file"))
    if "invalid" in page:
        raise CreditError(f"{title} is not a valid file name: {page.get('invalidreason', '')}")
    if "missing" in page and page.get("missing") is not False:
        raise CreditError(f"there is no file named {title} on Wikimedia Commons")
    infos = page.get("imageinfo")
    if not isinstance(infos, list) or not infos or not isinstance(infos[0], Mapping):
        raise CreditError(f"Wikimedia Commons gave no file information for {title}")
    return page


def _meta_value(meta: Mapping[str, Any], key: str) -> str:
    entry = meta.get(key)
    value = entry.get("value") if isinstance(entry, Mapping) else None
    return "" if value is None else str(value)


def _is_true(text: str) -> bool:
    return text.strip().lower() in {"true", "1", "yes"}


def _title(page: Mapping[str, Any], meta: Mapping[str, Any]) -> str:
    title, _ = strip_html(_meta_value(meta, "ObjectName"))
    if title:
        return title
    name = _PREFIX.sub("", str(page.get("title", "")))
    return name.rsplit(".", 1)[0] if "." in name else name


def _author(meta: Mapping[str, Any]) -> tuple[str, str | None]:
    # Attribution is the credit line the author asked for; Artist is who made it.
    for key in ("Attribution", "Artist"):
        text, link = strip_html(_meta_value(meta, key))
        if text:
            return text, link
    return "", None


def _license(meta: Mapping[str, Any]) -> tuple[str, str | None]:
    name, _ = strip_html(_meta_value(meta, "LicenseShortName"))
    if not name:
        name, _ = strip_html(_meta_value(meta, "UsageTerms"))
    if not name and _meta_value(meta, "Copyrighted").strip().lower() == "false":
        name = "Public domain"
    url = _meta_value(meta, "LicenseUrl").strip()
    if url.startswith("//"):
        url = "https:" + url
    return name, url if url.lower().startswith(("https://", "http://")) else None


def credit_from_reply(
    reply: Mapping[str, Any], *, modified: bool = False, modified_from: str | None = None
) -> Credit:
    """The credit of the file an API reply describes; refuses non-free and missing files.

    The credit may lack an author when the file page names none: check it with
    ``missing_fields`` before showing the picture.
    """
    page = _page(reply)
    info: Mapping[str, Any] = page["imageinfo"][0]
    meta = info.get("extmetadata")
    meta = meta if isinstance(meta, Mapping) else {}
    title = str(page.get("title", ""))
    if _is_true(_meta_value(meta, "NonFree")):
        raise CreditError(
            f"{title} is marked non-free on Wikimedia Commons: it may only be used under "
            "fair-use rules that do not cover runcare, so it cannot be credited or shown here."
        )
    author, author_url = _author(meta)
    license_name, license_url = _license(meta)
    source = str(info.get("descriptionurl") or "") or file_page_url(title)
    return Credit(
        title=_title(page, meta),
        author=author,
        author_url=author_url,
        source_url=source,
        license=license_name,
        license_url=license_url,
        modified=modified,
        modified_from=(modified_from or None) if modified else None,
    )


def credit_for(name: str, *, fetcher: Fetcher | None = None, modified: bool = False) -> Credit:
    """Everything at once: read ``name``, ask Commons, build the credit."""
    reply = fetch_reply(file_title(name), fetcher)
    return credit_from_reply(reply, modified=modified)
