from django import template

from parvis.footprint.messages import human_bytes

register = template.Library()
register.filter("bytes_fr", human_bytes)
