"""The admin, where editors write guidance and clinical reviewers publish it.

`conditions.py` configures the conditions' list and form and saves each form through
`drafts.condition_save`; each workflow page (preview, publish, history, …) is a module of
`views/`, as Wagtail splits its page views.
"""

from django.contrib import admin

from ..models import Author, Condition, SourceLink, Term
from .authors import AuthorAdmin
from .conditions import ConditionAdmin
from .source_links import SourceLinkAdmin
from .terms import TermAdmin

admin.site.register(Condition, ConditionAdmin)
admin.site.register(Author, AuthorAdmin)
admin.site.register(SourceLink, SourceLinkAdmin)
admin.site.register(Term, TermAdmin)
