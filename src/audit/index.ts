export { auditTokens, type AuditEntry, type AuditResult, type TokenOwner } from "./audit.js";
export {
  DEFAULT_POLICY,
  FINDINGS,
  resolvePolicy,
  validatePolicy,
  type AuditException,
  type AuditPolicy,
  type Finding,
  type ResolvedPolicy,
} from "./policy.js";
