from django import template

from conditions.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text: str):
    """Editor Markdown as sanitized HTML; see conditions.markdown."""
    return render_markdown(text)
