from . import test_item
from . import test_visit_planning
from . import test_visit_concurrency
from . import test_visit_done
from . import test_alerts
from . import test_access
from . import test_report
from . import test_ui
