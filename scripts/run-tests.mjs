// `npm test`: runs each test layer in its own process, passes its report
// through, and ends with one closing line per layer and a total. Exits non-zero
// when any layer fails or ends without a closing line.
// Usage: node scripts/run-tests.mjs [unit] [integration] [extension] [package]
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'out', 'test');

const LAYERS = {
  unit: ['node', [path.join(out, 'runner', 'runMochaLayer.js'), 'unit']],
  integration: ['node', [path.join(out, 'runner', 'runMochaLayer.js'), 'integration']],
  extension: ['node', [path.join(out, 'runner', 'runInCodeServer.js')]],
  package: ['bash', [path.join(root, 'scripts', 'test-package.sh')]],
};

const CLOSING = /^(\w+): (\d+) passed, (\d+) failed/;

function runLayer(name) {
  const [command, args] = LAYERS[name];
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let closing;
    let buffer = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        const match = CLOSING.exec(line.trim());
        if (match && match[1] === name) closing = { passed: Number(match[2]), failed: Number(match[3]) };
      }
    });
    child.on('close', (code) => {
      const result = closing ?? { passed: 0, failed: 1 };
      if (!closing) console.error(`${name}: ended with code ${code} and no closing line`);
      if (code !== 0 && result.failed === 0) result.failed = 1;
      resolve({ name, ...result, code });
    });
  });
}

const requested = process.argv.slice(2);
const names = requested.length ? requested : Object.keys(LAYERS);
for (const name of names) {
  if (!(name in LAYERS)) {
    console.error(`unknown test layer "${name}"; expected ${Object.keys(LAYERS).join(', ')}`);
    process.exit(2);
  }
}
const results = [];
for (const name of names) results.push(await runLayer(name));
console.log('');
for (const r of results) console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
