"""Stage 3, extract: the cleaned article in, metadata, links, demands and proposals, summary and
topics out (`metadata`, `links`, `items`, `summary`, `topics`, with the helpers they use)."""
