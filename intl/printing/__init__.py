"""Printable sheets as PDF: a delegation's bilingual itinerary and a leader's briefing for one day."""
