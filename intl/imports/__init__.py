"""Moving spreadsheets in: contacts, organizations and partners from CSV, Excel (.xlsx, .xls) or OpenDocument (.ods),
previewed before writing."""
