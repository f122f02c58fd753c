"""Coordinators' coaching notes per team, the team's support level and handover, and acting on a resident's behalf."""
