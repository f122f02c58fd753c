"""Who may do what in coordination (rules registered with core.policy.rule)."""
