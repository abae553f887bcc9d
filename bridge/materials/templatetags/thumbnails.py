"""`{% load thumbnails %}`: `{{ image|thumbnail_url:320 }}` and `{{ image|image_srcset }}`."""

from django import template

from bridge.materials import thumbnails

register = template.Library()


@register.filter
def thumbnail_url(image, width) -> str:
    return thumbnails.thumbnail_url(image, int(width))


@register.filter
def image_srcset(image) -> str:
    return thumbnails.srcset(image)
