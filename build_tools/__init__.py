"""Briefing-site generator: scraped articles in, structured briefing pages out.

The folders are the stages, in the order data flows: `read` (a seed file into text and
blocks) -> `clean` (page furniture out, the body anchored) -> `extract` (metadata, links,
demands and proposals, summary, topics) -> `briefing` (one record per article) -> `corpus`
(all of them, cached, with sidecar overrides) -> `render` (Markdown pages and downloads).
`evaluate` scores extraction against gold annotations. `hook` plugs the pages into MkDocs;
`cli` is the command line. `records` holds the typed records every stage passes on; `rules/`
the vocabulary, as YAML.
"""

__version__ = "0.1.0"
