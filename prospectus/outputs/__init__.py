"""The renderers: each turns the frozen Prospectus into one kind of output."""
