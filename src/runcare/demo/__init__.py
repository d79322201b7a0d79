"""The demo history generator: a realistic runner's files, written by runcare itself."""
