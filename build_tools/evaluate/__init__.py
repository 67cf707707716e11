"""Measuring extraction against hand-made gold annotations (`gold`, `evaluation`) and reporting
the scores (`evaluation_report`)."""
