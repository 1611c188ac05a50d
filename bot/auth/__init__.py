"""Who may do what: passwords, users and roles."""
