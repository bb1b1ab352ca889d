from . import context
from . import language
