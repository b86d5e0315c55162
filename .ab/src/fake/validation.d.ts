import type { Validator } from "../../generated/fake-operations.js";
/** Names the place a JSON pointer into the checked value designates, such as `body.orgRoles[0].role`. */
export type Namer = (pointer: string) => string;
/** A namer for a value called `root`: `root`, `root.name`, `root.scope[2]`. */
export declare const dotted: (root: string) => Namer;
/** A namer for the `{ path, query, header }` object of an operation's parameters. */
export declare const parameterNamer: Namer;
/** Checks a value with one of the generated validators: undefined when it holds, else what was wrong and where. */
export declare function check(validate: Validator, value: unknown, name: Namer): string | undefined;
