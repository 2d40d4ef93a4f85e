export type AuditCategory = 'auth' | 'access' | 'data' | 'admin' | 'audit' | 'platform';
export type AuditSeverity = 'info' | 'warning' | 'critical';

export interface AuditActionDef {
  category: AuditCategory;
  severity: AuditSeverity;
  description: string;
}

/**
 * Audit action → its definition. Empty here: each library adds the actions it records in its own
 * catalogue file, by declaration merging, from the definitions it registers at run time:
 *
 *   export const PROJECT_AUDIT_ACTIONS = defineAuditActions({ 'project.created': auditAction('data', 'info', '…') });
 *   type ProjectAuditActions = typeof PROJECT_AUDIT_ACTIONS;
 *   declare module '@stratum/common' { interface AuditActionMap extends ProjectAuditActions {} }
 *
 * so `@Audited('project.craeted')` or `notes.note('nope')` fails to compile.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface AuditActionMap {}

export type AuditAction = keyof AuditActionMap & string;

export const auditAction = (category: AuditCategory, severity: AuditSeverity, description: string): AuditActionDef => ({
  category,
  severity,
  description,
});

const catalogue = new Map<string, AuditActionDef>();

/** Registers a library's audit actions (its catalogue file calls this once) and answers them. */
export function defineAuditActions<const D extends Record<string, AuditActionDef>>(defs: D): D {
  for (const [action, def] of Object.entries(defs)) {
    const known = catalogue.get(action);
    // The same definition evaluated twice (two module instances) is harmless; two different ones are not.
    if (known && JSON.stringify(known) !== JSON.stringify(def)) throw new Error(`audit action ${action} is defined twice`);
    catalogue.set(action, def);
  }
  return defs;
}

/** Every registered audit action with its category and severity. */
export function auditActionCatalogue(): ReadonlyMap<string, AuditActionDef> {
  return catalogue;
}

/** The definition of an action; an action no library registered is a programming error. */
export function auditActionDef(action: string): AuditActionDef {
  const def = catalogue.get(action);
  if (!def) throw new Error(`audit action ${action} is not in the audit catalogue`);
  return def;
}
