"""The Caliper 1.1 / 1.2 terms we check events against: contexts, event types, their actions.

Taken from the Caliper Analytics 1.2 specification, section 4 (each event's
"value range is limited to ... actions only"), which keeps the 1.1 tables for
the types 1.1 already had. One table serves both versions: a 1.1 sensor that
sends a type only 1.2 defines is accepted, because its meaning is the same.
"""

CALIPER_CONTEXTS = {
    "http://purl.imsglobal.org/ctx/caliper/v1p1": "1.1",
    "https://purl.imsglobal.org/ctx/caliper/v1p1": "1.1",
    "http://purl.imsglobal.org/ctx/caliper/v1p2": "1.2",
    "https://purl.imsglobal.org/ctx/caliper/v1p2": "1.2",
}

COMPLETION_TYPE = "AssignableEvent"
COMPLETION_ACTION = "Completed"

ACTIONS_BY_TYPE: dict[str, frozenset[str]] = {
    name: frozenset(actions.split())
    for name, actions in {
        "AnnotationEvent": "Bookmarked Highlighted Shared Tagged",
        "AssessmentEvent": "Started Paused Resumed Restarted Reset Submitted",
        "AssessmentItemEvent": "Started Skipped Completed",
        "AssignableEvent": "Activated Deactivated Started Completed Submitted Reviewed",
        "FeedbackEvent": "Commented Ranked",
        "ForumEvent": "Subscribed Unsubscribed",
        "GradeEvent": "Graded",
        "MediaEvent": "Started Ended Paused Resumed Restarted ForwardedTo JumpedTo "
        "ChangedResolution ChangedSize ChangedSpeed ChangedVolume EnabledClosedCaptioning "
        "DisabledClosedCaptioning EnteredFullScreen ExitedFullScreen Muted Unmuted "
        "OpenedPopout ClosedPopout",
        # 1.1 spells it MarkedAsUnRead; some 1.2 sensors write MarkedAsUnread.
        "MessageEvent": "Posted MarkedAsRead MarkedAsUnRead MarkedAsUnread",
        "NavigationEvent": "NavigatedTo",
        "QuestionnaireEvent": "Started Submitted",
        "QuestionnaireItemEvent": "Started Skipped Completed",
        "ResourceManagementEvent": "Archived Copied Created Deleted Described Downloaded "
        "Modified Printed Published Restored Retrieved Saved Unarchived Unpublished Uploaded",
        "SearchEvent": "Searched",
        "SessionEvent": "LoggedIn LoggedOut TimedOut",
        "SurveyEvent": "OptedIn OptedOut",
        "SurveyInvitationEvent": "Accepted Declined Sent",
        "ThreadEvent": "MarkedAsRead MarkedAsUnRead MarkedAsUnread",
        "ToolLaunchEvent": "Launched Returned",
        "ToolUseEvent": "Used",
        "ViewEvent": "Viewed",
    }.items()
}

# The generic `Event` may carry any action of the Caliper 1.2 vocabulary (§3.2),
# including ones no subtype uses (and the library profile's).
_OTHER_ACTIONS = (
    "Abandoned Accessed Added Attached Attended Borrowed Classified Disliked Hid Identified "
    "Liked Linked Questioned Recommended Removed Showed"
)
ALL_ACTIONS: frozenset[str] = frozenset(_OTHER_ACTIONS.split()).union(*ACTIONS_BY_TYPE.values())

# Entity-valued event properties: each is an IRI string or an object with an `id`.
ENTITY_PROPERTIES = (
    "actor",
    "object",
    "edApp",
    "generated",
    "target",
    "referrer",
    "group",
    "membership",
    "session",
    "federatedSession",
)
