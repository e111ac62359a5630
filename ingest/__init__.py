"""Turn corpus files into provenance-carrying chunks and a searchable index."""
