"""Briefing-site generator: scraped articles in, structured briefing pages out.

Stages, in the order data flows: `reading` -> `cleaning` -> `metadata`, `links`, `items`
-> `briefing` -> `rendering` -> `site`. `hook` plugs `site` into MkDocs; `cli` is the
command line.
"""

__version__ = "0.1.0"
