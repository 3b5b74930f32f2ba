"""Expressions for the symbolic derivative tests, each with a rule its steps must use.

Grouped as a learner meets them: constants and polynomials, the rules for products
and quotients, the elementary functions, chains (nested up to four deep), powers with
the variable in the exponent, and expressions in several variables for partial
derivatives. The text is what a learner types (the safe parser's syntax).
"""

# (expression, a rule that must appear among its steps)
ONE_VARIABLE = [
    # constants and the variable
    ("7", "constant"),
    ("pi^2 + e", "constant"),
    ("x", "variable"),
    ("-x", "constant multiple"),
    # polynomials: power, constant multiple, sum and difference
    ("x^2", "power"),
    ("x^10", "power"),
    ("3x^4", "constant multiple"),
    ("x^3 - 2x^2 + 5x - 7", "difference"),
    ("x^6/6 - 3x^4 - 2x^3/3 + 27x^2/2 + 18x - 30", "difference"),
    ("(x + 1)^5", "chain"),
    ("(2x - 3)^3 + (1 - x)^2", "chain"),
    ("x^(1/3)", "power"),
    ("x^(-2) + 1/x", "power"),
    ("x^pi", "power"),
    # roots
    ("sqrt(x)", "sqrt"),
    ("sqrt(x^2 + 1)", "chain"),
    ("1/sqrt(x)", "power"),
    ("sqrt(1 - x^2)", "sqrt"),
    # products and quotients
    ("x sin(x)", "product"),
    ("x^2*exp(x)", "product"),
    ("x exp(x) cos(x)", "product"),
    ("(x^2 + 1)(x^3 - x)", "product"),
    ("x/(x + 1)", "quotient"),
    ("(x^2 - 1)/(x^2 + 1)", "quotient"),
    ("sin(x)/x", "quotient"),
    ("exp(x)/(1 + exp(x))", "quotient"),
    ("1/(1 + x^2)", "power"),
    ("x/sqrt(x + 1)", "quotient"),
    # exp and log
    ("exp(x)", "exp"),
    ("exp(-x^2/2)", "chain"),
    ("log(x)", "log"),
    ("ln(x^2 + 1)", "log"),
    ("log(log(x))", "chain"),
    ("x log(x) - x", "product"),
    ("2^x", "exponential"),
    ("10^(x^2)", "exponential"),
    ("e^(3x)", "exp"),
    # trigonometry
    ("sin(x)", "sin"),
    ("cos(x)", "cos"),
    ("tan(x)", "tan"),
    ("sin(x)^2 + cos(x)^2", "sum"),
    ("sin(x) cos(x)", "product"),
    ("tan(x)/x", "quotient"),
    ("cos(3x + 1)", "chain"),
    # nested chains
    ("sin(x^2)", "chain"),
    ("sin(cos(x))", "chain"),
    ("exp(sin(x))", "chain"),
    ("log(cos(x))", "chain"),
    ("sqrt(sin(x))", "chain"),
    ("exp(sin(x^2 + 1))", "chain"),
    ("sin(cos(tan(x)))", "chain"),
    ("log(1 + exp(x))", "chain"),
    ("1/(1 + exp(-x))", "chain"),
    ("(sin(x) + cos(x))^3", "chain"),
    ("tan(sqrt(x))", "chain"),
    # the variable in the exponent
    ("x^x", "general power"),
    ("x^sin(x)", "general power"),
    ("(x^2 + 1)^x", "general power"),
    # absolute value
    ("abs(x)", "abs"),
    ("abs(sin(x))", "chain"),
]

# (expression, var, a rule that must appear among its steps); variables x, y, z
SEVERAL_VARIABLES = [
    ("x^2*y", "x", "held constant"),
    ("x^2*y", "y", "held constant"),
    ("x^2 + y^2", "y", "held constant"),
    ("x y z", "z", "held constant"),
    ("sin(x y)", "x", "chain"),
    ("exp(x) sin(y)", "y", "constant multiple"),
    ("x^3*y^2 - 2x*y + y^4", "y", "difference"),
    ("sqrt(x^2 + y^2)", "x", "chain"),
    ("log(x^2 + y^2 + z^2)", "z", "chain"),
    ("x/y", "y", "power"),
    ("x/(x + y)", "y", "power"),
    ("(x - y)/(x + y)", "x", "quotient"),
    ("exp(-(x^2 + y^2)/2)", "x", "chain"),
    ("x^y", "y", "exponential"),
    ("x^y", "x", "power"),
    ("cos(x) cos(y) + sin(x z)", "z", "chain"),
    ("y", "x", "held constant"),
    ("5", "y", "constant"),
]
