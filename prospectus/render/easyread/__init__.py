"""The easy read prospectus: the points of each course and page, its web pages and its brochure."""
