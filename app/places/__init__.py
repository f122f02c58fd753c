"""Municipalities and neighbourhoods."""
