import { describe, expect, it } from "vitest";
import { createAccessTokensClient, createUserTokensApi, LosantApiError, type ClientOptions } from "../src/index.js";
import { createFakeLosant } from "../src/fake/index.js";
import { SECRET_MIN_LENGTH } from "../src/core/redact.js";
import { rejection, serve } from "./support/fault-server.js";

// Redaction's rule: a token shorter than SECRET_MIN_LENGTH is a stand-in, not a secret, and no answer is
// ever changed for it. Losant's tokens are JWTs; test/redaction.test.ts holds the leak checks for one.
const STAND_INS = ["t", "any", "test-token", "consumer-token", "x".repeat(SECRET_MIN_LENGTH - 1)];
const ID = "575ec8687ae143cd83dc4a97";

/** Error bodies that hold every stand-in, in keys and values, laid out as no serialiser would (byte for byte). */
const errorBodies: [status: number, body: string][] = [
  [404, '{"type":"NotFound","message":"API Token was not found"}'],
  [
    400,
    '{ "type" : "Validation",\n  "message": "any t: test-token is not a valid consumer-token xxxxxxxxxxxxxxx",\n  "test-token": {"t": ["any"]} }',
  ],
  [401, '{"type":"Unauthorized","message":"Invalid \\u0074oken t","xxxxxxxxxxxxxxx":1.50}'],
];

const options = (token: string, url: string): ClientOptions => ({ token, baseUrl: url, retries: 0, timeoutMs: 2_000 });

describe("a stand-in token shorter than a secret", () => {
  it.each(STAND_INS)(
    "%j leaves every API error body as sent: keys, values and bytes, in both styles",
    async (token) => {
      for (const [status, sent] of errorBodies) {
        const { url } = await serve((_request, response) =>
          response.writeHead(status, { "content-type": "application/json" }).end(sent),
        );
        const expected = JSON.parse(sent) as { type: string; message: string };

        const error = await rejection(createUserTokensApi(options(token, url)).get(ID));
        expect(error).toBeInstanceOf(LosantApiError);
        expect(error).toMatchObject({ status, type: expected.type, apiMessage: expected.message, body: expected });

        const client = createAccessTokensClient(options(token, url));
        let bytes = "";
        client.use({ onResponse: async ({ response }) => void (bytes = await response.clone().text()) });
        const answer = await client.GET("/me/tokens/{apiTokenId}", { params: { path: { apiTokenId: ID } } });
        expect(answer.error).toEqual(expected);
        expect(bytes).toBe(sent);
      }
    },
  );

  it.each(STAND_INS)("%j leaves an error page that is not JSON, and a success body, as sent", async (token) => {
    const page = "<h1>502 any t test-token</h1>";
    const { url: pageUrl } = await serve((_request, response) =>
      response.writeHead(502, { "content-type": "text/html" }).end(page),
    );
    const error = await rejection(createUserTokensApi(options(token, pageUrl)).get(ID));
    expect(error).toMatchObject({ status: 502, body: page });
    expect(String((error as Error).message)).toContain(page);
    await expect(createAccessTokensClient(options(token, pageUrl)).GET("/me/tokens")).rejects.toMatchObject({
      status: 502,
      body: page,
    });

    const listed = '{"items":[{"name":"t any test-token","test-token":"t"}],"count":1,"totalCount":1}';
    const { url } = await serve((_request, response) =>
      response.writeHead(200, { "content-type": "application/json" }).end(listed),
    );
    expect(await createUserTokensApi(options(token, url)).list()).toEqual(JSON.parse(listed));
  });

  it.each(STAND_INS)("%j gets the fake's errors intact: type, message and body", async (token) => {
    const fake = createFakeLosant();
    const api = createUserTokensApi({ token, fetch: fake.fetch });
    await expect(api.get(ID)).rejects.toMatchObject({
      status: 404,
      type: "NotFound",
      apiMessage: "API Token was not found",
      body: { type: "NotFound", message: "API Token was not found" },
    });
    await expect(api.create({ name: "" })).rejects.toMatchObject({
      status: 400,
      type: "Validation",
      apiMessage: "body.name must NOT have fewer than 1 characters",
    });
    const { error } = await createAccessTokensClient({ token, fetch: fake.fetch }).GET("/me/tokens/{apiTokenId}", {
      params: { path: { apiTokenId: ID } },
    });
    expect(error).toEqual({ type: "NotFound", message: "API Token was not found" });
  });
});

describe("a token as long as a secret", () => {
  it(`is redacted from ${SECRET_MIN_LENGTH} characters on, in keys and values, in both styles`, async () => {
    const token = "k".repeat(SECRET_MIN_LENGTH);
    const { url } = await serve((_request, response) =>
      response
        .writeHead(401, { "content-type": "application/json" })
        .end(`{"type":"Unauthorized","message":"bad ${token}","${token}":"\\u006b${token.slice(1)}"}`),
    );
    const redacted = { type: "Unauthorized", message: "bad [REDACTED]", "[REDACTED]": "[REDACTED]" };
    await expect(rejection(createUserTokensApi(options(token, url)).list())).resolves.toMatchObject({
      apiMessage: "bad [REDACTED]",
      body: redacted,
    });
    const { error } = await createAccessTokensClient(options(token, url)).GET("/me/tokens");
    expect(error).toEqual(redacted);
  });
});
