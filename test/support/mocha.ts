// One mocha set-up for every test layer: the spec report, then a closing line
// `<layer>: N passed, N failed` that CI and scripts/run-tests.mjs read.
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';

export function findTestFiles(dir: string, suffix = '.test.js'): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.endsWith(suffix))
    .map((f) => path.join(dir, f))
    .sort();
}

function closingLineReporter(layer: string) {
  return class ClosingLineReporter extends Mocha.reporters.Spec {
    constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
      super(runner, options);
      runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
        const stats = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
        const skipped = stats.pending ? `, ${stats.pending} skipped` : '';
        console.log(`${layer}: ${stats.passes} passed, ${stats.failures} failed${skipped}`);
      });
    }
  };
}

export interface LayerOptions {
  readonly layer: string;
  readonly files: readonly string[];
  readonly timeoutMs?: number;
  readonly color?: boolean;
  readonly grep?: string;
}

/** Runs the files and resolves with the number of failures (no tests at all counts as one). */
export async function runMochaLayer(options: LayerOptions): Promise<number> {
  const mocha = new Mocha({
    ui: 'bdd',
    timeout: options.timeoutMs ?? 10_000,
    color: options.color ?? false,
    reporter: closingLineReporter(options.layer),
    ...(options.grep ? { grep: options.grep } : {}),
  });
  for (const file of options.files) mocha.addFile(file);
  if (options.files.length === 0) {
    console.log(`${options.layer}: no test files found`);
    console.log(`${options.layer}: 0 passed, 1 failed`);
    return 1;
  }
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    mocha.run((failures) => resolve(failures));
  });
}
