"""Personal data protection: identity numbers are detected and masked before storage."""
