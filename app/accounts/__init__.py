"""Accounts: registration, login, passwords, profile and global roles."""
