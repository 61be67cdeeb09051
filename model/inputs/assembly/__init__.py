"""From a checked thesis file to a model: items, cross-references, scenarios, ledger,
specification, evidence."""
