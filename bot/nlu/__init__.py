"""Swedish language understanding that Rasa does not ship: quantities, the local spaCy pipeline."""
