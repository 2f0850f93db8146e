"""Pages from files and folders: the saved-HTML source for ``hattip ingest``.

A file the user names is read whatever its name. A folder is walked recursively in sorted order
(its files, then its subfolders; hidden entries skipped, symlinked folders not followed) for
``*.html``, ``*.htm``, ``*.xhtml``, ``*.shtml`` (and their ``.gz``), plus extensionless files
whose first bytes look like HTML (saved wget mirrors name pages ``index`` or ``2008/03/post``).
``-`` reads a list of paths, one per line, from standard input.

Nothing is held beyond the current file: a million-file folder streams in constant memory.

>>> [d.error for d in iter_documents(["/no/such/file.html"])]
['cannot read /no/such/file.html: no such file or folder']
"""

from __future__ import annotations

import gzip
import io
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

from hattip.model import Document, Failure

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".shtml"})
"""File name endings a folder walk takes (``.gz`` after them too)."""

MAX_BYTES = 50 * 1024 * 1024
"""A file larger than this (after gunzip) is reported, not read: no blog post is 50 MB."""

_SNIFF = (b"<!doctype html", b"<html", b"<head", b"<body", b"<article", b"<meta", b"<title")


def iter_documents(
    paths: Iterable[str | Path], *, stdin: IO[str] | None = None
) -> Iterator[Document]:
    """One :class:`Document` per HTML file under ``paths`` (``-``: paths listed on stdin).

    An unreadable path yields a ``Document`` with ``error`` set, and the walk goes on.
    """
    for item in paths:
        if str(item) == "-":
            for line in stdin if stdin is not None else sys.stdin:
                name = line.strip()
                if name and not name.startswith("#"):
                    yield from _from_path(Path(name))
        else:
            yield from _from_path(Path(item))


def _from_path(path: Path) -> Iterator[Document]:
    if path.is_dir():
        yield from _walk(path)
    else:
        yield read_document(path)


def _walk(root: Path) -> Iterator[Document]:
    errors: list[OSError] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        while errors:
            failed = errors.pop()
            yield _failed(str(failed.filename or folder), failed)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(folder, name)
            if is_html_name(name) or (not path.suffix and _looks_like_html(path)):
                yield read_document(path)
    while errors:
        failed = errors.pop()
        yield _failed(str(failed.filename or root), failed)


def is_html_name(name: str) -> bool:
    """True for the file names a folder walk takes by their ending.

    >>> is_html_name("post.HTML"), is_html_name("post.htm.gz"), is_html_name("feed.xml")
    (True, True, False)
    """
    lower = name.lower().removesuffix(".gz")
    return os.path.splitext(lower)[1] in HTML_SUFFIXES


def _looks_like_html(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            head = fh.read(1024)
    except OSError:
        return True  # let read_document report why it cannot be read
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return any(marker in head for marker in _SNIFF)


def read_document(path: Path) -> Document:
    """The bytes of one file (gunzipped for ``.gz``), or a ``Document`` saying why not."""
    origin = os.fsencode(path).decode("utf-8", "backslashreplace")  # any file name prints
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            return Document(
                origin=origin,
                error=f"cannot read {origin}: {size} bytes is over the {MAX_BYTES} byte limit",
                failure=Failure.TOO_LARGE,
            )
        with path.open("rb") as handle:  # st_size is 0 for devices and pipes: cap the read
            body = handle.read(MAX_BYTES + 1)
        if len(body) > MAX_BYTES:
            return Document(
                origin=origin,
                error=f"cannot read {origin}: over the {MAX_BYTES} byte limit",
                failure=Failure.TOO_LARGE,
            )
        if path.suffix.lower() == ".gz":
            body = _gunzip(body)
    except (OSError, EOFError, zlib.error) as exc:
        return _failed(origin, exc)
    except ValueError as exc:
        return Document(
            origin=origin, error=f"cannot read {origin}: {exc}", failure=Failure.TOO_LARGE
        )
    return Document(origin=origin, body=body)


def _gunzip(body: bytes) -> bytes:
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as stream:
        out = stream.read(MAX_BYTES + 1)
    if len(out) > MAX_BYTES:
        msg = f"over the {MAX_BYTES} byte limit once decompressed"
        raise ValueError(msg)
    return out


def _failed(origin: str, exc: BaseException) -> Document:
    if isinstance(exc, FileNotFoundError):
        why = "no such file or folder"
    elif isinstance(exc, PermissionError):
        why = "permission denied"
    elif isinstance(exc, IsADirectoryError):
        why = "is a folder"
    elif isinstance(exc, OSError) and exc.strerror:
        why = exc.strerror.lower()
    else:
        why = str(exc) or type(exc).__name__
    return Document(origin=origin, error=f"cannot read {origin}: {why}", failure=Failure.UNREADABLE)


__all__ = ["HTML_SUFFIXES", "MAX_BYTES", "is_html_name", "iter_documents", "read_document"]
