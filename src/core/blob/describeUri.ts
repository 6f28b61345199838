// What a flagged storage URI grants, for the hover: account, container, path and
// the SAS fields in words. The signature and any key are never part of it.

import { decodeValue } from './queryParams';
import {
  describePermissions, describeResourceTypes, describeServices, describeSignedResource, isSasParameter,
} from './sasParameters';
import { scanStorageUris } from './scanStorageUris';
import type { StorageService } from './storageHosts';
import { authOf, containerOf, planRewrite, withManagedIdentity } from './storageUriAuth';

export interface SasTime {
  /** ISO 8601 when the value parses, otherwise the decoded value as written. */
  readonly iso: string;
  /** Relative to the `now` passed in; undefined when the value does not parse. */
  readonly expired?: boolean;
}

export interface StorageUriInfo {
  readonly account: string;
  readonly service: StorageService;
  readonly cloudSuffix: string;
  /** Container, or the ADLS file system of an `abfss://` URI. */
  readonly container: string;
  /** Path inside the container, as written (still URL-encoded). */
  readonly path: string;
  readonly authentication: 'sas' | 'account-key' | 'managed-identity' | 'none';
  /** The credential in finer words: `shared-key` is ADLS `;sharedkey=`, `token` a `;token=` suffix (authentication `none`). */
  readonly credential: 'sas' | 'account-key' | 'shared-key' | 'token' | 'managed-identity' | 'none';
  /** `sp` in words (read, write, ...). */
  readonly permissions: string[];
  /** `se`. */
  readonly expiry?: SasTime;
  /** `st`, as ISO 8601 when it parses. */
  readonly start?: string;
  /** `srt` in words (account SAS). */
  readonly resourceTypes: string[];
  /** `ss` in words (account SAS). */
  readonly services: string[];
  /** `sr` in words (service SAS). */
  readonly signedResource?: string;
  readonly version?: string;
  readonly protocol?: string;
  readonly ipRange?: string;
  /** Stored access policy name (`si`). */
  readonly storedPolicy?: string;
  /** A user delegation SAS (signed with an Entra ID key, `skoid`). */
  readonly userDelegation: boolean;
  /** Query parameters that are not part of a SAS. */
  readonly otherParameters: string[];
  /** The managed-identity form with the system identity, when one is safe. */
  readonly managedIdentityUri?: string;
}

/**
 * Parses the storage URI that spans all of `uri`; undefined when it is not one.
 * `now` decides whether the SAS has expired.
 */
export function describeStorageUri(uri: string, now: Date = new Date()): StorageUriInfo | undefined {
  const m = scanStorageUris(uri).find((x) => x.start === 0 && x.end === uri.length);
  if (!m) return undefined;
  const q = new Map<string, string>();
  for (const p of m.params) {
    if (p.name !== 'sig' && !q.has(p.name)) q.set(p.name, decodeValue(uri.slice(p.valueStart, p.valueEnd)));
  }
  const rawPath = uri.slice(m.hostEnd, m.baseEnd);
  const container = m.fileSystem ?? containerOf(rawPath);
  const path = m.fileSystem !== undefined
    ? rawPath.replace(/^\//, '')
    : rawPath.replace(/^\//, '').slice(container.length).replace(/^\//, '');
  const isAccountSas = q.has('ss') || q.has('srt');
  const plan = planRewrite(uri, m);
  const authInfo = authOf(uri, m);
  const auth = authInfo.kind === 'token' ? 'none' : authInfo.kind;
  const credential = authInfo.kind === 'account-key' && authInfo.sharedKey ? 'shared-key' : authInfo.kind;
  const se = q.get('se');
  const st = q.get('st');
  return {
    account: m.account,
    service: m.service,
    cloudSuffix: m.cloudSuffix,
    container,
    path,
    authentication: auth,
    credential,
    permissions: describePermissions(q.get('sp') ?? '', isAccountSas),
    expiry: se === undefined ? undefined : parseTime(se, now),
    start: st === undefined ? undefined : parseTime(st, now).iso,
    resourceTypes: describeResourceTypes(q.get('srt') ?? ''),
    services: describeServices(q.get('ss') ?? ''),
    signedResource: q.has('sr') ? describeSignedResource(q.get('sr') ?? '') : undefined,
    version: q.get('sv'),
    protocol: q.get('spr'),
    ipRange: q.get('sip'),
    storedPolicy: q.get('si'),
    userDelegation: q.has('skoid'),
    otherParameters: [...q.keys()].filter((k) => k !== '' && !isSasParameter(k)),
    managedIdentityUri: credential !== 'managed-identity' && 'base' in plan ? withManagedIdentity(plan.base, 'system') : undefined,
  };
}

function parseTime(value: string, now: Date): SasTime {
  const t = Date.parse(value);
  if (Number.isNaN(t)) return { iso: value };
  return { iso: new Date(t).toISOString(), expired: t <= now.getTime() };
}

function code(value: string): string {
  // A backtick would close the inline code span early.
  return `\`${value.replace(/`/g, "'")}\``;
}

/** What the hover says about the flow: the usage to allow, when the analysis knows it. */
export interface HoverFlow {
  readonly usage?: string;
  readonly clusterOnly?: boolean;
  readonly write?: boolean;
}

/**
 * The hover text as Markdown (a plain string; the editor wraps it). What
 * matters comes first: where the URI points, what the SAS allows and until
 * when, and the fix; the SAS details follow under a rule.
 */
export function renderStorageUriHover(info: StorageUriInfo, flow: HoverFlow = {}): string {
  const kind = info.service === 'dfs' ? 'ADLS Gen2' : 'Blob';
  const auth = {
    'sas': info.userDelegation ? 'user delegation SAS' : 'SAS token',
    'account-key': 'storage account key',
    'shared-key': 'storage account key (;sharedkey=)',
    'token': 'Entra access token (;token=)',
    'managed-identity': 'managed identity',
    'none': 'none in the literal',
  }[info.credential];
  const place = [code(info.account), info.container ? code(info.container) : '_no container_'];
  if (info.path) place.push(code(info.path));
  const lines = [`**${kind} URI** ${place.join(' / ')} — ${auth}`, ''];
  if (info.credential === 'sas') {
    lines.push(`- Permissions: ${info.permissions.length > 0 ? info.permissions.join(', ') : '_none given_'}`);
    if (info.expiry) {
      const state = info.expiry.expired === undefined ? '' : info.expiry.expired ? ' — **expired**' : ' — still valid';
      lines.push(`- Expires: ${info.expiry.iso}${state}`);
    }
  }
  if (info.credential !== 'managed-identity' && info.credential !== 'none') {
    const usage = flow.usage ? ` (allow \`${flow.usage}\`${flow.clusterOnly ? ' in the cluster policy' : ''}; grant ${flow.write ? 'Storage Blob Data Contributor' : 'Storage Blob Data Reader'})` : '';
    lines.push(`- Fix: ${info.managedIdentityUri ? code(info.managedIdentityUri) : 'rewrite by hand (see the problem)'}${usage}`);
  }
  const details: string[] = [];
  details.push(`- Cloud: ${code(info.cloudSuffix)}`);
  if (info.credential === 'sas') {
    if (info.start) details.push(`- Valid from: ${info.start}`);
    if (info.services.length > 0) details.push(`- Services: ${info.services.join(', ')}`);
    if (info.resourceTypes.length > 0) details.push(`- Resource types: ${info.resourceTypes.join(', ')}`);
    if (info.signedResource) details.push(`- Signed resource: ${info.signedResource}`);
    if (info.storedPolicy) details.push(`- Stored access policy: ${code(info.storedPolicy)}`);
    if (info.protocol) details.push(`- Protocol: ${info.protocol}`);
    if (info.ipRange) details.push(`- Allowed IPs: ${info.ipRange}`);
    if (info.version) details.push(`- SAS version: ${info.version}`);
    details.push('- Signature: `sig=***`');
  }
  if (info.otherParameters.length > 0) details.push(`- Other query parameters: ${info.otherParameters.map(code).join(', ')}`);
  lines.push('', '---', '', ...details);
  return lines.join('\n');
}
