"""The flask-smorest Api, with errors in the IMS envelope and its OpenAPI schema."""

import marshmallow as ma
from flask_smorest import Api as SmorestApi

from app import errors


class ImsCodeMinorFieldSchema(ma.Schema):
    imsx_codeMinorFieldName = ma.fields.String(
        required=True, metadata={"description": "The field at fault, or TargetEndSystem"}
    )
    imsx_codeMinorFieldValue = ma.fields.String(required=True, metadata={"example": "invaliddata"})


class ImsCodeMinorSchema(ma.Schema):
    imsx_codeMinorField = ma.fields.List(ma.fields.Nested(ImsCodeMinorFieldSchema), required=True)


class ImsErrorSchema(ma.Schema):
    """The IMS status envelope every error is answered with."""

    imsx_codeMajor = ma.fields.String(required=True, metadata={"example": "failure"})
    imsx_severity = ma.fields.String(required=True, metadata={"example": "error"})
    imsx_description = ma.fields.String(required=True)
    imsx_CodeMinor = ma.fields.Nested(ImsCodeMinorSchema, required=True)
    imsx_error_details = ma.fields.Raw(
        metadata={"description": "Per-item details, e.g. each rejected event"}
    )


class Api(SmorestApi):
    ERROR_SCHEMA = ImsErrorSchema

    def handle_http_exception(self, error):
        return errors.error_response(errors.from_http_exception(error))
