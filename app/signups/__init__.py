"""Sign-ups for public activities: places, a waitlist, confirmation by mail and check-in."""
