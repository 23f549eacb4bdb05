"""Follow-up tasks agreed with partners: from visits now, from letters and meetings later."""
