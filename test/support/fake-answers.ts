import { afterEach, expect } from "vitest";
import { operations, type Validator } from "../../generated/fake-operations.js";
import * as responseValidators from "../../generated/fake-responses.js";

const validators = responseValidators as unknown as Record<string, Validator>;
const routes = Object.entries(operations).map(([id, op]) => ({
  id,
  method: op.method as string,
  pattern: new RegExp(`^${op.path.replace(/\{\w+\}/g, "[^/]+")}$`),
}));

/** The operationId a method and path name, if the spec has one. */
function operationOf(method: string, pathname: string): string | undefined {
  return routes.find((route) => route.method === method && route.pattern.test(pathname))?.id;
}

/**
 * What is wrong with an answer to a request for an operation of the spec: a status the operation does
 * not document, a body that is not JSON, or a body its schema for that status rejects. Undefined when
 * the answer holds to the spec, or the request named no operation (a 404 or 405 outside the spec).
 */
export function answerProblem(method: string, url: string, status: number, text: string): string | undefined {
  const id = operationOf(method, new URL(url).pathname);
  if (!id) return undefined;
  const validate = validators[`${id}_${status}`];
  if (!validate) return `${id} answered ${status}, a status the spec does not document for it`;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return `${id} ${status}: the body is not JSON: ${text.slice(0, 100)}`;
  }
  return validate(body)
    ? undefined
    : `${id} ${status}: ${JSON.stringify(validate.errors?.[0])} in ${text.slice(0, 300)}`;
}

/**
 * Every answer a test's fake gave, held to the spec: wrap the fake's fetch with `checked`, and each
 * test fails at its end if any answer broke the spec's response schema for its status.
 */
export function specChecked(): {
  checked: (
    fetch: (request: Request) => Promise<Response>,
  ) => (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  problems: string[];
} {
  const problems: string[] = [];
  afterEach(() => {
    const found = problems.splice(0);
    expect(found, "answers of the fake that break the spec").toEqual([]);
  });
  return {
    problems,
    checked: (fetch) => async (input, init) => {
      const request = new Request(input, init);
      const response = await fetch(request);
      const problem = answerProblem(request.method, request.url, response.status, await response.clone().text());
      if (problem) problems.push(problem);
      return response;
    },
  };
}
