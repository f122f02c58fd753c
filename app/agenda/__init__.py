"""The public agenda (workflow 3): calendars per neighbourhood and for everyone, a public
page per activity, iCalendar feeds, and the activities in the JSON API."""
