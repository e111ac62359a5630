"""Answer questions from the index: retrieve → fuse → compose → verify."""
