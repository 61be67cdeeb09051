"""The ``thesis report`` job: every scenario, the blend, the views, sensitivity, the ledger and
the charts of a thesis written as one atomic export (:mod:`~model.export.job`), with its text
files (:mod:`~model.export.job_text`), the one-page ``index.html``
(:mod:`~model.export.html_report`) and the console summaries (:mod:`~model.export.console`).
"""
