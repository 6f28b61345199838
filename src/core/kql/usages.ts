// The usage names a `managed_identity` policy can allow (its `AllowedUsages`
// property), where each one may be set, and what it authorises. Pure: no
// `vscode` import, so the CLI, the completion provider and the tests share it.
//
// Source: the Kusto "Managed Identity policy" reference, section "Managed
// identity usages". Descriptions are paraphrased, not quoted.

export type PolicyLevel = 'cluster' | 'database';

export type ManagedIdentityUsage =
  | 'All'
  | 'AutomatedFlows'
  | 'AzureAI'
  | 'DataConnection'
  | 'ExportRequest'
  | 'ExternalDataRequest'
  | 'ExternalTable'
  | 'NativeIngestion'
  | 'SandboxArtifacts'
  | 'SqlRequest';

export interface UsageInfo {
  readonly name: ManagedIdentityUsage;
  /** One line, shown in completion details and hovers. */
  readonly description: string;
  /** Policy levels at which the usage may be allowed. */
  readonly levels: readonly PolicyLevel[];
}

const BOTH: readonly PolicyLevel[] = ['cluster', 'database'];

/** Every documented usage, in the documentation's (alphabetical) order. */
export const MANAGED_IDENTITY_USAGES: readonly UsageInfo[] = [
  {
    name: 'All',
    description: 'All current and future usages.',
    levels: BOTH,
  },
  {
    name: 'AutomatedFlows',
    description: 'Continuous export and update policy flows that run on behalf of the managed identity.',
    levels: BOTH,
  },
  {
    name: 'AzureAI',
    description: 'Calls to Azure OpenAI from the ai_embed_text plugin, authenticated with the managed identity.',
    levels: BOTH,
  },
  {
    name: 'DataConnection',
    description: 'Event Hub and Event Grid data connections authenticated with the managed identity.',
    levels: BOTH,
  },
  {
    name: 'ExportRequest',
    description: 'Export commands (.export) that write to external storage with the managed identity.',
    levels: BOTH,
  },
  {
    name: 'ExternalDataRequest',
    description: 'Queries that read external storage with the externaldata operator and the managed identity.',
    levels: BOTH,
  },
  {
    name: 'ExternalTable',
    description: 'External tables whose connection strings authenticate with the managed identity.',
    levels: BOTH,
  },
  {
    name: 'NativeIngestion',
    description: 'Ingest from storage with the SDKs and the .ingest command (blob URIs ending in ;managed_identity=...).',
    levels: BOTH,
  },
  {
    name: 'SandboxArtifacts',
    description: 'External artifacts referenced by sandboxed plugins such as python(). Cluster-level policy only.',
    levels: ['cluster'],
  },
  {
    name: 'SqlRequest',
    description: 'The sql_request and cosmosdb_request plugins, authenticated with the managed identity.',
    levels: BOTH,
  },
];

export const USAGE_NAMES: readonly ManagedIdentityUsage[] = MANAGED_IDENTITY_USAGES.map((u) => u.name);

const BY_NAME = new Map<string, UsageInfo>(MANAGED_IDENTITY_USAGES.map((u) => [u.name, u]));
const BY_LOWER = new Map<string, UsageInfo>(MANAGED_IDENTITY_USAGES.map((u) => [u.name.toLowerCase(), u]));

/** The usage spelled exactly `name` (case-sensitive), if any. */
export function getUsage(name: string): UsageInfo | undefined {
  return BY_NAME.get(name);
}

/** The usage whose name equals `name` ignoring case, if any. */
export function getUsageIgnoreCase(name: string): UsageInfo | undefined {
  return BY_LOWER.get(name.toLowerCase());
}

export function isKnownUsage(name: string): name is ManagedIdentityUsage {
  return BY_NAME.has(name);
}

/** The usages that may be allowed at `level`. */
export function usagesForLevel(level: PolicyLevel): readonly UsageInfo[] {
  return MANAGED_IDENTITY_USAGES.filter((u) => u.levels.includes(level));
}

/** Whether `name` (matched ignoring case) may be allowed at `level`; false for unknown names. */
export function isUsageValidAt(name: string, level: PolicyLevel): boolean {
  const info = getUsageIgnoreCase(name);
  return info !== undefined && info.levels.includes(level);
}

/**
 * The known usage a misspelt `name` most likely means: an exact match ignoring
 * case first, then the closest name by edit distance (ignoring case), if it is
 * close enough to be a plausible typo. Undefined when nothing is close.
 */
export function suggestUsage(name: string): ManagedIdentityUsage | undefined {
  const lower = name.trim().toLowerCase();
  if (lower === '') return undefined;
  const exact = BY_LOWER.get(lower);
  if (exact) return exact.name;
  let best: ManagedIdentityUsage | undefined;
  let bestDistance = Infinity;
  for (const usage of MANAGED_IDENTITY_USAGES) {
    const candidate = usage.name.toLowerCase();
    let d = editDistance(lower, candidate);
    // A prefix or a plural/singular slip ("NativeIngest", "ExternalTables") is a strong hint.
    if (candidate.startsWith(lower) && lower.length >= 4) d = Math.min(d, 1);
    if (d < bestDistance) {
      bestDistance = d;
      best = usage.name;
    }
  }
  const allowed = Math.max(2, Math.floor(lower.length / 3));
  return bestDistance <= allowed ? best : undefined;
}

/** One item of a comma-separated usage list, with offsets relative to the list's text. */
export interface UsageListItem {
  /** The item with surrounding whitespace removed; may be empty (e.g. `"A,,B"`). */
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Splits an `AllowedUsages` value ("NativeIngestion, ExternalTable") into its
 * items. Each item's range excludes surrounding whitespace; an empty item has
 * an empty range where it would be. `"".split` yields one empty item.
 */
export function parseUsageList(text: string): UsageListItem[] {
  const items: UsageListItem[] = [];
  let segmentStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i === text.length || text[i] === ',') {
      let s = segmentStart;
      let e = i;
      while (s < e && /\s/.test(text[s])) s++;
      while (e > s && /\s/.test(text[e - 1])) e--;
      items.push({ name: text.slice(s, e), start: s, end: e });
      segmentStart = i + 1;
    }
  }
  return items;
}

function editDistance(a: string, b: string): number {
  const prev = new Array<number>(b.length + 1);
  const cur = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
    }
    for (let j = 0; j <= b.length; j++) prev[j] = cur[j];
  }
  return prev[b.length];
}
