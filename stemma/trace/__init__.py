"""Tracing: cheap candidates first, sentence alignment on the few that remain, then the relation."""
