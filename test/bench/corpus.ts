// Generated trees for the scanner benchmarks, the same on every machine (a
// seeded PRNG), written once under .bench-corpus/<name>/ and reused while the
// generator version is unchanged:
//   - `realistic`: a repository of code and docs (8,400 files in about 900
//     folders, 51 MB) with few findings, a .gitignore and ignored build output,
//     like the public SDK and docs repositories the issue measured (mostly code
//     and docs, a handful of .kql files);
//   - `dense`: 19,600 small files that are mostly ingestion code (30 MB) in
//     about 1,300 folders, so nearly every file is read, decoded and parsed
//     with tree-sitter.
// Every code file is valid code in its language: a parser's time on broken code
// (error recovery) is not what a user's repository costs.

import * as fs from 'node:fs';
import * as path from 'node:path';

/** Deterministic PRNG (mulberry32) so the corpus is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const WORDS = ['order', 'customer', 'invoice', 'event', 'device', 'reading', 'batch', 'table', 'ingest', 'export',
  'client', 'status', 'payload', 'record', 'window', 'result', 'metric', 'region', 'tenant', 'policy', 'stream',
  'buffer', 'schema', 'column', 'mapping', 'source', 'target', 'blob', 'container', 'account', 'retry', 'timeout'];

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export type Rand = () => number;
export const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
export const ident = (r: Rand): string => pick(r, WORDS) + pick(r, WORDS).replace(/^./, (c) => c.toUpperCase());

/** A fake but realistic signature: 43 base64 characters plus an encoded `=`. */
function fakeSig(r: Rand): string {
  let s = '';
  for (let i = 0; i < 43; i++) s += B64[Math.floor(r() * 62)];
  return `${s}%3D`;
}

export function sasUri(r: Rand): string {
  const acct = `${pick(r, WORDS)}${Math.floor(r() * 1000)}`;
  const host = r() < 0.8 ? `${acct}.blob.core.windows.net` : `${acct}.dfs.core.windows.net`;
  return `https://${host}/${pick(r, WORDS)}/${ident(r)}/${Math.floor(r() * 1e6)}.csv.gz`
    + `?sv=2022-11-02&ss=b&srt=o&sp=rl&se=2026-01-01T00%3A00%3A00Z&spr=https&sig=${fakeSig(r)}`;
}

/** Storage URIs that are not findings (managed identity, placeholders), so the parser works too. */
export function harmlessUri(r: Rand): string {
  const acct = `${pick(r, WORDS)}${Math.floor(r() * 1000)}`;
  return r() < 0.5
    ? `https://${acct}.blob.core.windows.net/${pick(r, WORDS)}/data.csv;managed_identity=system`
    : `https://${acct}.blob.core.windows.net/${pick(r, WORDS)}/data.csv?<SAS token>`;
}

export interface Language {
  readonly ext: string;
  /** One statement, entry or paragraph of the language; `uri` in a string literal when given. */
  line(r: Rand, uri: string | undefined): string;
  /** A whole file of about `bytes` that the language's parser accepts (no error recovery to time). */
  file(r: Rand, bytes: number, uris: UriSource): string;
}

/** The URI each next line carries, or none. */
export type UriSource = () => string | undefined;

/** A SAS URI at `sasRate`, now and then a harmless one, mostly none; `first` on the first line. */
export function uriSource(r: Rand, sasRate: number, first?: string): UriSource {
  let forced = first;
  return () => {
    if (forced !== undefined) {
      const uri = forced;
      forced = undefined;
      return uri;
    }
    const u = r();
    return u < sasRate ? sasUri(r) : u > 0.9997 ? harmlessUri(r) : undefined;
  };
}

/** Pieces from `make` joined by `separator` until about `bytes`. */
function fill(bytes: number, separator: string, make: () => string): string {
  const out: string[] = [];
  let size = 0;
  do {
    const piece = make();
    out.push(piece);
    size += piece.length + separator.length;
  } while (size < bytes);
  return out.join(separator);
}

/** Functions (C# methods) of 2–9 statements each, up to about `bytes`. */
function functions(r: Rand, lang: Language, bytes: number, uris: UriSource, shape: FunctionShape): string {
  return fill(bytes, '\n', () => {
    const body: string[] = [];
    for (let n = 2 + Math.floor(r() * 8); n > 0; n--) body.push(lang.line(r, uris()));
    return `${shape.open(r)}\n${body.join('\n')}\n${shape.close}\n`;
  });
}

interface FunctionShape {
  open(r: Rand): string;
  readonly close: string;
}

const CS_METHOD: FunctionShape = {
  open: (r) => `        public async Task<${pick(r, ['int', 'string', 'bool'])}> ${ident(r)}Async(string ${ident(r)}, CancellationToken cancellationToken)\n        {`,
  close: '            return default;\n        }',
};
const PY_FUNCTION: FunctionShape = { open: (r) => `def ${ident(r)}(${ident(r)}, ${ident(r)}=None):`, close: '    return result\n' };
const TS_FUNCTION: FunctionShape = { open: (r) => `export async function ${ident(r)}(${ident(r)}: string): Promise<unknown> {`, close: '  return undefined;\n}' };
const GO_FUNCTION: FunctionShape = { open: (r) => `func ${ident(r)}(ctx context.Context, ${pick(r, WORDS)}Name string) error {`, close: '\treturn nil\n}' };

const CS: Language = {
  ext: 'cs',
  line: (r, uri) => uri ? `            var ${ident(r)} = @"${uri}";`
    : pick(r, [`            var ${ident(r)} = await _${ident(r)}.GetAsync(${ident(r)}, cancellationToken);`,
      `            if (${ident(r)} is null) throw new ArgumentNullException(nameof(${ident(r)}));`,
      `            // Überprüft den Status des ${ident(r)} vor dem Export.`, '']),
  file: (r, bytes, uris) => `${csHeader(r)}    public sealed class ${ident(r)}Service\n    {\n${functions(r, CS, bytes, uris, CS_METHOD)}    }\n}\n`,
};
const csHeader = (r: Rand) => `using System;\nusing System.Threading;\nusing System.Threading.Tasks;\n\nnamespace Contoso.${ident(r)}\n{\n`;

const PY: Language = {
  ext: 'py',
  line: (r, uri) => uri ? `    ${ident(r)} = "${uri}"`
    : pick(r, [`    ${ident(r)} = self.${ident(r)}.get("${pick(r, WORDS)}", None)`,
      `    for ${pick(r, WORDS)} in ${ident(r)}:\n        logger.info(f"processed {${pick(r, WORDS)}} rows")`,
      `    # Checks the ${ident(r)} before the export.`]),
  file: (r, bytes, uris) => `import logging\n\nlogger = logging.getLogger(__name__)\n\n\n${functions(r, PY, bytes, uris, PY_FUNCTION)}`,
};

const TS: Language = {
  ext: 'ts',
  line: (r, uri) => uri ? `  const ${ident(r)} = \`${uri}\`;`
    : pick(r, [`  const ${ident(r)} = await this.${ident(r)}(${ident(r)}, { retries: ${Math.floor(r() * 5)} });`,
      `  if (!${ident(r)}) return undefined;`, `  // Checks the ${ident(r)} before the export.`, '']),
  file: (r, bytes, uris) => `import { setTimeout } from 'node:timers/promises';\n\n${functions(r, TS, bytes, uris, TS_FUNCTION)}`,
};

const GO: Language = {
  ext: 'go',
  line: (r, uri) => uri ? `\t${ident(r)} := \`${uri}\`\n\t_ = ${ident(r)}`
    : pick(r, [`\t${ident(r)}, err := ${ident(r)}(ctx, ${ident(r)})\n\tif err != nil {\n\t\treturn err\n\t}`,
      `\t// Checks the ${ident(r)} before the export.`, '']),
  file: (r, bytes, uris) => `package ${pick(r, WORDS)}\n\nimport "context"\n\n${functions(r, GO, bytes, uris, GO_FUNCTION)}`,
};

const JSON_LANG: Language = {
  ext: 'json',
  line: (r, uri) => uri ? `  "${ident(r)}": "${uri}"`
    : `  "${ident(r)}": ${pick(r, [`"${pick(r, WORDS)}"`, String(Math.floor(r() * 1e5)), 'true', 'null'])}`,
  file: (r, bytes, uris) => `{\n${fill(bytes, ',\n', () => JSON_LANG.line(r, uris()))}\n}\n`,
};

const YAML: Language = {
  ext: 'yaml',
  line: (r, uri) => uri ? `  ${ident(r)}: "${uri}"`
    : pick(r, [`  ${ident(r)}: ${pick(r, WORDS)}`, `  ${ident(r)}Replicas: ${Math.floor(r() * 9)}`]),
  file: (r, bytes, uris) => fill(bytes, '\n', () => `${ident(r)}:\n${YAML.line(r, uris())}\n${YAML.line(r, undefined)}`) + '\n',
};

/** KQL as Kusto tools keep it: blank-line-separated blocks, each a query (a table and its pipes) or a command. */
const KQL: Language = {
  ext: 'kql',
  line: (r, uri) => uri ? `.ingest into table ${ident(r)} (h'${uri}') with (format='csv')`
    : pick(r, [`| where ${pick(r, WORDS)} > ago(1d)\n| summarize count() by ${pick(r, WORDS)}`,
      `| extend ${ident(r)} = tostring(${pick(r, WORDS)})`, `| project ${ident(r)}, ${ident(r)}`, `| take ${1 + Math.floor(r() * 100)}`]),
  file: (r, bytes, uris) => fill(bytes, '\n\n', () => {
    const uri = uris();
    if (uri) return KQL.line(r, uri);
    const pipes: string[] = [];
    for (let n = Math.floor(r() * 4); n > 0; n--) pipes.push(KQL.line(r, undefined));
    return [ident(r), ...pipes].join('\n');
  }) + '\n',
};

const MD: Language = {
  ext: 'md',
  line: (r, uri) => uri ? `Download the sample from <${uri}>.`
    : pick(r, [`The ${pick(r, WORDS)} ${pick(r, WORDS)} is exported every ${Math.floor(r() * 60)} minutes.`,
      `## ${ident(r)}`, `- \`${ident(r)}\`: the ${pick(r, WORDS)} of the ${pick(r, WORDS)}.`, '']),
  file: (r, bytes, uris) => fill(bytes, '\n', () => MD.line(r, uris())) + '\n',
};

export const LANGUAGES: readonly Language[] = [CS, PY, TS, GO, JSON_LANG, YAML, KQL, MD];

/**
 * The share of each language outside docs/ in a repository of SDKs, samples and
 * tools: mostly code, some configuration, very few .kql scripts. The Azure Kusto
 * SDK, samples and docs repositories hold 4,900 files in about 600 folders, 4 of
 * them .kql: here 0.1% (about 7 files), and about 9 files per folder.
 */
const REPOSITORY_MIX: readonly (readonly [Language, number])[] = [
  [CS, 18], [PY, 18], [TS, 18], [GO, 10], [JSON_LANG, 12], [YAML, 10], [MD, 12], [KQL, 0.1],
];

function pickWeighted(r: Rand, mix: readonly (readonly [Language, number])[]): Language {
  let u = r() * mix.reduce((sum, [, w]) => sum + w, 0);
  for (const [lang, w] of mix) {
    if ((u -= w) < 0) return lang;
  }
  return mix[mix.length - 1]![0];
}

export interface TreeManifest {
  readonly name: string;
  readonly version: number;
  readonly bytes: number;
  readonly files: number;
  /** Files under ignored folders (not scanned by either tool). */
  readonly ignoredFiles: number;
}

// 3: every code file parses without errors (v2 cut statements outside methods, so
// tree-sitter timed its error recovery), and the realistic tree has a repository's
// mix of languages instead of one eighth each, in folders of about 9 files (v2 put
// nearly every file in a folder of its own: 16,600 folders for 8,400 files).
// 5: the dense tree in folders of about 15 files too (it had 18,400 folders for 19,600 files).
const GENERATOR_VERSION = 5;

/** A file size as in a repository: most files small, some large, a few very large. */
function realisticSize(r: Rand): number {
  const u = r();
  if (u < 0.8) return 400 + Math.floor(r() * 4600);
  if (u < 0.985) return 5000 + Math.floor(r() * 20_000);
  return 25_000 + Math.floor(r() * 75_000);
}

const AREAS = ['sdk', 'docs', 'samples', 'eng', 'tools', 'src', 'tests'];
const GITIGNORE = 'bin/\nobj/\n*.log\n.cache/\ndist/\n';

function writeRealistic(dir: string): Omit<TreeManifest, 'name' | 'version'> {
  const r = prng(20250115);
  fs.writeFileSync(path.join(dir, '.gitignore'), GITIGNORE);
  let bytes = 0;
  let files = 0;
  let ignoredFiles = 0;
  const FILES = 8400;
  // About 25 files hold a SAS URI (few findings); the others are ordinary code and docs.
  const sasFiles = new Set<number>();
  while (sasFiles.size < 25) sasFiles.add(Math.floor(r() * FILES));
  for (let i = 0; i < FILES; i++) {
    const area = AREAS[i % AREAS.length] as string;
    const folder = path.join(dir, area, pick(r, WORDS), pick(r, ['src', 'lib', 'tests']));
    fs.mkdirSync(folder, { recursive: true });
    const lang = area === 'docs' ? MD : pickWeighted(r, REPOSITORY_MIX);
    const content = lang.file(r, realisticSize(r), uriSource(r, 0, sasFiles.has(i) ? sasUri(r) : undefined));
    fs.writeFileSync(path.join(folder, `${ident(r)}${i}.${lang.ext}`), content);
    bytes += Buffer.byteLength(content);
    files++;
    // Build output next to some projects: ignored by .gitignore, so neither tool reads it.
    if (i % 50 === 0) {
      const out = path.join(folder, '..', pick(r, ['bin', 'obj', 'dist']));
      fs.mkdirSync(out, { recursive: true });
      fs.writeFileSync(path.join(out, `${ident(r)}.js`), TS.file(r, 20_000, uriSource(r, 0.01)));
      ignoredFiles++;
    }
  }
  return { bytes, files, ignoredFiles };
}

const MI_HOST = (r: Rand) => `https://${pick(r, WORDS)}${Math.floor(r() * 1000)}.blob.core.windows.net/${pick(r, WORDS)}/${ident(r)}.csv`;

/** Small ingestion files, one per language, half with the size given, some with a SAS URI. */
const INGESTION: readonly ((r: Rand, i: number) => string)[] = [
  (r, i) => `using Kusto.Ingest;\n\nnamespace Contoso.${ident(r)}\n{\n    public sealed class ${ident(r)}Loader${i}\n    {\n`
    + `        private readonly IKustoQueuedIngestClient _client;\n\n`
    + `        public async Task LoadAsync(KustoIngestionProperties props)\n        {\n`
    + `            var uri = "${MI_HOST(r)};managed_identity=system";\n`
    + `            await _client.IngestFromStorageAsync(uri, props${r() < 0.5 ? ', new StorageSourceOptions { Size = 1024 }' : ''});\n`
    + `        }\n\n${functions(r, CS, 500 + Math.floor(r() * 900), uriSource(r, 0.01), CS_METHOD)}    }\n}\n`,
  (r) => `from azure.kusto.ingest import BlobDescriptor\n\n`
    + `def ingest_${pick(r, WORDS)}(client, props):\n`
    + `    descriptor = BlobDescriptor("${MI_HOST(r)};managed_identity=system"${r() < 0.5 ? ', size=4096' : ''})\n`
    + `    client.ingest_from_blob(descriptor, ingestion_properties=props)\n\n\n${functions(r, PY, 500 + Math.floor(r() * 900), uriSource(r, 0.01), PY_FUNCTION)}`,
  (r) => `import { BlobDescriptor } from 'azure-kusto-ingest';\n\n`
    + `export async function ingest${ident(r)}(client: QueuedClient): Promise<void> {\n`
    + `  await client.ingestFromBlob(new BlobDescriptor('${MI_HOST(r)};managed_identity=system'${r() < 0.5 ? ', 4096' : ''}));\n}\n`
    + functions(r, TS, 500 + Math.floor(r() * 900), uriSource(r, 0.01), TS_FUNCTION),
  (r) => `package ingestion\n\nimport (\n\t"context"\n\n\t"github.com/Azure/azure-kusto-go/kusto/ingest"\n)\n\n`
    + `func Ingest${ident(r)}(ctx context.Context, ingestor *ingest.Ingestion) error {\n`
    + `\t_, err := ingestor.FromFile(ctx, "${MI_HOST(r)};managed_identity=system", ingest.FileFormat(ingest.CSV)${r() < 0.5 ? ', ingest.RawDataSize(0)' : ''})\n\treturn err\n}\n`
    + functions(r, GO, 500 + Math.floor(r() * 900), uriSource(r, 0.01), GO_FUNCTION),
];
const INGESTION_EXT = ['cs', 'py', 'ts', 'go'];

function writeDense(dir: string): Omit<TreeManifest, 'name' | 'version'> {
  const r = prng(20250116);
  let bytes = 0;
  let files = 0;
  const FILES = 19_600;
  for (let i = 0; i < FILES; i++) {
    const folder = path.join(dir, `svc-${i % 40}`, pick(r, WORDS));
    fs.mkdirSync(folder, { recursive: true });
    // Most files are ingestion code; the rest configuration and docs that name storage.
    let content: string;
    let ext: string;
    if (r() < 0.85) {
      const k = Math.floor(r() * INGESTION.length);
      content = (INGESTION[k] as (r: Rand, i: number) => string)(r, i);
      ext = INGESTION_EXT[k] as string;
    } else {
      const lang = pick(r, [JSON_LANG, YAML, KQL, MD]);
      content = lang.file(r, 800 + Math.floor(r() * 1200), uriSource(r, 0.05));
      ext = lang.ext;
    }
    fs.writeFileSync(path.join(folder, `${ident(r)}${i}.${ext}`), content);
    bytes += Buffer.byteLength(content);
    files++;
  }
  return { bytes, files, ignoredFiles: 0 };
}

const WRITERS = { realistic: writeRealistic, dense: writeDense } as const;
export type TreeName = keyof typeof WRITERS;

/** The tree's folder under `root`/.bench-corpus, generated when missing or stale. */
export function ensureTree(root: string, name: TreeName): { dir: string; manifest: TreeManifest } {
  const dir = path.join(root, '.bench-corpus', name);
  const manifestFile = path.join(root, '.bench-corpus', `${name}.manifest.json`);
  if (fs.existsSync(manifestFile) && fs.existsSync(dir)) {
    const m = JSON.parse(fs.readFileSync(manifestFile, 'utf8')) as TreeManifest;
    if (m.version === GENERATOR_VERSION) return { dir, manifest: m };
  }
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const manifest: TreeManifest = { name, version: GENERATOR_VERSION, ...WRITERS[name](dir) };
  fs.writeFileSync(manifestFile, JSON.stringify(manifest));
  return { dir, manifest };
}
