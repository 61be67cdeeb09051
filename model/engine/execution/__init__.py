"""Running a specification: sampling, time processes and events, chunks over backends, the run's
results."""
