"""Cross-article views: pages that compare briefings rather than show one.

One module per page family, each a function of the whole corpus (briefings in, Markdown out):
`briefing_list` (all briefings), `home` (the dashboard), `actors` (a page per party),
`matrix` (parties against briefings), `proposals` (the catalogue by topic), `tags` (topics, a page
per topic), `timeline` (publication dates and dated events), `sources` (outbound links by domain),
`related` (the related-briefings foot of each briefing page). `paths` says where each page
lives and how pages link to each other.
"""
