"""The returns of a result: what they are measured on (:mod:`model.results.returns.basis`)."""
