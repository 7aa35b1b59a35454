"""The conversation: declared states, the steps, the engine and the conversation store."""
