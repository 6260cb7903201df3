"""The live preview (``build.py serve``): incremental rebuilds on every save, the server, the error page."""
