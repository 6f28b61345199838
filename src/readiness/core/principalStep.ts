// Step 7 (continuous export only): per the continuous-export documentation,
// the job runs on behalf of its managed identity, which therefore needs a
// database role of viewer or above (`.show database <db> principals`). The
// fix is `.add database <db> viewers ('aadapp=<object id>;<tenant>')`, run
// behind the same confirmation as the tree's policy changes.
import { quoteName } from '../../core/kql/quote';
import { step, unknownStep, type Evidence, type StepResult } from './model';

export interface DatabasePrincipal {
  /** As shown: `Database Telemetry Viewer`, `... Admin`, `... User`, `... Ingestor`, `... Monitor`, `... UnrestrictedViewer`. */
  readonly role: string;
  readonly type?: string;
  readonly displayName?: string;
  readonly objectId?: string;
  /** `aadapp=<id>;<tenant>`, `aaduser=...`, `aadgroup=...`. */
  readonly fqn?: string;
}

export type Principals =
  | { readonly kind: 'ok'; readonly principals: readonly DatabasePrincipal[] }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** Roles that let a principal read the database: viewer or above. Ingestor and Monitor do not. */
const VIEWER_OR_ABOVE = /\b(viewer|unrestrictedviewer|user|admin)s?\s*$/i;

export function isViewerOrAbove(role: string): boolean {
  return VIEWER_OR_ABOVE.test(role.trim());
}

function names(p: DatabasePrincipal, objectId: string): boolean {
  const id = objectId.toLowerCase();
  if (p.objectId?.toLowerCase() === id) return true;
  const m = /^aadapp=([^;]+)/i.exec(p.fqn ?? '');
  return m !== null && m[1].toLowerCase() === id;
}

/** The `.add database` command granting viewer to an identity. */
export function addViewerCommand(database: string, objectId: string, tenantId: string | undefined): { fqn: string; command: string } {
  const fqn = `aadapp=${objectId.toLowerCase()}${tenantId ? `;${tenantId.toLowerCase()}` : ''}`;
  return { fqn, command: `.add database ${quoteName(database)} viewers ('${fqn}') 'Continuous export managed identity'` };
}

export function principalStep(database: string, objectId: string | undefined, label: string, tenantId: string | undefined, principals: Principals): StepResult {
  const summary = `Could not check the database roles of ${label} on database '${database}'.`;
  if (principals.kind === 'unavailable') return unknownStep('principal', summary, principals.reason);
  if (!objectId) return unknownStep('principal', summary, 'The identity\'s object id is not known.');
  const mine = principals.principals.filter((p) => names(p, objectId));
  const evidence: Evidence[] = [{
    label: `Roles of ${label} on '${database}'`,
    value: mine.map((p) => `${p.role}${p.fqn ? ` (${p.fqn})` : ''}`).join('; ') || 'none',
  }];
  const viewer = mine.find((p) => isViewerOrAbove(p.role));
  if (viewer) return step('principal', 'pass', `${label} has ${viewer.role} on database '${database}', enough for continuous export to run on its behalf.`, evidence);
  const { fqn, command } = addViewerCommand(database, objectId, tenantId);
  const held = mine.length > 0 ? ` It holds only ${mine.map((p) => p.role).join(', ')}, which cannot read the data.` : '';
  return step('principal', 'fail',
    `${label} has no database role of viewer or above on '${database}': a continuous export that runs on behalf of the managed identity needs one.${held}`,
    evidence, { fix: { kind: 'addPrincipal', title: `Add ${label} as viewer of database '${database}'`, database, fqn, command } });
}
