"""Show: the API, the dashboard, static reports and exports, over the archive."""
