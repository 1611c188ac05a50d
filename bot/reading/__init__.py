"""The reading of Swedish answers: numbers, frequencies, drinks and time. Pure."""
