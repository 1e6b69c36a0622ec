"""The admin's own pages for a condition, one module each; `ConditionAdmin.get_urls` routes them.

Each view takes the request, the URL's arguments and, by keyword, the `model_admin` it serves.
"""
