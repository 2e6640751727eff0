# GET / of the weather API: the events, and the id of the app client whose access token
# called (API Gateway's Cognito authorizer passes the token's claims to the function).
# EVENTS is filled in by the weather library from its model (weather::model::sample_events).
import json

EVENTS = json.loads(__EVENTS__)


def handler(event, context):
    authorizer = (event.get("requestContext") or {}).get("authorizer") or {}
    claims = authorizer.get("claims") or {}
    return {
        "statusCode": 200,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps({"events": EVENTS, "clientId": claims.get("client_id")}),
    }
