"""OpenAPI schemas of the event endpoint: the envelope (loosely) and the summary."""

import marshmallow as ma

V1P2 = "http://purl.imsglobal.org/ctx/caliper/v1p2"

COMPLETED_EVENT_EXAMPLE = {
    "@context": V1P2,
    "id": "urn:uuid:3a648e68-f00d-4c08-aa59-8738e1884f2c",
    "type": "AssignableEvent",
    "profile": "AssignableProfile",
    "actor": {"id": "urn:uuid:9d7a5ecb-1ba4-4b4b-9a2e-7d84a4c0a5ef", "type": "Person"},
    "action": "Completed",
    "object": {
        "id": "urn:uuid:c4f3b8d6-5b1e-11e7-9a8e-0242ac110002",
        "type": "AssignableDigitalResource",
    },
    "eventTime": "2024-03-04T10:15:00.000Z",
    "edApp": "urn:uuid:5f0a8a5e-0f5f-4a39-9d1b-2b6b2ad3c1aa",
}
ENVELOPE_EXAMPLE = {
    "sensor": "https://example.edu/sensors/1",
    "sendTime": "2024-03-04T10:15:01.000Z",
    "dataVersion": V1P2,
    "data": [COMPLETED_EVENT_EXAMPLE],
}
SUMMARY_EXAMPLE = {
    "received": 1,
    "completionsRecorded": 1,
    "duplicates": 0,
    "acceptedNotCompletions": 0,
    "pending": 0,
    "dryRun": False,
}


class CaliperEnvelopeSchema(ma.Schema):
    """A Caliper 1.1/1.2 Sensor API envelope.

    The body may also be one event, or a JSON array of events. Events are
    checked by the service's own Caliper validator (every error is reported
    per event), so this schema only sketches the shape.
    """

    sensor = ma.fields.String(required=True, metadata={"description": "The sensor's IRI"})
    sendTime = ma.fields.String(required=True, metadata={"format": "date-time"})  # noqa: N815
    dataVersion = ma.fields.String(  # noqa: N815
        required=True,
        metadata={"enum": ["http://purl.imsglobal.org/ctx/caliper/v1p1", V1P2]},
    )
    data = ma.fields.List(
        ma.fields.Dict(),
        required=True,
        metadata={"description": "Caliper events (and entities the sensor describes)"},
    )


class CaliperEventSchema(ma.Schema):
    """A Caliper 1.1/1.2 event (a sketch: the service's validator has the last word)."""

    context = ma.fields.Raw(data_key="@context", metadata={"example": V1P2})
    id = ma.fields.String(required=True, metadata={"description": "urn:uuid:{uuid}"})
    type = ma.fields.String(required=True, metadata={"example": "AssignableEvent"})
    action = ma.fields.String(required=True, metadata={"example": "Completed"})
    actor = ma.fields.Raw(required=True, metadata={"description": "IRI, or object with id"})
    object = ma.fields.Raw(required=True, metadata={"description": "IRI, or object with id"})
    eventTime = ma.fields.String(required=True, metadata={"format": "date-time"})  # noqa: N815
    edApp = ma.fields.Raw(metadata={"description": "IRI, or object with id"})  # noqa: N815


class IngestSummarySchema(ma.Schema):
    """What the service did with a document (or, for /validate, would do).

    received = completionsRecorded + duplicates + acceptedNotCompletions.
    """

    received = ma.fields.Integer(
        required=True, metadata={"description": "Items in the document (events and entities)"}
    )
    completions_recorded = ma.fields.Integer(
        data_key="completionsRecorded",
        required=True,
        metadata={"description": "Completed AssignableEvents logged for the first time"},
    )
    duplicates = ma.fields.Integer(
        required=True,
        metadata={"description": "Completed events whose id was already logged (or repeated)"},
    )
    accepted_not_completions = ma.fields.Integer(
        data_key="acceptedNotCompletions",
        required=True,
        metadata={"description": "Valid events of other types or actions, and entities"},
    )
    pending = ma.fields.Integer(
        required=True,
        metadata={
            "description": "Completed events of this document still waiting for their "
            "person or item to be loaded"
        },
    )
    dry_run = ma.fields.Boolean(
        data_key="dryRun", required=True, metadata={"description": "True when nothing was written"}
    )
