import { loadSpec, parameterExample } from "./spec.js";

/** A token shaped like Losant's (a JWT): what every test client sends, and what no error may ever show. */
export const TOKEN =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ0ZXN0LXVzZXIifQ.s3cr3t-signature_that-must-never-leak";

/** The spec's example token id (`accessTokenId`), the one every operation's example uses. */
export const ID = parameterExample(loadSpec(), "accessTokenId");
