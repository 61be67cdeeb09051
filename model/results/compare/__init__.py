"""Parts of a comparison of scenarios (:mod:`model.results.compare.cases`)."""
