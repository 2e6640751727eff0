"""The benchmarks' peer: the weather stack and the scale workload with troposphere.

    python tools/bench/troposphere_stacks.py weather      # the weather template (JSON)
    python tools/bench/troposphere_stacks.py scale 200    # the scale workload, N = 200

The same shapes as examples/weather_stack.rs and examples/scale/stack.rs: the same
resources, OpenAPI Body (mock integrations, Cognito authorizer, per-operation scopes) and
outputs, the deployment's logical id carrying a hash of the Body, pretty JSON (2-space)
on stdout. troposphere validates property types as they are set and required properties
when the template is written; the cross-resource checks cfnkit runs have no equivalent.
"""

import hashlib
import json
import sys

from troposphere import GetAtt, Join, Output, Ref, Select, Split, Sub, Template
from troposphere.apigateway import (
    Deployment,
    EndpointConfiguration,
    RestApi,
    Stage,
)
from troposphere.cognito import (
    ResourceServerScopeType,
    TokenValidityUnits,
    UserPool,
    UserPoolClient,
    UserPoolDomain,
    UserPoolResourceServer,
    UsernameConfiguration,
)


def mock_operation(operation_id, scope, body):
    return {
        "operationId": operation_id,
        "responses": {
            "200": {
                "description": "200 response",
                "headers": {"Content-Type": {"schema": {"type": "string"}}},
            }
        },
        "security": [{"CognitoAuthorizer": [scope]}],
        "x-amazon-apigateway-integration": {
            "type": "mock",
            "requestTemplates": {"application/json": '{"statusCode": 200}'},
            "passthroughBehavior": "when_no_match",
            "responses": {
                "default": {
                    "statusCode": "200",
                    "responseParameters": {
                        "method.response.header.Content-Type": "'application/json'"
                    },
                    "responseTemplates": {"application/json": body},
                }
            },
        },
    }


def security_scheme(pool):
    return {
        "CognitoAuthorizer": {
            "type": "apiKey",
            "name": "Authorization",
            "in": "header",
            "x-amazon-apigateway-authtype": "cognito_user_pools",
            "x-amazon-apigateway-authorizer": {
                "type": "cognito_user_pools",
                "providerARNs": [GetAtt(pool, "Arn")],
            },
        }
    }


def body_hash(body):
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), default=lambda o: o.to_dict())
    return hashlib.sha256(text.encode()).hexdigest()[:10]


def stack(t, pool_name, servers, client_scopes, title, paths, stage_name, schemas=None):
    pool = t.add_resource(
        UserPool(
            "CognitoUserPool",
            UserPoolName=pool_name,
            UsernameAttributes=["email"],
            UsernameConfiguration=UsernameConfiguration(CaseSensitive=False),
        )
    )
    server_resources = []
    for logical_id, identifier, name, scopes in servers:
        server_resources.append(
            t.add_resource(
                UserPoolResourceServer(
                    logical_id,
                    Identifier=identifier,
                    Name=name,
                    Scopes=[
                        ResourceServerScopeType(ScopeName=s, ScopeDescription=d)
                        for s, d in scopes
                    ],
                    UserPoolId=Ref(pool),
                )
            )
        )
    client = t.add_resource(
        UserPoolClient(
            "CognitoUserPoolServiceClient",
            DependsOn=[r.title for r in server_resources],
            AccessTokenValidity=60,
            AllowedOAuthFlows=["client_credentials"],
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthScopes=client_scopes,
            ExplicitAuthFlows=[],
            GenerateSecret=True,
            TokenValidityUnits=TokenValidityUnits(AccessToken="minutes"),
            UserPoolId=Ref(pool),
        )
    )
    stack_suffix = Select(4, Split("-", Select(2, Split("/", Ref("AWS::StackId")))))
    domain = t.add_resource(
        UserPoolDomain(
            "UserPoolDomain",
            Domain=Join("-", [Ref("AWS::StackName"), stack_suffix]),
            UserPoolId=Ref(pool),
        )
    )
    body = {
        "openapi": "3.0.1",
        "info": {"title": title, "version": "1.0.0"},
        "paths": paths,
        "components": {"securitySchemes": security_scheme(pool)},
    }
    if schemas:
        body["components"] = {"schemas": schemas, **body["components"]}
    api = t.add_resource(
        RestApi(
            "WeatherEventsRestApi",
            Body=body,
            EndpointConfiguration=EndpointConfiguration(Types=["REGIONAL"]),
            FailOnWarnings=True,
            Mode="overwrite",
        )
    )
    deployment = t.add_resource(
        Deployment(
            "ApiGatewayDeployment" + body_hash(body),
            Description=title,
            RestApiId=Ref(api),
        )
    )
    stage = t.add_resource(
        Stage(
            "ApiGatewayStage",
            DeploymentId=Ref(deployment),
            RestApiId=Ref(api),
            StageName=stage_name,
        )
    )
    t.add_output(
        [
            Output(
                "ApiUrl",
                Value=Sub(
                    "https://${WeatherEventsRestApi}.execute-api.${AWS::Region}.${AWS::URLSuffix}/${ApiGatewayStage}/"
                ),
            ),
            Output(
                "TokenUrl",
                Value=Sub(
                    "https://${UserPoolDomain}.auth.${AWS::Region}.amazoncognito.com/oauth2/token"
                ),
            ),
            Output("UserPoolId", Value=Ref(pool)),
            Output("UserPoolClientId", Value=Ref(client)),
        ]
    )
    del domain, stage
    return t


def weather():
    t = Template()
    t.set_version("2010-09-09")
    t.set_description(
        "Weather Events REST API secured by a Cognito user pool authorizer, for backend "
        "services using the OAuth 2.0 client-credentials flow with custom scopes."
    )
    events = json.dumps(
        {
            "events": [
                {"name": "Storms Dudley, Eunice and Franklin", "dateStart": "2022-02-16", "dateEnd": "2022-02-21"},
                {"name": "Storms Malik and Corrie", "dateStart": "2022-01-29", "dateEnd": "2022-01-31"},
            ]
        },
        separators=(",", ":"),
    )
    post = mock_operation("add_weather", "weather-api/post", '{"message": "success"}')
    post["summary"] = "Add a weather event"
    post["requestBody"] = {
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/WeatherEvent"}}},
        "required": True,
    }
    get = mock_operation("list_weather", "weather-api/get", events)
    get["summary"] = "List weather events"
    get["responses"]["200"]["content"] = {
        "application/json": {"schema": {"$ref": "#/components/schemas/WeatherEvents"}}
    }
    paths = {"/": {"post": post, "get": get}}
    day = {"type": "string", "format": "date"}
    schemas = {
        "WeatherEvent": {
            "type": "object",
            "properties": {
                "name": {"type": "string", "description": 'What the event is called, e.g. "Storms Malik and Corrie".'},
                "dateStart": {**day, "description": "The first day (ISO 8601 date)."},
                "dateEnd": {**day, "description": "The last day (ISO 8601 date)."},
            },
            "required": ["name", "dateStart", "dateEnd"],
            "description": "A named weather event over a range of days.",
        },
        "WeatherEvents": {
            "type": "object",
            "properties": {
                "events": {
                    "type": "array",
                    "items": {"$ref": "#/components/schemas/WeatherEvent"},
                    "description": "The events, newest first.",
                }
            },
            "required": ["events"],
            "description": "The GET response: every weather event.",
        },
    }
    servers = [
        (
            "UserPoolResourceServer",
            "weather-api",
            "Weather API Resource Server",
            [
                ("post", "Create weather events"),
                ("get", "Retrieve weather events"),
                ("delete", "Delete a weather event"),
            ],
        )
    ]
    return stack(
        t,
        "weather-events-api-cognito-user-pool",
        servers,
        ["weather-api/post", "weather-api/get"],
        "Weather Events REST API",
        paths,
        "weather",
        schemas,
    )


def scale(n):
    t = Template()
    t.set_version("2010-09-09")
    t.set_description("cfnkit scale benchmark: N paths, N resource servers, one client")
    servers = [
        (
            f"ResourceServer{i}",
            f"api{i}",
            f"API {i} resource server",
            [
                ("read", f"Read items of API {i}"),
                ("write", f"Write items of API {i}"),
                ("delete", f"Delete items of API {i}"),
            ],
        )
        for i in range(n)
    ]
    client_scopes = [s for i in range(min(n, 25)) for s in (f"api{i}/read", f"api{i}/write")]
    paths = {
        f"/items{i}": {
            "get": mock_operation(f"list_items{i}", f"api{i}/read", '{"items": []}'),
            "post": mock_operation(f"add_item{i}", f"api{i}/write", '{"message": "success"}'),
        }
        for i in range(n)
    }
    return stack(t, "scale-user-pool", servers, client_scopes, "Scale REST API", paths, "prod")


def main(argv):
    if argv[1:2] == ["weather"]:
        t = weather()
    elif argv[1:2] == ["scale"]:
        t = scale(int(argv[2]) if len(argv) > 2 else 100)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    sys.stdout.write(t.to_json())
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
