from . import (
    test_access,
    test_contract_account,
    test_customer_code,
    test_documents,
    test_documents_concurrency,
    test_documents_job_slices,
    test_duplicates,
    test_identifiers,
    test_ui,
    test_xmlrpc,
)
