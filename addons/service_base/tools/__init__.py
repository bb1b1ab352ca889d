from . import amount_words
from . import context
from . import counts
from . import language
