// Preloaded (node --import) into the processes that lifeline.mjs's spawnNode starts, such as Prism and
// Redocly, whose code is not ours: ends the process as SIGTERM would once its parent is gone.
import { endWithParent } from "./lifeline.mjs";

endWithParent(() => {
  process.kill(process.pid, "SIGTERM");
  // In case the program handles SIGTERM without exiting.
  setTimeout(() => process.exit(1), 5_000).unref();
});
