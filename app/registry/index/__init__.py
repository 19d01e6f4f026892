"""The local SQLite index of what the application has seen: schema, writer, reader, search."""
