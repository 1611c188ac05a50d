"""The load benchmark behind `make bench`: simulated case workers doing whole assessments
through the public chat API, against Tidigt and against a bare Rasa server as baseline."""
