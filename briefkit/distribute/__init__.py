"""Distribution: current PDFs, contacts, e-mail drafts, bundles and sending."""
