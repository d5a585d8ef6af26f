"""briefkit: a coalition's positions, kept as data, written out as the documents it hands to delegations."""

__version__ = "0.1.0"
