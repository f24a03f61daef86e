"""Reports: one versioned JSON schema, rendered to the terminal and to a self-contained HTML page."""
