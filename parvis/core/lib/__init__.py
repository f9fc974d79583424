"""Helpers shared by every app, without Django: text encodings, the outbound network guard, slugs."""
