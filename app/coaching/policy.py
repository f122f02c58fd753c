"""Who may do what in coaching (rules registered with core.policy.rule)."""
