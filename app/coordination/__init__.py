"""The coordinator's dashboard: every team at a glance and the signals that need attention."""
