"""Imports every model so that SQLAlchemy's metadata (and Alembic) know the whole schema."""

from .auth.models import User  # noqa: F401
from .auth.throttle import SignInFailure  # noqa: F401
from .contacts.duplicates import ContactMatchKey  # noqa: F401
from .contacts.models import (  # noqa: F401
    Affiliation,
    Contact,
    ContactAddress,
    ContactEmail,
    ContactLanguage,
    ContactPhone,
    PersonalDataAccess,
)
from .core.audit import AuditEntry  # noqa: F401
from .core.files import StoredFile  # noqa: F401
from .core.jobs import Job  # noqa: F401
from .core.search import SearchDoc, SearchGram, SortKey  # noqa: F401
from .core.tags import Tag  # noqa: F401
from .correspondence.models import (  # noqa: F401
    Letter,
    LetterAttachment,
    LetterLink,
    LetterParty,
    LetterStep,
    LetterTemplate,
    LetterTranslation,
    ReferenceCounter,
)
from .courses.models import Course, CourseSession, Enrolment, SessionAttendance  # noqa: F401
from .delegations.models import Delegation, DelegationAttachment, DelegationMember  # noqa: F401
from .directory.models import DirectoryIdentity  # noqa: F401
from .events.models import Event, Registration  # noqa: F401
from .events.throttle import PublicFormHit  # noqa: F401
from .followups.models import FollowUp  # noqa: F401
from .gifts.models import Gift, StockItem, StockMovement  # noqa: F401
from .groups.models import GroupMember, WorkingGroup  # noqa: F401
from .imports.models import ImportBatch  # noqa: F401
from .interactions.models import Interaction, InteractionLink  # noqa: F401
from .internships.models import (  # noqa: F401
    ApplicationStatusChange,
    InternshipApplication,
    InternshipPosition,
    InternshipProgramme,
)
from .internships.placement_models import ActivityEntry, Evaluation, Placement  # noqa: F401
from .lectures.models import Lecture, LecturePhoto, LectureSeries  # noqa: F401
from .organizations.models import Organization  # noqa: F401
from .partners.models import Agreement, Partner, PartnerFocus  # noqa: F401
from .plan.models import Expense, PlanItem, PlanTarget, PlanYear  # noqa: F401
from .protocol.models import FlagChoice, Occasion, Participant, Rank, Reception  # noqa: F401
from .schedule.models import (  # noqa: F401
    Engagement,
    EngagementCalendarText,
    EngagementParticipant,
    FeedToken,
    KeptClash,
    Leader,
    LeaderStay,
)
from .schedule.revision import ScheduleRevision  # noqa: F401
from .workdays.models import OfficeDay  # noqa: F401
