"""Plain-function services behind the management commands, views and admin."""
