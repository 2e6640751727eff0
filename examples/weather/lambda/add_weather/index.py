# POST / of the weather API: checks the body against the WeatherEvent model and answers
# success, or 400 saying what is wrong. Deployed as a code asset (this directory, zipped).
# REQUIRED and DATES are the model's required and `format: date` fields: a test of the
# weather library checks them against the model's schema.
import datetime
import json

REQUIRED = ["name", "dateStart", "dateEnd"]
DATES = ["dateStart", "dateEnd"]


def answer(status, message):
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"message": message}),
    }


def handler(event, context):
    try:
        body = json.loads(event.get("body") or "")
    except ValueError:
        return answer(400, "the body is not JSON")
    if not isinstance(body, dict):
        return answer(400, "the body is not a JSON object")
    for field in REQUIRED:
        if not isinstance(body.get(field), str) or not body[field]:
            return answer(400, "%s is required (a non-empty string)" % field)
    for field in DATES:
        try:
            datetime.date.fromisoformat(body[field])
        except (KeyError, ValueError):
            return answer(400, "%s is not a date (YYYY-MM-DD)" % field)
    return answer(200, "success")
