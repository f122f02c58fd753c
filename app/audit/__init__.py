"""The audit log for admins (/beheer/logboek), and the record of every refused request."""
