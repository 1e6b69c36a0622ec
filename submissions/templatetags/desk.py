from django import template

from ..desk import desk_tasks

register = template.Library()


@register.inclusion_tag("admin/desk.html", takes_context=True)
def desk(context):
    return {"tasks": desk_tasks(context["request"].user)}
