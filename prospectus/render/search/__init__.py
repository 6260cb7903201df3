"""Search: the search page, and the Pagefind index made offline, in parts kept between builds."""
