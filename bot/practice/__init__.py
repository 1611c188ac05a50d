"""Övningsläge: the fictitious training cases (data/vignettes) and practice conversations."""
