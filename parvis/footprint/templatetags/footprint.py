from django import template

from parvis.footprint.messages import human_bytes, impact_label

register = template.Library()
register.filter("bytes_fr", human_bytes)
register.filter("impact_fr", impact_label)
