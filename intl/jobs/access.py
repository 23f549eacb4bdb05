"""Who sees a job: its owner, administrators, and (for jobs no one started: a guest's confirmation, a student's
receipt) the office's staff, who answer for the mail the app sends on its own."""

from __future__ import annotations

from sqlalchemy import or_, true

from ..core.access import ADMINS, EVERYONE, STAFF, Policy, in_roles, policy_for
from ..core.jobs import Job


@policy_for(Job)
class JobPolicy(Policy):
    def view(self, user, job) -> bool:
        if job is None:
            return in_roles(user, EVERYONE)
        if in_roles(user, ADMINS) or job.created_by_id == user.id:
            return True
        return job.created_by_id is None and in_roles(user, STAFF)

    def retry(self, user, job) -> bool:
        return self.view(user, job)

    def download(self, user, job) -> bool:
        return self.view(user, job)

    def edit(self, user, job) -> bool:
        return False  # jobs are written by the app, never edited

    def visible(self, user):
        if in_roles(user, ADMINS):
            return true()
        if in_roles(user, STAFF):
            return or_(Job.created_by_id == user.id, Job.created_by_id.is_(None))
        return Job.created_by_id == user.id
