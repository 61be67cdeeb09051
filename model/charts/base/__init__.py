"""What the charts build on that imports no chart module: number formats and units, checks of
chart options, the palette, the placing of labels, the fitting of text to the room a chart has,
the running estimates of the convergence chart, the words of the sensitivity charts and the Agg
canvas charts are rendered with. The chart modules (and :mod:`model.charts.style`, which
re-exports some of these) import them; nothing here imports a chart module.
"""
