"""The course content, shipped as package data: curriculum, lessons, exercises.

Plain files (TOML, Markdown, Python stubs) read by :mod:`mathforml.course`; the only
code is each exercise's ``spec.py`` (its reference, inputs and misconceptions).
"""
