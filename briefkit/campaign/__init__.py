"""The campaign as data: its layout on disk, the model, and reading it."""
