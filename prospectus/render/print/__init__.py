"""The printed brochures (PDF): what WeasyPrint is given, and the only files it may read."""

# The address brochure HTML names its files under: never reachable (.invalid is reserved for that),
# answered only by fetch.Fetcher, from the templates folder and the cleaned pictures.
BASE = "https://prospectus.invalid/"
