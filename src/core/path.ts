import { refuse } from "./options.js";

/**
 * Fills a path template's `{name}` parameters, each as exactly one encoded segment. The URL parser
 * resolves "." and ".." segments (and an empty one changes the path too), so those are refused.
 */
export const pathSerializer = (template: string, params: Record<string, unknown>): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = String(params[name] ?? "");
    if (value === "" || value === "." || value === "..")
      refuse(`path parameter ${name} must not be empty, "." or ".."`);
    try {
      return encodeURIComponent(value);
    } catch {
      return refuse(`path parameter ${name} is not well-formed Unicode`);
    }
  });
