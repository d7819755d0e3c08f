"""API endpoints, one module per area. Each is thin: parse -> access check -> service/selector -> shape."""
