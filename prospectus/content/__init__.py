"""Reading and checking content files: paths, pictures and text, before anything is built from them."""
