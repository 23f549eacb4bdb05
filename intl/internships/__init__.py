"""Internships and work-study: programmes, positions, applications, placements, the interns' activity log."""
