"""Turning the prospectus into files: web pages, brochures, easy read, calendars, pictures, search."""
