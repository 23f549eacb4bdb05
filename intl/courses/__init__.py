"""Staff training courses: sessions, enrolment, attendance and training hours."""
