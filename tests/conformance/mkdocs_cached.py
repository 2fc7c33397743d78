"""``python mkdocs_cached.py build ...`` = ``python -m mkdocs build ...`` with a Jinja
bytecode cache.

The error tests build the site some eighty times; most of each build is Jinja compiling the
theme's templates. This launcher only hands Jinja a bytecode cache (directory from
``CONFORMANCE_JINJA_CACHE``) and then runs the ordinary mkdocs command line, so what is
built and what is printed are those of ``mkdocs build``. The good site is built with plain
``python -m mkdocs``.
"""

from __future__ import annotations

import os
import sys

import jinja2
from jinja2.bccache import FileSystemBytecodeCache

_cache = FileSystemBytecodeCache(os.environ["CONFORMANCE_JINJA_CACHE"])
_init = jinja2.Environment.__init__


def _init_with_cache(self, *args, **kwargs):
    kwargs.setdefault("bytecode_cache", _cache)
    _init(self, *args, **kwargs)


jinja2.Environment.__init__ = _init_with_cache

if __name__ == "__main__":
    from mkdocs.__main__ import cli

    sys.exit(cli(prog_name="mkdocs"))
