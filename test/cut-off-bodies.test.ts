import type { ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import {
  createAccessTokensClient,
  createUserTokensApi,
  LosantApiError,
  LosantConnectionError,
  type ClientOptions,
} from "../src/index.js";
import { rejection, serve } from "./support/fault-server.js";
import { TOKEN } from "./support/clients.js";

// What docs/reliability.md and the README's Errors table say of a success body that does not arrive whole:
// cut off by the connection (fewer bytes than Content-Length) is a connection error; complete but not
// JSON (truncated by the server itself) is an API error.
const options = (url: string): ClientOptions => ({ token: TOKEN, baseUrl: url, retries: 0, timeoutMs: 2_000 });
const cutOff = (status: number) => (_request: unknown, response: ServerResponse) => {
  response.writeHead(status, { "content-type": "application/json", "content-length": "500" });
  response.write('{"id":"575ec74');
  setTimeout(() => response.socket?.destroy(), 10);
};
const connectionError = (status: number, mayHaveSucceeded: boolean) => ({
  name: "LosantConnectionError",
  reason: "network",
  status,
  mayHaveSucceeded,
});

describe("a success body cut off by the connection", () => {
  it("of a 201 to a create rejects with LosantConnectionError, status 201 and mayHaveSucceeded, in both styles", async () => {
    const { url, count } = await serve(cutOff(201));
    const facade = await rejection(createUserTokensApi(options(url)).create({ name: "cut off" }));
    expect(facade).toBeInstanceOf(LosantConnectionError);
    expect(facade).toMatchObject(connectionError(201, true));
    const typed = await rejection(
      createAccessTokensClient(options(url)).POST("/me/tokens", { body: { name: "cut off" } }),
    );
    expect(typed).toBeInstanceOf(LosantConnectionError);
    expect(typed).toMatchObject(connectionError(201, true));
    expect(count.POST).toBe(2);
  });

  it("of a 200 to a GET rejects with LosantConnectionError, status 200, in both styles", async () => {
    const { url } = await serve(cutOff(200));
    await expect(rejection(createUserTokensApi(options(url)).list())).resolves.toMatchObject(
      connectionError(200, false),
    );
    await expect(rejection(createAccessTokensClient(options(url)).GET("/me/tokens"))).resolves.toMatchObject(
      connectionError(200, false),
    );
  });
});

describe("a success body that arrives whole but is not JSON (truncated by the server)", () => {
  it("rejects with LosantApiError, in both styles, saying that the create may have taken effect", async () => {
    const sent = '{"id":"575ec74';
    const { url } = await serve((_request, response) =>
      response.writeHead(201, { "content-type": "application/json" }).end(sent),
    );
    const facade = await rejection(createUserTokensApi(options(url)).create({ name: "truncated" }));
    expect(facade).toBeInstanceOf(LosantApiError);
    expect(facade).toMatchObject({ status: 201, body: sent, mayHaveSucceeded: true });
    await expect(
      rejection(createAccessTokensClient(options(url)).POST("/me/tokens", { body: { name: "truncated" } })),
    ).resolves.toBeInstanceOf(LosantApiError);
  });
});
