from . import (
    service_cancellation_reason,
    service_cancellation,
    service_cancellation_report,
    service_contract,
)
