"""Follow-up tasks agreed with partners: from visits, letters and meetings; the owners' reminder digest."""
