"""Layout: the composed blocks set on the GB/T 9704 page."""
