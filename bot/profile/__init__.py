"""The risk and protective profile, built from the answers by pure functions."""
