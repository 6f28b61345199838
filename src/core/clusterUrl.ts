// Cluster URL validation for the "Add cluster" input and the settings.

export interface ClusterUrlCheck {
  readonly url?: string;
  readonly error?: string;
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Normalises to `scheme://host[:port]`; plain http only on loopback (local servers). */
export function validateClusterUrl(input: string, existing: readonly string[] = []): ClusterUrlCheck {
  const text = input.trim();
  if (!text) return { error: 'Enter the cluster URL.' };
  let parsed: URL;
  try {
    parsed = new URL(/^[a-z]+:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { error: `"${text}" is not a URL.` };
  }
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && LOOPBACK.has(parsed.hostname))) {
    return { error: 'Use an https:// URL (plain http is only accepted for a local cluster on loopback).' };
  }
  if (parsed.username || parsed.password) return { error: 'The URL must not contain credentials.' };
  if (parsed.search || parsed.hash || (parsed.pathname && parsed.pathname !== '/')) {
    return { error: 'Give only the cluster address, without a path or query.' };
  }
  const url = `${parsed.protocol}//${parsed.host}`;
  if (existing.some((e) => sameClusterUrl(e, url))) return { error: `${url} is already in the list.` };
  return { url };
}

export function sameClusterUrl(a: string, b: string): boolean {
  const norm = (u: string) => u.trim().replace(/\/+$/, '').toLowerCase();
  return norm(a) === norm(b);
}
