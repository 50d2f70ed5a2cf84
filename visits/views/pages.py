"""Rendering a page with the partnership levels, which every page's level badges read."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from visits import selectors


def render_page(request, template: str, context: dict) -> HttpResponse:
    """`template` with `context` and `levels` (every level by code: one query)."""
    return render(request, template, {**context, "levels": selectors.levels_by_code()})
