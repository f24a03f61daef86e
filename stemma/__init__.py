"""stemma: trace news articles to their source across languages and sites."""
__version__ = "0.1.0"
