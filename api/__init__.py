"""HTTP API: FastAPI app, wire schemas and routes (``create_app``)."""
