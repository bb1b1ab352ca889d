from . import formula_engine
