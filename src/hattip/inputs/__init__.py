"""Where pages come from: files and folders, URLs, RSS/Atom feeds, WARC archives.

Every source yields :class:`Document` items: the raw bytes of one page plus what is known
about it. A source that fails for one item yields a ``Document`` with ``error`` set and goes on,
so a batch never stops at one bad page.

``Document`` and ``Failure`` are defined in :mod:`hattip.model` (fetch and graph use them too,
and must not import the input readers) and are re-exported here, their public home.
"""

from __future__ import annotations

from hattip.model import Document, Failure

__all__ = ["Document", "Failure"]
