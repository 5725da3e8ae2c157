"""Loaders that bring CASE packages, OneRoster users and Caliper events into the graph."""
