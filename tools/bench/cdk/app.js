// The benchmarks' CDK peer: the weather stack and the scale workload with AWS CDK v2, in
// the shapes of examples/weather_stack.rs and examples/scale/stack.rs (BENCHMARKS.md).
//
//   npm ci                   # once: aws-cdk-lib and constructs, pinned in package-lock.json
//   node app.js weather      # synthesises into a temporary cloud assembly, prints the template
//   node app.js scale 200
//
// Plain JavaScript (no TypeScript compile in the measured path); CDK's default synth
// validation runs.
"use strict";

const fs = require("fs");
const os = require("os");
const path = require("path");
const cdk = require("aws-cdk-lib");
const cognito = require("aws-cdk-lib/aws-cognito");
const apigateway = require("aws-cdk-lib/aws-apigateway");

function mockOperation(operationId, scope, body) {
  return {
    operationId,
    responses: {
      200: {
        description: "200 response",
        headers: { "Content-Type": { schema: { type: "string" } } },
      },
    },
    security: [{ CognitoAuthorizer: [scope] }],
    "x-amazon-apigateway-integration": {
      type: "mock",
      requestTemplates: { "application/json": '{"statusCode": 200}' },
      passthroughBehavior: "when_no_match",
      responses: {
        default: {
          statusCode: "200",
          responseParameters: {
            "method.response.header.Content-Type": "'application/json'",
          },
          responseTemplates: { "application/json": body },
        },
      },
    },
  };
}

function build(stack, { poolName, servers, clientServers, title, paths, stageName }) {
  const pool = new cognito.UserPool(stack, "CognitoUserPool", {
    userPoolName: poolName,
    signInAliases: { email: true },
    signInCaseSensitive: false,
    removalPolicy: cdk.RemovalPolicy.DESTROY,
  });
  const scopes = [];
  for (const s of servers) {
    const defined = s.scopes.map(([name, description]) => new cognito.ResourceServerScope({ scopeName: name, scopeDescription: description }));
    const server = pool.addResourceServer(s.id, { identifier: s.identifier, userPoolResourceServerName: s.name, scopes: defined });
    scopes.push([server, defined]);
  }
  const allowed = [];
  for (const [server, defined] of scopes.slice(0, clientServers)) {
    allowed.push(cognito.OAuthScope.resourceServer(server, defined[0]), cognito.OAuthScope.resourceServer(server, defined[1]));
  }
  const client = pool.addClient("CognitoUserPoolServiceClient", {
    generateSecret: true,
    authFlows: {},
    oAuth: { flows: { clientCredentials: true }, scopes: allowed },
    accessTokenValidity: cdk.Duration.minutes(60),
  });
  const suffix = cdk.Fn.select(4, cdk.Fn.split("-", cdk.Fn.select(2, cdk.Fn.split("/", cdk.Aws.STACK_ID))));
  const domain = pool.addDomain("UserPoolDomain", {
    cognitoDomain: { domainPrefix: cdk.Fn.join("-", [cdk.Aws.STACK_NAME, suffix]) },
  });
  const body = {
    openapi: "3.0.1",
    info: { title, version: "1.0.0" },
    paths,
    components: {
      securitySchemes: {
        CognitoAuthorizer: {
          type: "apiKey",
          name: "Authorization",
          in: "header",
          "x-amazon-apigateway-authtype": "cognito_user_pools",
          "x-amazon-apigateway-authorizer": { type: "cognito_user_pools", providerARNs: [pool.userPoolArn] },
        },
      },
    },
  };
  const api = new apigateway.SpecRestApi(stack, "WeatherEventsRestApi", {
    apiDefinition: apigateway.ApiDefinition.fromInline(body),
    endpointTypes: [apigateway.EndpointType.REGIONAL],
    failOnWarnings: true,
    mode: apigateway.RestApiMode.OVERWRITE,
    deployOptions: { stageName },
  });
  new cdk.CfnOutput(stack, "ApiUrl", { value: api.url });
  new cdk.CfnOutput(stack, "TokenUrl", { value: `https://${domain.domainName}.auth.${cdk.Aws.REGION}.amazoncognito.com/oauth2/token` });
  new cdk.CfnOutput(stack, "UserPoolId", { value: pool.userPoolId });
  new cdk.CfnOutput(stack, "UserPoolClientId", { value: client.userPoolClientId });
}

function weather(stack) {
  const events = JSON.stringify({
    events: [
      { name: "Storms Dudley, Eunice and Franklin", dateStart: "2022-02-16", dateEnd: "2022-02-21" },
      { name: "Storms Malik and Corrie", dateStart: "2022-01-29", dateEnd: "2022-01-31" },
    ],
  });
  build(stack, {
    poolName: "weather-events-api-cognito-user-pool",
    servers: [{
      id: "UserPoolResourceServer",
      identifier: "weather-api",
      name: "Weather API Resource Server",
      scopes: [["post", "Create weather events"], ["get", "Retrieve weather events"], ["delete", "Delete a weather event"]],
    }],
    clientServers: 1,
    title: "Weather Events REST API",
    paths: {
      "/": {
        post: mockOperation("add_weather", "weather-api/post", '{"message": "success"}'),
        get: mockOperation("list_weather", "weather-api/get", events),
      },
    },
    stageName: "weather",
  });
}

function scale(stack, n) {
  const servers = [];
  const paths = {};
  for (let i = 0; i < n; i++) {
    servers.push({
      id: `ResourceServer${i}`,
      identifier: `api${i}`,
      name: `API ${i} resource server`,
      scopes: [["read", `Read items of API ${i}`], ["write", `Write items of API ${i}`], ["delete", `Delete items of API ${i}`]],
    });
    paths[`/items${i}`] = {
      get: mockOperation(`list_items${i}`, `api${i}/read`, '{"items": []}'),
      post: mockOperation(`add_item${i}`, `api${i}/write`, '{"message": "success"}'),
    };
  }
  build(stack, { poolName: "scale-user-pool", servers, clientServers: 25, title: "Scale REST API", paths, stageName: "prod" });
}

function main() {
  const [what, n] = process.argv.slice(2);
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cfnkit-bench-cdk-"));
  try {
    const app = new cdk.App({ outdir });
    const stack = new cdk.Stack(app, what === "scale" ? "scale" : "weather");
    if (what === "weather") weather(stack);
    else if (what === "scale") scale(stack, Number(n || 100));
    else {
      console.error("usage: node app.js weather | scale N");
      process.exit(2);
    }
    const assembly = app.synth();
    const template = assembly.getStackByName(stack.stackName).template;
    process.stdout.write(JSON.stringify(template, null, 2) + "\n");
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

main();
