"""After the activity: the evaluation, its photos with consent, and the reminder to evaluate."""
