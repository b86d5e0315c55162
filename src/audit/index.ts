export { type AuditEntry, type AuditResult, auditTokens, type TokenOwner } from "./audit.js";
export {
  type AuditException,
  type AuditPolicy,
  DEFAULT_POLICY,
  FINDINGS,
  type Finding,
  validatePolicy,
} from "./policy.js";
