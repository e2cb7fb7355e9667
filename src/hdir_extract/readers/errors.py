class SourceError(Exception):
    """A file cannot be read as a document. The message is one line for the analyst."""
