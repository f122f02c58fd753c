"""The neighbourhood letter "Wat gebeurt er in mijn buurt": anyone subscribes with an e-mail
address (double opt-in), a weekly mail lists what is coming and the new public stories."""
