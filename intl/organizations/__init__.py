"""Organizations: embassies and representative offices, universities, chambers, NGOs, city bureaus."""
