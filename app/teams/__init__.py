"""Teams, memberships and invitations (workflow 1)."""
