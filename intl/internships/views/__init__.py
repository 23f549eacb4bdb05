"""The internship pages, by who uses them: programmes and positions, applications, placements (staff; a
placement also for its intern), the intern's log and the supervisor's approvals, and the students' public
application form. URLs in ../blueprint.py."""
