"""Building documents: what to build and its output names, inputs, manifest, the run."""
