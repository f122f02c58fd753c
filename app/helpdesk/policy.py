"""Who may do what in helpdesk (rules registered with core.policy.rule)."""
