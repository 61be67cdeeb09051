"""What the charts build on that knows nothing of charts: number formats and units, checks of
chart options, and the placing of labels. The chart modules (and :mod:`model.charts.style`,
which re-exports these) import them; nothing here imports a chart module.
"""
