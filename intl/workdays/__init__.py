"""The office's working calendar: Taiwan's holidays and make-up workdays, the office's own closures and the
city's typhoon days; the one place that counts working days. Also the partners' holidays and calendars."""
