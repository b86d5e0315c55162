import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { chromium, type Browser, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSpec, operations, repoPath, resolveRef, type Operation } from "../support/spec.js";

const run = promisify(execFile);
const spec = loadSpec();
const ops = operations(spec);
// The resource Losant retired: its tag's description starts by saying so.
const retiredTag = spec.tags.find((tag) => tag.description?.startsWith("Deprecated"))?.name;
const executablePath = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const pageUrl = pathToFileURL(repoPath("build/docs/index.html")).href;
// Redoc routes one operation per hash: the tag's name as a slug, then the operationId in lower case.
const routeOf = (op: Operation) =>
  `${(op.tags[0] ?? "").toLowerCase().replace(/\s+/g, "-")}/${op.operationId.toLowerCase()}`;
// Redoc's telemetry batches its traces and sends them after a few seconds, or at once when the page is
// hidden; the test hides the page after the last visit and waits this long for anything to go out.
const TELEMETRY_GRACE_MS = 1_500;

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
    outsideRequests.push(`${route.request().method()} ${url}`);
    return route.abort("internetdisconnected");
  });
  page = await context.newPage();
  // A request the page's own Content-Security-Policy stops never reaches the network: count it too.
  await page.exposeFunction("reportBlockedRequest", (url: string) => outsideRequests.push(`blocked by CSP: ${url}`));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { reportBlockedRequest(url: string): void }).reportBlockedRequest(event.blockedURI);
    });
  });
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
  await page.goto(pageUrl, { waitUntil: "load" });
  await page.getByText(spec.info.title, { exact: true }).first().waitFor();
});

afterAll(async () => {
  await browser?.close();
});

/** Opens an operation's page and returns its section once the request part is rendered. */
async function visit(op: Operation): Promise<Locator> {
  const id = routeOf(op);
  await page.goto(`${pageUrl}#/${id}`);
  const section = page.locator(`[data-section-id="/${id}"]`);
  await section.locator(`[id="${id}/request"]`).waitFor();
  return section;
}

/** Shows the sample in the given language; Redoc remembers the choice for every operation. */
async function chooseSample(section: Locator, label: "TypeScript" | "curl"): Promise<void> {
  await section
    .locator('[data-component-name="Dropdown/Dropdown"]')
    .filter({ hasText: /^(TypeScript|curl)$/ })
    .first()
    .locator("button")
    .click();
  await page.locator('[data-component-name="Dropdown/DropdownMenuItem"]').filter({ hasText: label }).first().click();
  await section
    .locator('pre[data-component-name="CodeBlock/CodeBlockContainer"]')
    .first()
    .filter({ hasText: label === "curl" ? /^curl / : /^import / })
    .waitFor();
}

/** What the code blocks of a section look like: overflow, wrapped lines, lines under the copy button. */
function measureCodeBlocks(section: Locator) {
  return section.locator('pre[data-component-name="CodeBlock/CodeBlockContainer"]').evaluateAll((blocks) =>
    blocks
      .filter((block) => block.getBoundingClientRect().width > 0)
      .map((block) => {
        const lines = Array.from(block.querySelectorAll(".th-line"));
        const copy = block
          .closest('[data-component-name="CodeBlock/CodeBlock"]')
          ?.querySelector('[data-component-name="Buttons/CopyButton"]');
        const button = copy?.getBoundingClientRect();
        const underButton = lines
          .filter((line) => {
            const box = line.getBoundingClientRect();
            return (
              button && box.width > 0 && box.top < button.bottom && box.bottom > button.top && box.right > button.left
            );
          })
          .map((line) => line.textContent);
        return {
          start: (block.textContent ?? "").slice(0, 40),
          scrollWidth: block.scrollWidth,
          clientWidth: block.clientWidth,
          hasCopyButton: Boolean(button),
          underButton,
          // A line that wraps has boxes on more than one row.
          wrappedLines: lines
            .filter((line) => new Set(Array.from(line.getClientRects(), (box) => Math.round(box.top))).size > 1)
            .map((line) => line.textContent),
        };
      }),
  );
}

describe("the rendered docs, offline in Chromium", () => {
  it("show the resources as groups in the navigation, one per tag, in the spec's order", async () => {
    const groups = await page
      .locator('[data-component-name="Menu/MenuItem"].menu-item-type-group')
      .evaluateAll((items) => items.map((item) => item.querySelector("span, a, div")?.textContent?.trim() ?? ""));
    expect(groups.map((text) => spec.tags.find((tag) => text.startsWith(tag.name))?.name)).toEqual(
      spec.tags.map((tag) => tag.name),
    );
  });

  it.each(ops)(
    "show %s %s with its request and response schemas and its TypeScript sample",
    async (_method, _path, op) => {
      const id = routeOf(op);
      const section = await visit(op);
      const heading = section.getByRole("heading", { name: op.summary }).first();
      await expect(heading.isVisible()).resolves.toBe(true);
      // The retired resource's operations carry Redoc's "Deprecated" badge under their title; no other does.
      await expect(section.getByText(/^deprecated$/i).count()).resolves.toBe(op.tags[0] === retiredTag ? 1 : 0);

      const bodyRef = op.requestBody?.content["application/json"]?.schema.$ref;
      if (bodyRef) {
        const { properties = {} } = resolveRef<{ properties?: object }>(spec, bodyRef);
        for (const name of Object.keys(properties)) {
          await expect(
            section.locator(`[id="${id}/t=request&path=${name.toLowerCase()}"]`).count(),
            `${op.operationId} request ${name}`,
          ).resolves.toBe(1);
        }
      }
      const [status, ok] = Object.entries(op.responses).find(([code]) => code.startsWith("2")) ?? [];
      const { properties } = resolveRef<{ properties: object }>(
        spec,
        ok?.content?.["application/json"]?.schema.$ref ?? "",
      );
      for (const name of Object.keys(properties)) {
        await expect(
          section.locator(`[id="${id}/t=response&c=${status}&path=${name.toLowerCase()}"]`).count(),
          `${op.operationId} response ${name}`,
        ).resolves.toBe(1);
      }
      for (const code of Object.keys(op.responses))
        await expect(section.getByText(code, { exact: true }).count()).resolves.toBeGreaterThan(0);

      const sample = op["x-codeSamples"]?.find(({ lang }) => lang === "TypeScript")?.source ?? "";
      const lines = sample
        .split("\n")
        .filter((text) => text.trim())
        .map((line) => line.trim().replace(/\s+/g, " "));
      // Redoc may render the section again while the page settles, and it is empty meanwhile: read until
      // the sample's first line shows, then hold every line to that text.
      // biome-ignore lint/performance/useDomNodeTextContent: Playwright's locator method, which reads the rendered text.
      const shownText = async () => (await section.innerText()).replace(/\s+/g, " ");
      await expect.poll(shownText, { timeout: 10_000 }).toContain(lines[0] ?? "");
      const shown = await shownText();
      for (const line of lines) expect(shown, `${op.operationId} TypeScript sample`).toContain(line);
    },
  );

  it.each(ops)(
    "show every sample of %s %s whole, without scrolling sideways, clear of the copy button",
    async (_method, _path, op) => {
      const section = await visit(op);
      await chooseSample(section, "TypeScript");
      const typescript = await measureCodeBlocks(section);
      // The TypeScript sample comes first; then the response examples.
      expect(typescript[0]?.start).toMatch(/^import /);
      for (const block of typescript) {
        expect(block.scrollWidth, `${op.operationId}: ${block.start}`).toBeLessThanOrEqual(block.clientWidth);
        expect(block.underButton, `${op.operationId}: ${block.start}`).toEqual([]);
      }
      expect(typescript[0]?.hasCopyButton).toBe(true);
      // The TypeScript lines are short enough not to wrap at all: one row each.
      expect(typescript[0]?.wrappedLines).toEqual([]);

      await chooseSample(section, "curl");
      const [curl] = await measureCodeBlocks(section);
      expect(curl?.start).toMatch(/^curl /);
      expect(curl?.scrollWidth, `${op.operationId} curl`).toBeLessThanOrEqual(curl?.clientWidth ?? 0);
      expect(curl?.underButton, `${op.operationId} curl`).toEqual([]);
    },
  );

  it('shows the "API docs by" badge with its logo, drawn into the page', async () => {
    const logo = page.locator('a[href="https://redocly.com/redoc/"]', { hasText: "API docs by" }).locator("img");
    await logo.waitFor();
    await expect(logo.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).resolves.toBe(
      true,
    );
  });

  it("has no broken image: every image has loaded, from the page itself", async () => {
    const images = await page.locator("img").evaluateAll((all) =>
      (all as HTMLImageElement[]).map((image) => ({
        src: image.src.slice(0, 30),
        complete: image.complete,
        width: image.naturalWidth,
      })),
    );
    for (const image of images) {
      expect(image.complete, image.src).toBe(true);
      expect(image.width, image.src).toBeGreaterThan(0);
      expect(image.src).toMatch(/^data:/);
    }
  });

  it("saves a screenshot to build/docs/", async () => {
    const create = ops.find(([, , op]) => op.operationId === "createUserToken")?.[2];
    if (!create) throw new Error("no createUserToken operation");
    const section = await visit(create);
    await chooseSample(section, "TypeScript");
    // Let the navigation finish unfolding the operation's group.
    await page.waitForTimeout(500);
    const png = await page.screenshot({ path: repoPath("build/docs/screenshot.png") });
    expect(png.subarray(1, 4).toString()).toBe("PNG");
  });

  it("sends no request anywhere outside the page, not even once the reader leaves", async () => {
    // Leaving (the page hidden) is when telemetry flushes what it has batched.
    await page.evaluate(() => {
      Object.defineProperty(document, "visibilityState", { value: "hidden", configurable: true });
      document.dispatchEvent(new Event("visibilitychange"));
      window.dispatchEvent(new Event("pagehide"));
    });
    await page.waitForTimeout(TELEMETRY_GRACE_MS);
    expect(outsideRequests).toEqual([]);
  });

  it("logs no error to the console", () => {
    expect(consoleErrors).toEqual([]);
  });
});
