"""Medical words explained: editor-managed terms, published by clinical reviewers.

A term (`models.Term`) is the word as guidance uses it ("botulinum toxin"), the other names
patients use for it ("botox", "BTX") and a short plain explanation. Editors write the draft; a
clinical reviewer publishes it (`services.term_publish`), which copies it to a `PublishedTerm`:
the only copy patients see. Published terms are marked at their first use on each condition
page (`marking.py`), listed on the Terms page, and their other names widen searches
(`conditions/search/expansion.py`).
"""
