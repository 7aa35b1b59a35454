"""The phrasebank: stock formulations mined from a corpus of real reports, and matching."""
