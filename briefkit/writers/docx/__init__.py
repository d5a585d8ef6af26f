"""The DOCX writer: the walker, inline HTML as segments, and the Word XML python-docx lacks."""
