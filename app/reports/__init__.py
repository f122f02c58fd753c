"""Reports per neighbourhood and period (charts and CSV), and the public impact page."""
