"""What the charts build on that knows nothing of charts: number formats and units, checks of
chart options, the placing of labels and the Agg canvas charts are rendered with. The chart
modules (and :mod:`model.charts.style`, which re-exports some of these) import them; nothing
here imports a chart module.
"""
