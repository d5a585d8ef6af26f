"""Reading source texts: matching quotes, prose structure, speakers, candidates."""
