"""Statistics of weighted samples (:mod:`model.results.weighting.weighted`) and the quantities
evidence weighs paths by (:mod:`model.results.weighting.observed`)."""
