/**
 * Fills a path template's `{name}` parameters, each as exactly one encoded segment. The URL parser
 * resolves "." and ".." segments (and an empty one changes the path too), so those are refused.
 */
export declare const pathSerializer: (template: string, params: Record<string, unknown>) => string;
