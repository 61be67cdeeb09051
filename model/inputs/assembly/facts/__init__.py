"""The facts a thesis learns from, as values: the observations of its evidence. The reading
and checking of the sections and files that hold them is :mod:`model.inputs.assembly.evidence`.
"""
