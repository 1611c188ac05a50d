"""The intervention catalogue (data/catalogue/), its checks, and matching to a profile."""
