import { afterAll, describe, it } from "vitest";
import { startFakeServer } from "../scripts/fake.mjs";
import { specChecked } from "./support/fake-answers.js";
import { runScenario, tickingFake } from "./support/fake-scenario.js";

const { checked } = specChecked();
const servers: { close: () => Promise<void> }[] = [];
afterAll(() => Promise.all(servers.map((server) => server.close())));

describe("the scenario: create, get, list with sort, filter and paging, update, delete, then get is 404", () => {
  it("passes against the fake in-process, through a facade's fetch option", async () => {
    const fake = tickingFake();
    await runScenario({ fetch: checked(fake.fetch) });
  });

  it("passes against the fake over HTTP, as `npm run fake` serves it", async () => {
    const server = await startFakeServer({ fake: tickingFake(), port: 0 });
    servers.push(server);
    await runScenario({ baseUrl: server.url, fetch: checked((request) => fetch(request)) });
  });
});
