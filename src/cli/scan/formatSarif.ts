// SARIF 2.1.0 for code-scanning uploads (GitHub, Azure DevOps). Paths are
// relative to %SRCROOT% (the working directory); columns count UTF-16 code units.

import { pathToFileURL } from 'node:url';
import { RULES, type RuleId } from '../../core/findings';
import type { ReportedFinding } from './report';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const INFORMATION_URI = 'https://github.com/kusto-mi-tools/kusto-managed-identity';

// What encodeURIComponent leaves as is; every other byte is written as %XX.
const UNRESERVED = /[A-Za-z0-9\-_.!~*'()]/;

/** The relative URI of a path's bytes: a name that is not valid UTF-8 keeps its raw bytes (`%FF`), not its display text. */
export function artifactUri(file: string, bytes?: Uint8Array): string {
  if (!bytes) return file.split('/').map(encodeURIComponent).join('/');
  let out = '';
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    out += byte === 0x2f || (byte < 0x80 && UNRESERVED.test(c)) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

const RULE_LIST = Object.values(RULES);
const RULE_INDEX = new Map<RuleId, number>(RULE_LIST.map((r, i) => [r.id, i]));

/** The SARIF log with `results` where its results go (STREAMED_ITEMS for the report writer). */
export function sarifDocument(cwd: string, toolVersion: string, results: unknown): unknown {
  const root = pathToFileURL(cwd).href;
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'kusto-mi',
          informationUri: INFORMATION_URI,
          version: toolVersion,
          rules: RULE_LIST.map((r) => ({
            id: r.id,
            name: r.name,
            shortDescription: { text: r.shortDescription },
            help: { text: r.help },
            defaultConfiguration: { level: 'warning' },
          })),
        },
      },
      columnKind: 'utf16CodeUnits',
      originalUriBaseIds: { SRCROOT: { uri: root.endsWith('/') ? root : `${root}/` } },
      results,
    }],
  };
}

/** One finding as a SARIF result. */
export function sarifResult(f: ReportedFinding): unknown {
  const artifactLocation = {
    uri: artifactUri(f.file, f.fileBytes),
    uriBaseId: 'SRCROOT',
    // The name as the text and JSON outputs show it, when the URI had to carry raw bytes.
    ...(f.fileBytes ? { description: { text: f.file } } : {}),
  };
  const region = f.region;
  return {
    ruleId: f.ruleId,
    ruleIndex: RULE_INDEX.get(f.ruleId),
    level: 'warning',
    message: { text: f.message },
    locations: [{ physicalLocation: { artifactLocation, region } }],
    // The managed_identity policy usage the managed-identity form needs (the readiness check reads it too).
    ...(f.usage ? { properties: { usage: f.usage } } : {}),
    ...(f.preferredFix ? {
      fixes: [{
        description: { text: f.preferredFix.title },
        artifactChanges: [{
          artifactLocation,
          replacements: f.preferredFix.replacements.map((r) => ({ deletedRegion: r.region, insertedContent: { text: r.text } })),
        }],
      }],
    } : {}),
  };
}
