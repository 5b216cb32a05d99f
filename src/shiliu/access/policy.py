"""What each role may do. The one table the rest of the code asks (D1, D3, D6).

A capability is held at the places where the user has a role that grants it, and
reaches those places and everything below them (shiliu.access.scope).
"""

from shiliu.accounts.models import Role


class Cap:
    PLACE_VIEW = "place.view"
    PLACE_EDIT = "place.edit"
    PLACE_TRANSFER = "place.transfer"  # import / export of the tree
    RESIDENT_VIEW = "resident.view"
    RESIDENT_CREATE = "resident.create"
    RESIDENT_EDIT = "resident.edit"
    RESIDENT_ID_NUMBER = "resident.id_number"  # may receive the (masked) ID number at all (D3)
    RESIDENT_SENSITIVE = "resident.sensitive"  # may receive ethnicity and consent records (D3)
    RESIDENT_REVEAL = "resident.reveal"  # may unmask phone / ID number with a reason (B1)
    AUDIT_VIEW = "audit.view"
    STAFF_MANAGE = "staff.manage"
    # Work orders (workorders), the hotline (hotline), the calendar (workdays), figures.
    ORDER_VIEW = "order.view"  # see orders of the place or assigned to a unit at or below it
    ORDER_CREATE = "order.create"  # open an order (any channel)
    ORDER_DISPATCH = "order.dispatch"  # dispatch, re-dispatch after a return, change category, cancel
    ORDER_HANDLE = "order.handle"  # acknowledge, work, note, refer, return, resolve (as the unit)
    ORDER_CALLBACK = "order.callback"  # call the resident back and record the rating
    ORDER_SUPERVISE = "order.supervise"  # supervise / urge an order of a unit below; approve a reopen
    ORDER_CONFIGURE = "order.configure"  # categories, deadlines, routing rules
    CALENDAR_EDIT = "calendar.edit"  # the working-day calendar
    HOTLINE_TAKE = "hotline.take"  # the operator's screen, call records
    CALL_EVENTS = "hotline.call_events"  # report ringing / answered / ended (the phone system's hook)
    KNOWLEDGE_EDIT = "knowledge.edit"  # write knowledge-base articles
    FIGURES_VIEW = "figures.view"  # dashboards and their exports
    # The 1+10+N network (organizations), activities, creation work, culture.
    ORG_VIEW = "org.view"
    ORG_EDIT = "org.edit"
    ACTIVITY_VIEW = "activity.view"
    ACTIVITY_EDIT = "activity.edit"
    CREATION_VIEW = "creation.view"
    CREATION_EDIT = "creation.edit"
    CULTURE_VIEW = "culture.view"
    CULTURE_EDIT = "culture.edit"
    # The service guide (guide), service windows and intake (windows), news (news), the job
    # market (jobs), residents' requests about their own data (portal).
    GUIDE_EDIT = "guide.edit"  # publish service items and life events (reading the guide is public)
    WINDOW_VIEW = "window.view"  # see windows, centres and their intake records
    WINDOW_EDIT = "window.edit"  # keep windows and centres: hours, items offered, duty
    WINDOW_INTAKE = "window.intake"  # take a visitor at a window and open orders for them
    NEWS_WRITE = "news.write"  # write news and notices (drafts, submit for review)
    NEWS_REVIEW = "news.review"  # approve, schedule and withdraw what others wrote
    JOB_VIEW = "job.view"  # employers, postings, seekers, referrals, placements of the place
    JOB_EDIT = "job.edit"  # keep seekers' profiles, post for employers, record referrals and placements
    JOB_VERIFY = "job.verify"  # verify employers, approve postings
    DATA_REQUESTS = "data.requests"  # handle residents' requests to correct or delete their data


_RESIDENT_WORK = {
    Cap.PLACE_VIEW, Cap.RESIDENT_VIEW, Cap.RESIDENT_CREATE, Cap.RESIDENT_EDIT,
    Cap.RESIDENT_ID_NUMBER, Cap.RESIDENT_SENSITIVE, Cap.RESIDENT_REVEAL,
}

_NETWORK_VIEW = {Cap.ORG_VIEW, Cap.ACTIVITY_VIEW, Cap.CREATION_VIEW, Cap.CULTURE_VIEW}
_NETWORK_EDIT = {Cap.ORG_EDIT, Cap.ACTIVITY_EDIT, Cap.CREATION_EDIT, Cap.CULTURE_EDIT}
_SERVICE_WORK = {Cap.WINDOW_VIEW, Cap.WINDOW_INTAKE, Cap.JOB_VIEW, Cap.JOB_EDIT, Cap.NEWS_WRITE}
_SERVICE_LEAD = {Cap.WINDOW_EDIT, Cap.JOB_VERIFY, Cap.NEWS_REVIEW}

CAPABILITIES: dict[str, frozenset[str]] = {
    # An operator takes calls: finds and records the caller, sees a masked phone,
    # never the ID number or ethnicity.
    # The hotline dispatches the orders it takes and makes the callbacks (not the unit).
    Role.OPERATOR: frozenset({Cap.PLACE_VIEW, Cap.RESIDENT_VIEW, Cap.RESIDENT_CREATE, Cap.ORDER_VIEW,
                              Cap.ORDER_CREATE, Cap.ORDER_DISPATCH, Cap.ORDER_CALLBACK, Cap.HOTLINE_TAKE,
                              Cap.CALL_EVENTS}),
    Role.COMMUNITY_WORKER: frozenset(_RESIDENT_WORK | _NETWORK_VIEW | {
        Cap.ORDER_VIEW, Cap.ORDER_CREATE, Cap.ORDER_HANDLE, Cap.ORG_EDIT, Cap.ACTIVITY_EDIT} | _SERVICE_WORK),
    Role.SUBDISTRICT_OFFICER: frozenset(_RESIDENT_WORK | _NETWORK_VIEW | _NETWORK_EDIT | {
        Cap.PLACE_EDIT, Cap.ORDER_VIEW, Cap.ORDER_CREATE, Cap.ORDER_DISPATCH, Cap.ORDER_HANDLE,
        Cap.ORDER_SUPERVISE, Cap.FIGURES_VIEW} | _SERVICE_WORK | _SERVICE_LEAD),
    # A liaison handles the orders referred to their department; no resident list.
    Role.LIAISON: frozenset({Cap.PLACE_VIEW, Cap.ORDER_VIEW, Cap.ORDER_HANDLE}),
    Role.DISTRICT_ADMIN: frozenset(_RESIDENT_WORK | _NETWORK_VIEW | _NETWORK_EDIT | {
        Cap.PLACE_EDIT, Cap.PLACE_TRANSFER, Cap.AUDIT_VIEW, Cap.STAFF_MANAGE,
        Cap.ORDER_VIEW, Cap.ORDER_CREATE, Cap.ORDER_DISPATCH, Cap.ORDER_HANDLE, Cap.ORDER_CALLBACK,
        Cap.ORDER_SUPERVISE, Cap.ORDER_CONFIGURE, Cap.CALENDAR_EDIT, Cap.HOTLINE_TAKE, Cap.CALL_EVENTS,
        Cap.KNOWLEDGE_EDIT,
        Cap.FIGURES_VIEW} | _SERVICE_WORK | _SERVICE_LEAD | {Cap.GUIDE_EDIT, Cap.DATA_REQUESTS}),
    # Separation of duties (D6): the auditor reads the trail and nothing else.
    Role.AUDITOR: frozenset({Cap.AUDIT_VIEW}),
    # The phone system's integration account: call events in, nothing out (no residents, no history).
    Role.PHONE_SYSTEM: frozenset({Cap.CALL_EVENTS}),
}

ALL_CAPS = frozenset().union(*CAPABILITIES.values())


def role_has(role: str, cap: str) -> bool:
    return cap in CAPABILITIES.get(role, frozenset())
