import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec, operations, repoPath, resolveRef } from "../support/spec.js";

const run = promisify(execFile);
const spec = loadSpec();
const executablePath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const pageUrl = pathToFileURL(repoPath("build/docs/index.html")).href;
// Redoc's attribution logo: the one outside request tolerated; Redoc hides it when it cannot load.
const isRedocLogo = (url: string) => /^https:\/\/cdn\.redoc\.ly\/redoc\/logo[\w-]*\.svg$/.test(url);

let browser: Browser;
let page: Page;
const outsideRequests: string[] = [];
const consoleErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(executablePath)) {
    throw new Error(
      `No Chromium at ${executablePath}. Install Debian's with \`apt-get update && apt-get install -y chromium\`, ` +
        "or point CHROMIUM_PATH at a Chromium or Chrome binary.",
    );
  }
  await run(process.execPath, [repoPath("scripts/docs.mjs")], { cwd: repoPath(".") });
  browser = await chromium.launch({
    executablePath,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // The network is cut: the page itself loads, every other request is recorded and refused.
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (url.split("#")[0] === pageUrl) return route.continue();
    outsideRequests.push(url);
    return route.abort("internetdisconnected");
  });
  page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error" && !isRedocLogo(message.location().url)) consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  await page.goto(pageUrl, { waitUntil: "load" });
  await page.getByText("Losant Access Tokens API", { exact: true }).first().waitFor();
});

afterAll(async () => {
  await browser?.close();
});

describe("the rendered docs, offline in Chromium", () => {
  it.each(operations(spec))("show %s %s with its request and response schemas and its TypeScript sample", async (_method, _path, op) => {
    const id = `access-tokens/${op.operationId.toLowerCase()}`;
    await page.goto(`${pageUrl}#/${id}`);
    const section = page.locator(`[data-section-id="/${id}"]`);
    await section.locator(`[id="${id}/request"]`).waitFor();
    await expect(section.getByText(op.summary, { exact: true }).first().isVisible()).resolves.toBe(true);

    const bodyRef = op.requestBody?.content["application/json"]?.schema.$ref;
    if (bodyRef) {
      const { properties } = resolveRef<{ properties: object }>(spec, bodyRef);
      for (const name of Object.keys(properties)) {
        await expect(section.locator(`[id="${id}/t=request&path=${name.toLowerCase()}"]`).count(), `${op.operationId} request ${name}`).resolves.toBe(1);
      }
    }
    const [status, ok] = Object.entries(op.responses).find(([code]) => code.startsWith("2")) ?? [];
    const { properties } = resolveRef<{ properties: object }>(spec, ok?.content?.["application/json"]?.schema.$ref ?? "");
    for (const name of Object.keys(properties)) {
      await expect(section.locator(`[id="${id}/t=response&c=${status}&path=${name.toLowerCase()}"]`).count(), `${op.operationId} response ${name}`).resolves.toBe(1);
    }
    for (const code of Object.keys(op.responses)) await expect(section.getByText(code, { exact: true }).count()).resolves.toBeGreaterThan(0);

    const shown = (await section.innerText()).replace(/\s+/g, " ");
    const sample = op["x-codeSamples"]?.find(({ lang }) => lang === "TypeScript")?.source ?? "";
    for (const line of sample.split("\n").filter((text) => text.trim())) {
      expect(shown, `${op.operationId} TypeScript sample`).toContain(line.trim().replace(/\s+/g, " "));
    }
  });

  it("sends no request outside the page but Redoc's logo", () => {
    expect(outsideRequests.filter((url) => !isRedocLogo(url))).toEqual([]);
  });

  it("logs no error to the console", () => {
    expect(consoleErrors).toEqual([]);
  });

  it("saves a screenshot to build/docs/", async () => {
    await page.goto(`${pageUrl}#/access-tokens/createaccesstoken`);
    await page.locator('[id="access-tokens/createaccesstoken/request"]').waitFor();
    const png = await page.screenshot({ path: repoPath("build/docs/screenshot.png") });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  });
});
