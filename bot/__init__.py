"""zongjie's front: the writer, the conversation, and the CLI, console and Telegram adapters."""
