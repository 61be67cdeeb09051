"""The numbers of a distribution written in a thesis that its quote must state."""

from __future__ import annotations

__all__ = ["centre_numbers"]


def centre_numbers(family: str, params: dict[str, object]) -> tuple[float, ...]:
    """The numbers of a distribution that a quote must contain.

    Parameters
    ----------
    family : str
        Distribution family.
    params : dict
        Its parameters as written.

    Returns
    -------
    tuple of float
        The centre parameter where the family has one (normal/truncnormal/beta ``mean``,
        lognormal ``median`` or ``mean``, triangular/PERT ``mode``, bernoulli ``p``); otherwise
        every number written (interval ends, discrete values, ...), any of which will do.
    """
    centres = {
        "normal": ("mean",),
        "truncnormal": ("mean",),
        "beta": ("mean",),
        "lognormal": ("median", "mean"),
        "triangular": ("mode",),
        "pert": ("mode",),
        "bernoulli": ("p",),
    }
    for key in centres.get(family, ()):
        v = params.get(key)
        if isinstance(v, int | float):
            return (float(v),)
    out: list[float] = []
    for v in params.values():
        if isinstance(v, list | tuple):
            out.extend(float(x) for x in v if isinstance(x, int | float))
        elif isinstance(v, int | float):
            out.append(float(v))
    return tuple(out)
