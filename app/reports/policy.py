"""Who may do what in reports (rules registered with core.policy.rule)."""
