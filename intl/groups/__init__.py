"""Working groups, above all the international relations group (國際關係小組): liaison officers in each city
bureau and outside committee members, with their roles and terms."""
