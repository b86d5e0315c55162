import { createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLosantClient, type LosantClient } from "./support/losant-rest.js";
import { prismUrl } from "./support/prism.js";
import { loadSpec, parameterExample } from "./support/spec.js";

const spec = loadSpec();
const applicationId = parameterExample(spec, "applicationId");
const apiTokenId = parameterExample(spec, "apiTokenId");

/** What Prism said of each request Losant's client sent: its `sl-violations` header, if any. */
const verdicts: { request: string; violations: string | null; status: number }[] = [];
let relay: ReturnType<typeof createServer>;
let client: LosantClient;

beforeAll(async () => {
  // A loopback relay in front of the suite's Prism (`npm run mock`'s server), keeping Prism's verdict on
  // each request: Losant's client uses its own axios, whose responses it does not hand back.
  const target = new URL(prismUrl);
  relay = createServer((incoming, outgoing) => {
    const upstream = forward(
      {
        host: target.hostname,
        port: target.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        verdicts.push({
          request: `${incoming.method} ${incoming.url}`,
          violations: answer.headers["sl-violations"]?.toString() ?? null,
          status: answer.statusCode ?? 0,
        });
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  client = createLosantClient("any-token", `http://127.0.0.1:${(relay.address() as AddressInfo).port}`);
});
afterAll(() => new Promise<void>((resolve) => relay.close(() => resolve())));

describe("Losant's own JavaScript client (losant-rest 2.8.1), unchanged, against `npm run mock`", () => {
  it("calls all ten API token operations, and Prism finds nothing wrong with any request", async () => {
    const body = { apiToken: { name: "From losant-rest", scope: ["all.User.read"] } };
    await client.userApiTokens.get({ sortField: "name", page: 0, perPage: 10, filterField: "name", filter: "ci*" });
    await client.userApiTokens.post(body);
    await client.userApiToken.get({ apiTokenId });
    await client.userApiToken.patch({ apiTokenId, apiToken: { status: "inactive" } });
    await client.userApiToken.delete({ apiTokenId });
    await client.applicationApiTokens.get({ applicationId });
    await client.applicationApiTokens.post({ applicationId, ...body });
    await client.applicationApiToken.get({ applicationId, apiTokenId });
    await client.applicationApiToken.patch({ applicationId, apiTokenId, apiToken: { description: "rotated" } });
    await client.applicationApiToken.delete({ applicationId, apiTokenId });
    expect(verdicts.map(({ request, violations }) => [request.split("?")[0], violations])).toEqual(
      [
        ["GET", "/me/tokens"],
        ["POST", "/me/tokens"],
        ["GET", `/me/tokens/${apiTokenId}`],
        ["PATCH", `/me/tokens/${apiTokenId}`],
        ["DELETE", `/me/tokens/${apiTokenId}`],
        ["GET", `/applications/${applicationId}/tokens`],
        ["POST", `/applications/${applicationId}/tokens`],
        ["GET", `/applications/${applicationId}/tokens/${apiTokenId}`],
        ["PATCH", `/applications/${applicationId}/tokens/${apiTokenId}`],
        ["DELETE", `/applications/${applicationId}/tokens/${apiTokenId}`],
      ].map(([method, path]) => [`${method} ${path}`, null]),
    );
    expect(verdicts.every(({ status }) => status < 300)).toBe(true);
  });

  it("pages through the mock's list and stops: the example's counts agree", async () => {
    const page = await client.userApiTokens.get({ page: 0, perPage: 100 });
    expect(page["count"]).toBe((page["items"] as unknown[]).length);
    expect(page["totalCount"]).toBeLessThanOrEqual(100);
  });
});
