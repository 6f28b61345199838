// Loads the web-tree-sitter runtime once per process and each grammar on first
// use, from a configurable folder of .wasm files:
//   extension: `<extensionPath>/dist/wasm`, CLI: `__dirname + '/wasm'`,
//   tests: `node_modules/@vscode/tree-sitter-wasm/wasm`.
//
// `@vscode/tree-sitter-wasm` is a UMD file that assigns `module.exports = { Parser,
// Language, Query, ... }`. esbuild bundles it into CommonJS output; the dynamic
// `import()` below becomes `Promise.resolve().then(() => __toESM(require(...)))`,
// whose namespace carries the named exports and a `default` equal to
// `module.exports`. Both shapes are accepted, so the module also works unbundled.
//
// Indices: when a JavaScript string is parsed, this build feeds the text to
// tree-sitter as UTF-16. Node `startIndex`/`endIndex`, point columns, `Tree.edit`
// and `Tree.getChangedRanges` use UTF-16 code units (the binding halves the byte
// offsets), which is what VS Code offsets and `Finding` use. Query ranges
// (`QueryOptions.startIndex/endIndex`) are passed through unconverted, so they
// are UTF-16 *bytes*: use `queryRange`. The unit tests pin both with non-BMP text.

import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as TreeSitter from '@vscode/tree-sitter-wasm';

export type TreeSitterApi = typeof TreeSitter;
export type Language = TreeSitter.Language;
export type Parser = TreeSitter.Parser;
export type Tree = TreeSitter.Tree;
export type Node = TreeSitter.Node;
export type Query = TreeSitter.Query;
export type QueryMatch = TreeSitter.QueryMatch;
export type Point = TreeSitter.Point;
export type Edit = TreeSitter.Edit;

/** The grammar files this analyzer uses, named after `tree-sitter-<name>.wasm`. */
export type GrammarName = 'c-sharp' | 'python' | 'typescript' | 'tsx' | 'javascript' | 'go' | 'java';

export interface LoadedGrammar {
  readonly name: GrammarName;
  readonly api: TreeSitterApi;
  readonly language: Language;
  /** One parser per grammar: parsing is synchronous, so documents can share it. */
  readonly parser: Parser;
}

/** Query options limiting matches to [start, end) given in UTF-16 code units. */
export function queryRange(start: number, end: number): { startIndex: number; endIndex: number } {
  return { startIndex: start * 2, endIndex: end * 2 };
}

let runtime: { promise: Promise<TreeSitterApi>; wasmDir: string } | undefined;

/**
 * The runtime is a process-wide singleton (`Parser.init` replaces the module that
 * every loaded `Language` points into), so it is initialised once, from the first
 * folder asked for.
 */
function loadRuntime(wasmDir: string): Promise<TreeSitterApi> {
  if (!runtime) {
    const promise = (async () => {
      const runtimeWasm = path.join(wasmDir, 'tree-sitter.wasm');
      // Checked first: a missing file would otherwise abort inside the emscripten module, noisily.
      await fs.promises.access(runtimeWasm).catch(() => {
        throw new Error(`tree-sitter runtime not found: ${runtimeWasm}`);
      });
      const mod = (await import('@vscode/tree-sitter-wasm')) as TreeSitterApi & { default?: TreeSitterApi };
      const api: TreeSitterApi = typeof mod.Parser === 'function' ? mod : (mod.default as TreeSitterApi);
      if (!api || typeof api.Parser !== 'function') {
        throw new Error('@vscode/tree-sitter-wasm: Parser export not found');
      }
      await api.Parser.init({ locateFile: (file: string) => path.join(wasmDir, file) });
      return api;
    })();
    runtime = { promise, wasmDir };
    // A failed start may be retried (for instance with a corrected folder).
    promise.catch(() => {
      if (runtime?.promise === promise) runtime = undefined;
    });
  }
  return runtime.promise;
}

export class GrammarLoader {
  private readonly grammars = new Map<GrammarName, Promise<LoadedGrammar>>();
  private readonly loaded = new Set<GrammarName>();

  constructor(readonly wasmDir: string) {}

  /** Lazily loads `tree-sitter-<name>.wasm`; the promise is cached per grammar. */
  grammar(name: GrammarName): Promise<LoadedGrammar> {
    let pending = this.grammars.get(name);
    if (!pending) {
      pending = (async () => {
        const api = await loadRuntime(this.wasmDir);
        const bytes = await fs.promises.readFile(path.join(this.wasmDir, `tree-sitter-${name}.wasm`));
        const language = await api.Language.load(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
        const parser = new api.Parser();
        parser.setLanguage(language);
        this.loaded.add(name);
        return { name, api, language, parser };
      })();
      this.grammars.set(name, pending);
      pending.catch(() => {
        if (this.grammars.get(name) === pending) this.grammars.delete(name);
      });
    }
    return pending;
  }

  /** Grammars whose load has completed. */
  loadedGrammars(): GrammarName[] {
    return [...this.loaded];
  }
}
