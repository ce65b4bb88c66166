"""``govreport serve``: the web page for the people who fill the data, and the HTTP API for the systems that hold it.

One Starlette application (``app``) over the same public functions the
command line uses: ``api`` holds the versioned JSON endpoints, ``page`` the
static page, ``workers`` the pool of processes that load, validate, render
and check (``jobs`` is what runs in them), ``office`` the warm LibreOffice
instances that make PDFs, ``guard`` and ``access`` the size limit and the
token, ``config`` the operator's choices. The server keeps nothing: each
upload lives in its temporary folder only while its request runs.
"""

from .app import create_app
from .config import ServerConfig

__all__ = ["ServerConfig", "create_app"]
