"""Tools for editors and developers around the build: new files, schema files, the guide, the link checker."""
