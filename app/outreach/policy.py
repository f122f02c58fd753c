"""Who may do what in outreach (rules registered with core.policy.rule)."""
