"""Vitale Wijken outreach: door-to-door records per area, and activation rates."""
