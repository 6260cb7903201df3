"""Reading and checking content files: safe YAML with lines, front matter, the one schema, Markdown
to safe HTML, the gate every picture passes, and the easy read rules.  Nothing here knows about
other files: what spans files is checked in :mod:`prospectus.model.checks`."""
