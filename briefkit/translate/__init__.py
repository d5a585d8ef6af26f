"""The translators' workflow: the campaign's text out to translators (PO, XLIFF), back in, never stale.

catalogue.py builds one language's catalogue from the campaign (printed.py:
where each text is printed; markers.py: what must stay verbatim; labels.py:
the labels of the campaign's own templates); po.py and xliff.py write it;
export.py hands it out, importer.py takes it back, accept.py records a
reviewed translation, status.py counts; store.py writes what the campaign
keeps (translations/<lang>.po, translations/inline.json).
"""
