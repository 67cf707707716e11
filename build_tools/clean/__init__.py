"""Stage 2, clean: blocks in, each with its kind (body, heading, byline, date, junk, ...), and
the anchored body out (`cleaning`, with `furniture`, `headings`, `bylines`, `dates`)."""
