"""mathforml: an executable course in the Mathematics for Machine Learning,
and the verified library it is built on."""

__version__ = "0.1.0"
