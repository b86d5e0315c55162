import type { Command } from "../context.js";
import { audit } from "./audit.js";
import { completion } from "./completion.js";
import { create } from "./create.js";
import { remove } from "./delete.js";
import { get } from "./get.js";
import { list } from "./list.js";
import { oauth } from "./oauth.js";
import { retire } from "./retire.js";
import { rotate } from "./rotate.js";
import { update } from "./update.js";

/** Every command, in the order the help lists them. */
export const COMMANDS: readonly Command[] = [
  list,
  get,
  create,
  update,
  remove,
  rotate,
  retire,
  oauth,
  audit,
  completion(() => COMMANDS),
];
