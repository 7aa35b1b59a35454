"""The writer: the answers → the report → its renderings (text, Markdown, .docx)."""
