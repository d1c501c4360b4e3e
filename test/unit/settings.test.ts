// Settings merging (mergeSettings): every case in test/fixtures/settings/merge.json gives the expected settings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_SETTINGS, type ApigwSettings } from '../../server/src/protocol';
import { mergeSettings } from '../../server/src/startServer';

const FILE = resolve(__dirname, '..', '..', '..', 'test', 'fixtures', 'settings', 'merge.json');

interface MergeCase {
  name: string;
  /** Fields laid over the defaults to make the base (default: the defaults). */
  base?: Partial<ApigwSettings>;
  raw: unknown;
  /** Fields of the result that differ from the base. */
  expected: Partial<ApigwSettings>;
}

describe('mergeSettings', () => {
  const { cases } = JSON.parse(readFileSync(FILE, 'utf8')) as { cases: MergeCase[] };
  it('has cases', () => assert.ok(cases.length > 0));
  for (const c of cases) {
    it(c.name, () => {
      const base: ApigwSettings = { ...DEFAULT_SETTINGS, ...c.base };
      assert.deepEqual(mergeSettings(base, c.raw), { ...base, ...c.expected });
    });
  }
});
