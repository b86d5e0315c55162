import { spawn } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { freePort } from "./support/ports.js";
import { repoPath } from "./support/spec.js";

interface Process {
  pid: number;
  ppid: number;
  args: string;
}

/** A process as /proc shows it, or undefined once it has ended (a zombie runs nothing and holds no port). */
async function inspect(pid: number): Promise<Process | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    // The command name before these fields is in parentheses and may hold spaces.
    const [state, ppid] = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    if (state === "Z") return undefined;
    const args = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0").join(" ").trim();
    return { pid, ppid: Number(ppid), args };
  } catch {
    return undefined;
  }
}

async function processTable(): Promise<Process[]> {
  const pids = (await readdir("/proc")).filter((name) => /^\d+$/.test(name)).map(Number);
  return (await Promise.all(pids.map(inspect))).filter((process) => process !== undefined);
}

/** A process and everything it started, and what they started, root first. */
function descendants(table: Process[], root: number): Process[] {
  const chain = table.filter((process) => process.pid === root);
  for (const member of chain) chain.push(...table.filter((process) => process.ppid === member.pid));
  return chain;
}

/** A Node process running `script` (not a shell whose command line names it). */
const node = (script: string) => (args: string) => /^(\S*\/)?node /.test(args) && args.includes(script);
const roles = {
  npm: (args: string) => args.startsWith("npm run"),
  mock: node("scripts/mock.mjs"),
  Prism: node("prism-cli/dist/index.js"),
  docs: node("scripts/docs.mjs"),
};
type Role = keyof typeof roles;

/** Starts `npm run <script>` on a free port and resolves with its processes once it has printed `ready`. */
async function start(script: string, ready: string) {
  const port = await freePort();
  const npm = spawn("npm", ["run", script], {
    cwd: repoPath("."),
    env: { ...process.env, PORT: String(port) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) resolve();
    };
    npm.stdout.on("data", read);
    npm.stderr.on("data", read);
    npm.once("exit", () =>
      reject(new Error(`npm run ${script} exited before it printed ${JSON.stringify(ready)}:\n${output}`)),
    );
  });
  return { chain: descendants(await processTable(), npm.pid ?? -1), port };
}

/** The processes of `chain` still running after `ms`, or none as soon as all have ended. */
async function survivors(chain: Process[], ms = 10_000): Promise<Process[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const now = await Promise.all(chain.map(({ pid }) => inspect(pid)));
    // pid and command line together, so a recycled pid is not taken for a survivor.
    const left = chain.filter((member, i) => now[i]?.args === member.args);
    if (left.length === 0 || Date.now() > deadline) return left;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Signals one process of the chain, and lists what is still running once the rest had time to end. */
async function stopOne(chain: Process[], role: Role, signal: NodeJS.Signals): Promise<string[]> {
  process.kill(member(chain, role).pid, signal);
  const left = await survivors(chain);
  // A failing test must not leave its processes to the rest of the run.
  for (const { pid } of left) process.kill(pid, "SIGKILL");
  return left.map((process) => process.args);
}

function member(chain: Process[], role: Role): Process {
  const found = chain.find((process) => roles[role](process.args));
  if (!found) throw new Error(`no ${role} process in the chain:\n${chain.map((process) => process.args).join("\n")}`);
  return found;
}

const signals = ["SIGINT", "SIGTERM", "SIGHUP", "SIGKILL"] as const;
// npm passes SIGINT and SIGTERM on to the script, so "npm gets SIGINT" is also "the script gets SIGINT";
// SIGHUP and SIGKILL end npm itself, and the script must notice that it was left behind.
const toNpm = signals.map((signal) => ["npm", signal] as const);

describe.concurrent("npm run mock ends Prism and itself", () => {
  const cases = [...toNpm, ["mock", "SIGHUP"], ["mock", "SIGKILL"], ["Prism", "SIGKILL"]] as const;
  it.each(cases)("when %s gets %s", async (target, signal) => {
    const { chain, port } = await start("mock", "Ctrl-C stops it.");
    expect(chain.filter((process) => roles.Prism(process.args)).map((process) => process.args)).toEqual([
      expect.stringContaining(`--port ${port}`),
    ]);
    expect(await stopOne(chain, target, signal)).toEqual([]);
  });
});

describe.concurrent("npm run docs:serve ends itself", () => {
  // While it serves, docs.mjs has no child: killed outright, it leaves nothing to end.
  it.each([...toNpm, ["docs", "SIGHUP"]] as const)("when %s gets %s while it serves", async (target, signal) => {
    const { chain } = await start("docs:serve", "serving the docs on");
    expect(await stopOne(chain, target, signal)).toEqual([]);
  });
});
