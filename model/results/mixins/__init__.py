"""Parts of :class:`~model.results.results.SimulationResult`, one mixin class a module."""
