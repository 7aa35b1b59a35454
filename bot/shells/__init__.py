"""The shells: the command line, the console chat, the Telegram bot and their settings."""
