"""Statistics of weighted samples (:mod:`model.results.weighting.weighted`)."""
