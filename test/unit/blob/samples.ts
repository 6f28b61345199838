// Fake but realistic credentials for the tests. None of them was ever issued.

import type { Finding } from '../../../src/core/findings';

/** 43 base64 characters plus an URL-encoded `=`, like a real HMAC-SHA256 signature. */
export const SIG = 'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789%2BaBcD%3D';
export const SIG2 = 'ZyXwVuTsRqPoNmLkJiHgFeDcBa9876543210%2FzYxW%3D';
/** A typical account SAS query. */
export const SAS = `sv=2022-11-02&ss=b&srt=o&sp=rl&se=2030-01-01T00%3A00%3A00Z&spr=https&sig=${SIG}`;
/** 64 bytes of base64: the shape of a storage account key. */
export const KEY = 'FakeKeyForTestsOnly0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ012+/==';
export const AZURITE_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
export const OBJECT_ID = '6a5820b9-fdf6-4cc4-81b9-b416b444fd6d';

/** The flagged text, and the preferred fix's replacement (null when there is none). */
export function summarize(text: string, findings: readonly Finding[]): Array<{ rule: string; flagged: string; fix: string | null }> {
  return findings.map((f) => ({
    rule: f.ruleId,
    flagged: text.slice(f.start, f.end),
    fix: f.fixes.find((x) => x.isPreferred)?.edits[0].newText ?? null,
  }));
}

/** True when `text` contains any of the fake secrets above. */
export function leaksSecret(text: string): boolean {
  return [SIG, SIG2, KEY, SIG.slice(0, 20), SIG2.slice(0, 20), KEY.slice(0, 20)].some((s) => text.includes(s));
}
