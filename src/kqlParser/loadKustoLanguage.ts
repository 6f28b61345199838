// Loads Kusto.Language (≈5 MB minified, ≈250 ms, ≈100 MB) on first use. It is
// never bundled: its Bridge.NET runtime defines globals (`Bridge`, `System`,
// `Kusto`) and expects to run as a plain script. The build copies the two files
// to dist/vendor/kusto/; tests, run from out/, find them in node_modules.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import type { GlobalState, KustoCode, KustoCodeService, KustoLanguage } from './kustoApi';

const BRIDGE = 'bridge.min.js';
const LANGUAGE = 'Kusto.Language.Bridge.min.js';

/** dist/vendor/kusto next to the bundle; else the package in a node_modules above. */
export function locateKustoLanguage(from = __dirname): string {
  const bundled = path.join(from, 'vendor', 'kusto');
  if (fs.existsSync(path.join(bundled, LANGUAGE))) return bundled;
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '@kusto', 'language-service-next');
    if (fs.existsSync(path.join(candidate, LANGUAGE))) return candidate;
    if (path.dirname(dir) === dir) return bundled;
  }
}

interface KustoGlobals {
  Kusto: {
    Language: {
      GlobalState: { Default: GlobalState };
      KustoCode: { Parse(text: string, globals: GlobalState): KustoCode };
      Editor: { KustoCodeService: { $ctor1: new (text: string, globals: GlobalState) => KustoCodeService } };
    };
  };
}

let loaded: KustoLanguage | undefined;

export function loadKustoLanguage(dir = locateKustoLanguage()): KustoLanguage {
  if (loaded) return loaded;
  const load = createRequire(path.join(dir, 'package.json'));
  load(path.join(dir, BRIDGE));
  load(path.join(dir, LANGUAGE));
  const K = (globalThis as unknown as KustoGlobals).Kusto.Language;
  const defaultGlobals = K.GlobalState.Default;
  loaded = {
    defaultGlobals,
    parse: (text, globals = defaultGlobals) => K.KustoCode.Parse(text, globals),
    codeService: (text, globals = defaultGlobals) => new K.Editor.KustoCodeService.$ctor1(text, globals),
  };
  return loaded;
}
