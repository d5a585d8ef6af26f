"""A curator's tools: new campaigns, candidates drawn from seeds, accepting changed sources."""
