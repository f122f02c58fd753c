"""Helpdesk questions: a thread between a team member and the coordinators."""
