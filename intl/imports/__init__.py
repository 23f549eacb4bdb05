"""Moving spreadsheets in: contacts, organizations and partners from CSV or XLSX, previewed before writing."""
