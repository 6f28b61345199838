// Bench for rule `mi-blob-size-missing` on a generated 5,000-line C# file:
// grammar load, full analysis (goal < 100 ms), re-analysis after a one-line edit
// (goal < 10 ms), and memory with no grammar vs the C# grammar and a document.
//
//   node esbuild.js --tests && node --expose-gc out/test/bench/sizeAnalyzer.bench.js
//
// Without --expose-gc the memory figures are taken without a forced collection.

import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createSizeAnalyzer, type TextChange } from '../../src/analyzers';
import { GrammarLoader } from '../../src/analyzers/loader';
import { figure } from './measure';

const LINES = 5000;
const MI = 'https://contosologs.blob.core.windows.net/raw';

function repoRoot(): string {
  for (const start of [__dirname, process.cwd()]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error('package.json not found');
}

/** One method; every fifth one queues a blob (some with, some without a size). */
function methodText(i: number): string[] {
  const body: string[] = [
    `        public async Task<int> Process${i}Async(IReadOnlyList<Record> records, CancellationToken token)`,
    '        {',
    '            var total = 0;',
    `            foreach (var record in records.Where(r => r.Kind == ${i % 7} && !string.IsNullOrEmpty(r.Name)))`,
    '            {',
    '                if (record.Value > _threshold)',
    '                {',
    `                    total += record.Value * ${i % 13 + 1};`,
    `                    _log.LogInformation("record {Name} above threshold in step ${i}", record.Name);`,
    '                }',
    '                else',
    '                {',
    '                    total -= Math.Min(record.Value, 10);',
    '                }',
    '            }',
  ];
  switch (i % 5) {
    case 0:
      body.push(`            await _client.IngestFromStorageAsync($"${MI}/{_day:yyyyMMdd}/part-${i}.csv;managed_identity=system", _props);`);
      break;
    case 1:
      body.push(
        '            var options = new StorageSourceOptions',
        '            {',
        '                DeleteSourceOnSuccess = false,',
        '                Size = records.Count * 128L',
        '            };',
        `            await _client.IngestFromStorageAsync(ArchiveUri, _props, options);`,
      );
      break;
    case 2:
      body.push(`            await _client.IngestFromStorageAsync(Container + "/part-${i}.csv?" + _sas, _props);`);
      break;
    default:
      body.push(`            total += await CountAsync(records, ${i}, token);`);
  }
  body.push('            return total;', '        }', '');
  return body;
}

function generateCSharp(lines: number): string {
  const head = [
    'using System;',
    'using System.Collections.Generic;',
    'using System.Linq;',
    'using System.Threading;',
    'using System.Threading.Tasks;',
    'using Kusto.Data.Common;',
    'using Kusto.Ingest;',
    'using Microsoft.Extensions.Logging;',
    '',
    'namespace Contoso.Telemetry.Generated',
    '{',
    '    public sealed class Pipeline',
    '    {',
    `        private const string Container = "${MI}";`,
    '        private static readonly string ArchiveUri = Container + "/archive.csv;managed_identity=system";',
    '        private readonly IKustoQueuedIngestClient _client;',
    '        private readonly KustoIngestionProperties _props;',
    '        private readonly ILogger _log;',
    '        private readonly string _sas;',
    '        private readonly DateTime _day;',
    '        private readonly int _threshold = 42;',
    '',
  ];
  const tail = ['    }', '}', ''];
  const out = [...head];
  for (let i = 0; out.length + tail.length + 25 <= lines; i++) out.push(...methodText(i));
  while (out.length + tail.length < lines + 1) out.push('        // padding');
  return [...out, ...tail].join('\n');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

function memory(): { rss: number; external: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
  const m = process.memoryUsage();
  return { rss: m.rss, external: m.external };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (t: number) => `${t.toFixed(1)} ms`;

async function main(): Promise<void> {
  const wasmDir = path.join(repoRoot(), 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
  const text = generateCSharp(LINES);
  const lineCount = text.split('\n').length - 1;
  const label = `${lineCount}-line C#`;
  const gcNote = (globalThis as { gc?: unknown }).gc ? 'after gc' : 'no --expose-gc';

  const before = memory();
  const analyzer = createSizeAnalyzer({ wasmDir });

  let t0 = performance.now();
  const doc = await analyzer.openDocument('csharp', '');
  const loadTime = performance.now() - t0;
  doc.dispose();
  console.log(`size analyzer: grammar load (runtime + C# grammar): ${ms(loadTime)}`);

  // Full analysis: a parse from scratch plus the analysis, as the CLI does it. The
  // first runs include V8 compiling the grammar's wasm code; they are reported apart.
  const WARMUP = 4;
  const full: number[] = [];
  let found = 0;
  for (let i = 0; i < WARMUP + 15; i++) {
    t0 = performance.now();
    found = (await analyzer.analyze(text, 'csharp')).length;
    full.push(performance.now() - t0);
  }
  console.log(`size analyzer: first full analysis (cold wasm code), ${label}: ${ms(full[0] as number)}`);
  console.log(`size analyzer: full analysis, ${label}: ${ms(median(full.slice(WARMUP)))} (median of ${full.length - WARMUP}; ${found} findings)`);
  figure({ name: `size rule, full analysis, ${label}`, ours: median(full.slice(WARMUP)), unit: 'ms', goal: 100 });

  t0 = performance.now();
  const opened = await analyzer.openDocument('csharp', text);
  console.log(`size analyzer: open document, ${label}: ${ms(performance.now() - t0)}`);

  // One-line edit inside a method in the middle of the file, alternating two values.
  const anchor = text.indexOf('total -= Math.Min(record.Value, 10);', text.length >> 1) + 'total -= Math.Min(record.Value, '.length;
  let current = text;
  const edits: number[] = [];
  for (let i = 0; i < 60; i++) {
    const value = i % 2 ? '10' : '11';
    const change: TextChange = { rangeOffset: anchor, rangeLength: 2, text: value };
    current = current.slice(0, anchor) + value + current.slice(anchor + 2);
    t0 = performance.now();
    opened.update([change], current);
    edits.push(performance.now() - t0);
  }
  console.log(`size analyzer: re-analysis after a one-line edit in a method, ${label}: ${ms(median(edits.slice(5)))} (median of ${edits.length - 5})`);
  figure({ name: `size rule, re-analysis after a one-line edit, ${label}`, ours: median(edits.slice(5)), unit: 'ms', goal: 10 });

  // Typing a new line that removes a method's size (a finding appears, then goes).
  const sizeLine = current.indexOf('Size = records.Count * 128L', current.length >> 1);
  const toggles: number[] = [];
  for (let i = 0; i < 40; i++) {
    const change: TextChange = i % 2
      ? { rangeOffset: sizeLine, rangeLength: 2, text: 'Si' }
      : { rangeOffset: sizeLine, rangeLength: 2, text: '//' };
    current = current.slice(0, sizeLine) + change.text + current.slice(sizeLine + 2);
    t0 = performance.now();
    opened.update([change], current);
    toggles.push(performance.now() - t0);
  }
  console.log(`size analyzer: re-analysis after commenting out a Size line, ${label}: ${ms(median(toggles.slice(4)))} (median of ${toggles.length - 4})`);

  // An edit outside any method (a constant) invalidates every cached method.
  const constant = current.indexOf('private readonly int _threshold = 42;') + 'private readonly int _threshold = '.length;
  const moduleEdits: number[] = [];
  for (let i = 0; i < 20; i++) {
    const value = i % 2 ? '42' : '43';
    current = current.slice(0, constant) + value + current.slice(constant + 2);
    t0 = performance.now();
    opened.update([{ rangeOffset: constant, rangeLength: 2, text: value }], current);
    moduleEdits.push(performance.now() - t0);
  }
  console.log(`size analyzer: re-analysis after a one-line edit outside methods, ${label}: ${ms(median(moduleEdits.slice(2)))} (median of ${moduleEdits.length - 2})`);

  const after = memory();
  console.log(`size analyzer: memory, no grammar loaded (${gcNote}): rss ${mb(before.rss)}, external ${mb(before.external)}`);
  console.log(`size analyzer: memory, C# grammar loaded + ${label} open (${gcNote}): rss ${mb(after.rss)}, external ${mb(after.external)}`);
  console.log(`size analyzer: memory delta: rss +${mb(after.rss - before.rss)}, external +${mb(after.external - before.external)}; grammars: ${analyzer.loadedLanguages().join(', ')}`);
  opened.dispose();

  // For reference: the tree-sitter parse alone (a second grammar instance, after the memory figures).
  const grammar = await new GrammarLoader(wasmDir).grammar('c-sharp');
  const parses: number[] = [];
  for (let i = 0; i < WARMUP + 15; i++) {
    t0 = performance.now();
    const tree = grammar.parser.parse(text);
    parses.push(performance.now() - t0);
    tree?.delete();
  }
  console.log(`size analyzer: tree-sitter parse alone, ${label}: ${ms(median(parses.slice(WARMUP)))} (median of ${parses.length - WARMUP})`);

  // The size rule is linear in calls per method: 2,000 IngestFromStorageAsync(uri, props)
  // calls on one variable in one method (10-17 s when each call re-resolved the variable).
  const calls = manyCallsMethod(2000);
  const manyRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    t0 = performance.now();
    found = (await analyzer.analyze(calls, 'csharp')).length;
    manyRuns.push(performance.now() - t0);
  }
  console.log(`size analyzer: one method with 2,000 IngestFromStorageAsync(uri, props) calls: ${ms(median(manyRuns))} (median of 5; ${found} findings; first run ${ms(manyRuns[0] as number)})`);
  figure({ name: 'size rule, 2,000 calls in one method', ours: median(manyRuns), unit: 'ms', goal: 1000 });
}

function manyCallsMethod(calls: number): string {
  const lines = ['using Kusto.Ingest;', 'class Loader', '{',
    '    async Task Run(IKustoQueuedIngestClient client, KustoIngestionProperties props)', '    {',
    `        var uri = "${MI}/data.csv;managed_identity=system";`];
  for (let i = 0; i < calls; i++) lines.push('        await client.IngestFromStorageAsync(uri, props);');
  lines.push('    }', '}', '');
  return lines.join('\n');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
