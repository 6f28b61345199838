// Bundles the extension and the CLI (default), or the test suites, demo and
// benchmarks (--tests). `--production` minifies; `--watch` rebuilds on change.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const args = new Set(process.argv.slice(2));
const production = args.has('--production');
const watch = args.has('--watch');
const tests = args.has('--tests');

/** Tree-sitter grammars are loaded lazily from dist/wasm at run time. */
function copyWasm() {
  const from = path.join(__dirname, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm');
  const to = path.join(__dirname, 'dist', 'wasm');
  fs.mkdirSync(to, { recursive: true });
  for (const name of ['tree-sitter.wasm', 'tree-sitter-c-sharp.wasm', 'tree-sitter-python.wasm',
    'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-javascript.wasm', 'tree-sitter-go.wasm', 'tree-sitter-java.wasm']) {
    fs.copyFileSync(path.join(from, name), path.join(to, name));
  }
}

/** Kusto.Language runs as plain scripts (it defines globals): copied, never bundled. */
function copyKustoLanguage() {
  const from = path.join(__dirname, 'node_modules', '@kusto', 'language-service-next');
  const to = path.join(__dirname, 'dist', 'vendor', 'kusto');
  fs.mkdirSync(to, { recursive: true });
  for (const name of ['bridge.min.js', 'Kusto.Language.Bridge.min.js']) {
    // Production copies drop the parser's inline source map (a large base64 comment), as our own bundles carry none.
    const code = fs.readFileSync(path.join(from, name), 'utf8');
    fs.writeFileSync(path.join(to, name), production ? code.replace(/^\/\/# sourceMappingURL=.*$/gm, '') : code);
  }
}

/** All files under `dir` whose names end with one of `suffixes`. */
function findFiles(dir, suffixes) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true })
    .map((f) => path.join(dir, f))
    .filter((f) => suffixes.some((s) => f.endsWith(s)));
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Production bundles (the .vsix, the npm package) carry no maps and no
  // sourceMappingURL comments pointing at files that are not shipped.
  sourcemap: !production,
  logLevel: 'warning',
  // azure-kusto-data and friends are ESM; their `import.meta.url` is unused in CJS.
  logOverride: { 'empty-import-meta': 'silent' },
  // jsonc-parser's `main` is a UMD build whose require('./impl/...') esbuild cannot follow: bundle its ESM build.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

/**
 * Heavy libraries the extension imports dynamically (Kusto, Azure, tree-sitter)
 * become bundles of their own in dist/vendor/, required on first use, so that
 * activation parses only the extension's own code.
 */
const LAZY_VENDORS = {
  'azure-kusto-data': 'azure-kusto-data',
  '@azure/identity': 'azure-identity',
  '@azure/arm-kusto': 'azure-arm-kusto',
  '@azure/arm-authorization': 'azure-arm-authorization',
  '@azure/arm-storage': 'azure-arm-storage',
  '@vscode/tree-sitter-wasm': 'tree-sitter',
  '@microsoft/vscode-azext-azureauth': 'azureauth',
  'vscode-languageclient/node': 'vscode-languageclient',
};

const lazyVendorPlugin = {
  name: 'lazy-vendor',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(LAZY_VENDORS).map((n) => n.replace(/[/.]/g, '\\$&')).join('|')})$`);
    build.onResolve({ filter }, (args) => args.kind === 'dynamic-import'
      ? { path: `./vendor/${LAZY_VENDORS[args.path]}.js`, external: true }
      : undefined);
  },
};

function vendorConfigs() {
  return Object.entries(LAZY_VENDORS).map(([pkg, file]) => ({
    ...common,
    stdin: { contents: `module.exports = require(${JSON.stringify(pkg)});`, resolveDir: __dirname, loader: 'js' },
    outfile: `dist/vendor/${file}.js`,
    // The Azure sign-in library and vscode-languageclient run in the extension host, where `vscode` is provided.
    external: ['vscode'],
    minify: production,
    sourcesContent: !production,
  }));
}

/**
 * The CLI: dist/cli.js only parses the command line; each command is a bundle of
 * its own, dist/cli-<command>.js, required when that command runs, and takes the
 * SDKs from the same dist/vendor/ bundles as the extension. So `scan` (run by
 * pre-commit hooks on every commit) starts without parsing the Kusto and Azure
 * clients. The commands are the `import('./<folder>/...')` lines of src/cli/commands.ts.
 */
const CLI_COMMAND_TABLE = 'src/cli/commands.ts';

function cliCommandEntries() {
  const table = fs.readFileSync(path.join(__dirname, CLI_COMMAND_TABLE), 'utf8');
  return Object.fromEntries([...table.matchAll(/import\('\.\/(([\w-]+)\/[\w/-]+)'\)/g)]
    .map(([, file, folder]) => [`cli-${folder}`, `src/cli/${file}.ts`]));
}

const cliCommandPlugin = {
  name: 'cli-commands',
  setup(build) {
    build.onResolve({ filter: /^\.\/[\w-]+\// }, (args) => {
      if (args.kind !== 'dynamic-import' || path.relative(__dirname, args.importer).split(path.sep).join('/') !== CLI_COMMAND_TABLE) return undefined;
      return { path: `./cli-${args.path.split('/')[1]}.js`, external: true };
    });
  },
};

function productConfigs() {
  return [
    {
      ...common,
      entryPoints: { extension: 'src/extension.ts' },
      outdir: 'dist',
      external: ['vscode'],
      plugins: [lazyVendorPlugin],
      // import() of a vendor bundle becomes a lazy require(), which every extension host supports.
      supported: { 'dynamic-import': false },
      minify: production,
      sourcesContent: !production,
      metafile: true,
    },
    ...vendorConfigs(),
    {
      ...common,
      entryPoints: { cli: 'src/cli.ts' },
      outdir: 'dist',
      external: ['vscode'],
      plugins: [cliCommandPlugin],
      supported: { 'dynamic-import': false },
      minify: production,
      sourcesContent: !production,
      banner: { js: '#!/usr/bin/env node' },
    },
    {
      // The KQL language server: its own process, started on the first kusto document.
      ...common,
      entryPoints: { languageServer: 'src/languageServer/main.ts' },
      outdir: 'dist',
      minify: production,
      sourcesContent: !production,
    },
    {
      ...common,
      entryPoints: cliCommandEntries(),
      outdir: 'dist',
      external: ['vscode'],
      plugins: [lazyVendorPlugin],
      supported: { 'dynamic-import': false },
      minify: production,
      sourcesContent: !production,
    },
  ];
}

function testConfigs() {
  const entries = [
    ...findFiles('test/unit', ['.test.ts']),
    ...findFiles('test/integration', ['.test.ts']),
    ...findFiles('test/extension', ['.test.ts']),
    ...findFiles('test/packaged', ['.test.ts']),
    ...findFiles('test/bench', ['.bench.ts']),
    'test/extension/index.ts',
    'test/packaged/index.ts',
    ...findFiles('test/benchHost', ['.ts']),
    'test/runner/runInCodeServer.ts',
    'test/runner/runMochaLayer.ts',
    'test/electron/runElectron.ts',
    'scripts/demo.ts',
    'scripts/screenshot.ts',
  ].filter((f) => fs.existsSync(f));
  return [{
    ...common,
    entryPoints: entries,
    outbase: '.',
    outdir: 'out',
    // Test tooling and the VS Code API resolve at run time from node_modules / the host.
    external: ['vscode', 'mocha', 'playwright-core', '@vscode/test-electron', 'fast-check'],
  }];
}

async function main() {
  const configs = tests ? testConfigs() : productConfigs();
  if (!tests) {
    copyWasm();
    copyKustoLanguage();
  }
  if (watch) {
    for (const config of configs) {
      const ctx = await esbuild.context(config);
      await ctx.watch();
    }
    console.log('[watch] build started');
    return;
  }
  const results = await Promise.all(configs.map((c) => esbuild.build(c)));
  if (!tests && results[0].metafile) {
    fs.writeFileSync(path.join('dist', 'extension.meta.json'), JSON.stringify(results[0].metafile));
  }
  if (!tests) fs.chmodSync(path.join('dist', 'cli.js'), 0o755);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
