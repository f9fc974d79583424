"""Pure-Python help-place logic (no Django): the LaMednum standard, data·inclusion, hours, needs, deduplication."""
