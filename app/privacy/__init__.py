"""Privacy (AVG): a person downloads their data and erases their account; a coordinator
does both for a resident who asks at the helpdesk; the retention rules."""
