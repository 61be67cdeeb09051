"""thesis-model: sourced investment theses as Monte Carlo scenarios."""

__version__ = "0.1.0"
