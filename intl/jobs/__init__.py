"""The officers' view of background jobs: what runs, how far it got, what failed and why, a retry, a download."""
