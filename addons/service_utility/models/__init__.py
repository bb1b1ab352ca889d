from . import (
    service_supply_point,
    service_meter,
    service_meter_register,
    service_meter_reading,
    service_consumption,
    service_reading_import_mapping,
    service_reading_import,
    service_reading_import_error,
    service_contract_line,
    service_contract,
    service_billing_run,
)
