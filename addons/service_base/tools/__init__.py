from . import context
from . import amount_words
