// Properties of --fix at the byte level: a rewrite changes the bytes of the
// rewritten URI and nothing else, in every encoding the scanner reads.

import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fixBytes } from '../../../src/cli/scan/fixFile';
import { decodeText, spliceBytes } from '../../../src/cli/scan/textEncoding';

const URI = 'https://a1.blob.core.windows.net/c/f.csv?sv=2022-11-02&sp=r&sig=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%2BaBcD%3D';
const FIXED = 'https://a1.blob.core.windows.net/c/f.csv;managed_identity=system';

/** Bytes that cannot run into the URI (a separator on each side keeps it one token). */
const noise = fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b));

const RUNS = { splice: 300, utf8: 300, encodings: 200 };

describe('--fix at the byte level (properties)', () => {
  it(`spliceBytes keeps every byte outside the edited ranges (${RUNS.splice} runs)`, () => {
    fc.assert(fc.property(
      fc.uint8Array({ minLength: 1, maxLength: 300 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(8), fc.uint8Array({ maxLength: 8 })), { maxLength: 5 }),
      (raw, specs) => {
        const bytes = Buffer.from(raw);
        // Non-overlapping edits from arbitrary positions.
        const edits: { start: number; end: number; bytes: Uint8Array }[] = [];
        for (const [at, len, insert] of specs) {
          const start = at % (bytes.length + 1);
          const end = Math.min(bytes.length, start + len);
          if (edits.some((e) => start < e.end && e.start < end) || edits.some((e) => e.start === start)) continue;
          edits.push({ start, end, bytes: insert });
        }
        const out = spliceBytes(bytes, edits);
        const sorted = [...edits].sort((a, b) => a.start - b.start);
        let i = 0;
        let o = 0;
        for (const e of sorted) {
          assert.deepEqual(out.subarray(o, o + (e.start - i)), bytes.subarray(i, e.start));
          o += e.start - i;
          assert.deepEqual(out.subarray(o, o + e.bytes.length), Buffer.from(e.bytes));
          o += e.bytes.length;
          i = e.end;
        }
        assert.deepEqual(out.subarray(o), bytes.subarray(i));
      },
    ), { numRuns: RUNS.splice });
  });

  it(`a fix in arbitrary (also invalid UTF-8) bytes changes only the URI (${RUNS.utf8} runs)`, async () => {
    await fc.assert(fc.asyncProperty(noise, noise, async (before, after) => {
      const original = Buffer.concat([before, Buffer.from(`\n"${URI}"\n`), after]);
      const { bytes } = await fixBytes(original, 'notes.txt');
      // The noise may itself hold findings only if it spells a storage URI, which 200 random bytes never do.
      assert.deepEqual(bytes, Buffer.concat([before, Buffer.from(`\n"${FIXED}"\n`), after]));
    }), { numRuns: RUNS.utf8 });
  });

  it(`UTF-16 and UTF-32 files keep their encoding, BOM and every other code unit (${RUNS.encodings} runs)`, async () => {
    const encoders: Record<string, (s: string) => Buffer> = {
      utf16le: (s) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]),
      utf16be: (s) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]),
      utf32le: (s) => Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), ...[...s].map((c) => { const b = Buffer.alloc(4); b.writeUInt32LE(c.codePointAt(0)!); return b; })]),
      utf32be: (s) => Buffer.concat([Buffer.from([0, 0, 0xfe, 0xff]), ...[...s].map((c) => { const b = Buffer.alloc(4); b.writeUInt32BE(c.codePointAt(0)!); return b; })]),
    };
    const text = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !s.includes('\0'));
    await fc.assert(fc.asyncProperty(fc.constantFrom(...Object.keys(encoders)), text, text, async (name, a, b) => {
      const encode = encoders[name];
      const { bytes } = await fixBytes(encode(`${a}\n${URI}\n${b}`), 'script.ps1');
      assert.equal(decodeText(bytes).encoding, name);
      assert.deepEqual(bytes, encode(`${a}\n${FIXED}\n${b}`));
    }), { numRuns: RUNS.encodings });
  });

  it('a file that is not valid UTF-8 only takes rewrites it can hold byte for byte (ASCII)', async () => {
    // A managed identity named by a non-ASCII display name would need UTF-8 in a Latin-1 file.
    const original = Buffer.concat([Buffer.from('caf\xe9 ', 'latin1'), Buffer.from(URI)]);
    const decoded = decodeText(original);
    assert.equal(decoded.exact, false);
    assert.equal(decoded.encode('é'), undefined);
    assert.deepEqual(decoded.encode('abc'), Buffer.from('abc'));
  });
});
