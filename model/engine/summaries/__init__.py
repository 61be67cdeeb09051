"""Streaming statistics of outputs: moments, quantiles and their sketches, standard errors."""
