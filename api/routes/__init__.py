"""HTTP routes: thin functions that validate, call the service, and shape the wire object."""
