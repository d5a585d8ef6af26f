"""Composing documents: templates, the HTML vocabulary, labels and languages."""
