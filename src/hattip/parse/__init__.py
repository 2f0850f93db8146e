"""THE HTML PARSER: bytes, str, BeautifulSoup or lxml tree in; a :class:`~hattip.model.Page` out."""

from hattip.parse.page import extract

__all__ = ["extract"]
