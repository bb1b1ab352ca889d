from . import test_api_calls
from . import test_rules_matrix
from . import test_workflow_fields_over_rpc
from . import test_collector_rules_over_rpc
from . import test_internal_switches_over_rpc
from . import test_value_validation_over_rpc
from . import test_portal_query_counts
