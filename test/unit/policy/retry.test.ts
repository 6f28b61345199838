import assert from 'node:assert/strict';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter, withRetry } from '../../../src/core/retry';

const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };

describe('core/retry', () => {
  it('backs off exponentially with equal jitter, capped', () => {
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0)), [50, 100, 200, 400, 500]);
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffDelay(n, policy, () => 0.999999)), [100, 200, 400, 800, 1000]);
  });

  it('waits at least what Retry-After asks', () => {
    assert.equal(backoffDelay(1, policy, () => 0, 3000), 3000);
    assert.ok(backoffDelay(1, policy, () => 0.5, 3000) >= 3000);
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    const now = Date.parse('2024-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('2', now), 2000);
    assert.equal(parseRetryAfter(['1.5'], now), 1500);
    assert.equal(parseRetryAfter('Mon, 01 Jan 2024 00:00:05 GMT', now), 5000);
    assert.equal(parseRetryAfter('Sun, 31 Dec 2023 23:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  it('retries what classify allows, up to maxAttempts, with the injected sleep', async () => {
    const slept: number[] = [];
    let calls = 0;
    await assert.rejects(withRetry(async () => {
      calls++;
      throw new Error('busy');
    }, () => ({ retry: true }), { policy: { ...policy, maxAttempts: 3 }, random: () => 0, sleep: async (ms) => void slept.push(ms) }), /busy/);
    assert.equal(calls, 3);
    assert.deepEqual(slept, [50, 100]);
  });

  it('returns the first success and honours retryAfterMs', async () => {
    const slept: number[] = [];
    const result = await withRetry(async (attempt) => {
      if (attempt < 2) throw new Error('429');
      return 'ok';
    }, () => ({ retry: true, retryAfterMs: 1000 }), { policy, random: () => 0, sleep: async (ms) => void slept.push(ms) });
    assert.equal(result, 'ok');
    assert.deepEqual(slept, [1000]);
  });

  it('does not retry when classify says no, or when Retry-After is too long', async () => {
    let calls = 0;
    const fail = async () => {
      calls++;
      throw new Error('x');
    };
    await assert.rejects(withRetry(fail, () => ({ retry: false }), { sleep: async () => undefined }));
    await assert.rejects(withRetry(fail, () => ({ retry: true, retryAfterMs: 120_000 }), { sleep: async () => undefined }));
    assert.equal(calls, 2);
  });

  it('stops waiting when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const p = withRetry(async () => {
      throw new Error('busy');
    }, () => ({ retry: true, retryAfterMs: 10_000 }), { signal: controller.signal });
    setTimeout(() => controller.abort(new Error('stop')), 20);
    await assert.rejects(p, /stop/);
    assert.ok(Date.now() - started < 2000);
  });
});
