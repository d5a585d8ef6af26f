"""Comparing audiences' documents: the diff and its HTML report."""
