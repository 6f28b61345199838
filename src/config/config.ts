// The one typed reader of this extension's settings. Features never call
// `getConfiguration` themselves: they read a getter here and listen to
// `onDidChange`, which names the sections that changed.
import * as vscode from 'vscode';
import type { KnownIdentity } from '../core/identity';
import { Disposable } from '../util/dispose';

export const SECTION = 'kustoMi';
/** Where the built-in Microsoft authentication (and the Azure extensions) keep the sovereign cloud choice. */
export const SOVEREIGN_SECTION = 'microsoft-sovereign-cloud';

export interface ClusterSetting {
  readonly url: string;
  readonly name?: string;
  readonly resourceId?: string;
  /** The Entra tenant of the cluster's subscription (written by discovery): its tokens are asked for there. */
  readonly tenantId?: string;
}

export type AuthMethod = 'vscode' | 'azureCli' | 'default' | 'none';
export type SeverityName = 'error' | 'warning' | 'information' | 'hint';

const SEVERITIES: Record<SeverityName, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Accepts `"https://x"` or `{ url, name?, resourceId?, tenantId? }`; drops anything else. */
export function normaliseClusters(raw: unknown): ClusterSetting[] {
  if (!Array.isArray(raw)) return [];
  const result: ClusterSetting[] = [];
  for (const item of raw) {
    if (typeof item === 'string' && item.trim()) result.push({ url: item.trim() });
    else if (isRecord(item) && typeof item.url === 'string' && item.url.trim()) {
      result.push({
        url: item.url.trim(),
        ...(typeof item.name === 'string' ? { name: item.name } : {}),
        ...(typeof item.resourceId === 'string' ? { resourceId: item.resourceId } : {}),
        ...(typeof item.tenantId === 'string' && item.tenantId.trim() ? { tenantId: item.tenantId.trim() } : {}),
      });
    }
  }
  return result;
}

export function normaliseIdentities(raw: unknown): KnownIdentity[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).filter((i) => typeof i.objectId === 'string').map((i) => ({
    objectId: String(i.objectId),
    ...(typeof i.displayName === 'string' ? { displayName: i.displayName } : {}),
    ...(typeof i.clientId === 'string' ? { clientId: i.clientId } : {}),
    ...(typeof i.cluster === 'string' ? { cluster: i.cluster } : {}),
  }));
}

export class Config extends Disposable {
  private readonly changeEmitter = this._register(new vscode.EventEmitter<ReadonlySet<string>>());
  /** Fires with the changed keys, e.g. `clusters`, `auth.method`. */
  readonly onDidChange = this.changeEmitter.event;

  static readonly KEYS = ['clusters', 'identities', 'auth.method', 'auth.tenant', 'cloud',
    'diagnostics.severity', 'diagnostics.exclude', 'diagnostics.debounceMs', 'requestTimeoutSeconds', 'maxParallelRequests', 'armEndpoint', 'kql.languageService'] as const;

  constructor() {
    super();
    this._register(vscode.workspace.onDidChangeConfiguration((e) => {
      const changed = new Set<string>(Config.KEYS.filter((k) => e.affectsConfiguration(`${SECTION}.${k}`)));
      // The Azure extensions' cloud setting overrides `cloud`: report it as a `cloud` change.
      if (e.affectsConfiguration(SOVEREIGN_SECTION)) changed.add('cloud');
      if (changed.size) this.changeEmitter.fire(changed);
    }));
  }

  private get<T>(key: string, fallback: T): T {
    return vscode.workspace.getConfiguration(SECTION).get<T>(key, fallback);
  }

  get clusters(): ClusterSetting[] {
    return normaliseClusters(this.get<unknown>('clusters', []));
  }

  async setClusters(clusters: readonly ClusterSetting[]): Promise<void> {
    await vscode.workspace.getConfiguration(SECTION).update('clusters', clusters, vscode.ConfigurationTarget.Global);
  }

  get identities(): KnownIdentity[] {
    return normaliseIdentities(this.get<unknown>('identities', []));
  }

  get authMethod(): AuthMethod {
    const value = this.get<string>('auth.method', 'vscode');
    return (['vscode', 'azureCli', 'default', 'none'] as const).find((m) => m === value) ?? 'vscode';
  }

  get tenant(): string | undefined {
    return this.get<string>('auth.tenant', '') || undefined;
  }

  get diagnosticSeverity(): vscode.DiagnosticSeverity {
    const name = this.get<string>('diagnostics.severity', 'warning') as SeverityName;
    return SEVERITIES[name] ?? vscode.DiagnosticSeverity.Warning;
  }

  get excludeGlobs(): string[] {
    return this.get<string[]>('diagnostics.exclude', []).filter((g) => typeof g === 'string' && g.length > 0);
  }

  get debounceMs(): number {
    return Math.max(0, this.get<number>('diagnostics.debounceMs', 250));
  }

  get requestTimeoutMs(): number {
    return Math.max(1, this.get<number>('requestTimeoutSeconds', 30)) * 1000;
  }

  /** `kustoMi.kql.languageService`: whether our KQL language server runs (`auto`: unless another Kusto extension provides one). */
  get kqlLanguageService(): 'auto' | 'on' | 'off' {
    const value = this.get<string>('kql.languageService', 'auto');
    return value === 'on' || value === 'off' ? value : 'auto';
  }

  get maxParallelRequests(): number {
    return Math.max(1, Math.min(64, this.get<number>('maxParallelRequests', 48)));
  }

  /** Azure Resource Manager endpoint (a local ARM server in the demo and tests). */
  get armEndpoint(): string {
    return this.get<string>('armEndpoint', 'https://management.azure.com').trim() || 'https://management.azure.com';
  }

  /** `kustoMi.cloud`; see sovereignCloud for the setting that overrides it. */
  get cloud(): string {
    return this.get<string>('cloud', 'AzureCloud');
  }

  /** `microsoft-sovereign-cloud.environment` and `.customEnvironment`, as the Azure extensions read them. */
  get sovereignCloud(): { readonly environment?: string; readonly customEnvironment?: Record<string, string> } {
    const section = vscode.workspace.getConfiguration(SOVEREIGN_SECTION);
    const environment = section.get<string>('environment') || undefined;
    const custom = section.get<unknown>('customEnvironment');
    return {
      ...(environment ? { environment } : {}),
      ...(isRecord(custom) ? { customEnvironment: Object.fromEntries(Object.entries(custom).filter(([, v]) => typeof v === 'string')) as Record<string, string> } : {}),
    };
  }
}
