"""Accessibility fixes for Django admin markup that the admin's options cannot reach."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# Django's boolean icons carry the Python value as their text alternative.
_BOOLEAN_ALTS = {'alt="True"': 'alt="是"', 'alt="False"': 'alt="否"', 'alt="None"': 'alt="未知"'}


@register.filter(is_safe=True)
def boolean_icons_in_chinese(html: str) -> SafeString:
    """The change list's HTML with the yes/no icons described in Chinese."""
    for english, chinese in _BOOLEAN_ALTS.items():
        html = html.replace(english, chinese)
    # Only fixed attribute text of already-safe admin markup changes.
    return mark_safe(html)
