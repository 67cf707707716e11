"""Stage 4, render: briefing records in, the site's Markdown pages and downloads out
(`rendering` for a briefing page, `views` for cross-article pages, `pages` for all of them)."""
