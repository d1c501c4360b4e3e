// THIRD-PARTY-NOTICES.md carries the licence text of every npm package bundled into the shipped dist/*.js, at the
// version installed. After a dependency change, regenerate that part with UPDATE_NOTICES=1 and review the diff.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUNDLED_HEADING, bundledNotices, bundledPackages } from '../support/notices';

const ROOT = resolve(__dirname, '..', '..', '..');
const FILE = resolve(ROOT, 'THIRD-PARTY-NOTICES.md');

describe('third-party notices', () => {
  it('list exactly the bundled packages with their licence texts', async () => {
    const packages = await bundledPackages(ROOT);
    assert.ok(packages.some((p) => p.name === 'yaml') && packages.some((p) => p.name === 'vscode-languageclient'), 'the bundle scan found no dependencies');
    const text = readFileSync(FILE, 'utf8');
    const start = text.indexOf(BUNDLED_HEADING);
    const expected = bundledNotices(packages);
    if (process.env.UPDATE_NOTICES === '1') {
      const head = start >= 0 ? text.slice(0, start).trimEnd() : text.trimEnd();
      writeFileSync(FILE, `${head}\n\n${expected}`);
      return;
    }
    assert.ok(start >= 0, `THIRD-PARTY-NOTICES.md lacks the section "${BUNDLED_HEADING}"; run UPDATE_NOTICES=1 npm test`);
    assert.equal(text.slice(start).trimEnd(), expected.trimEnd(), 'the bundled-library notices are out of date; run UPDATE_NOTICES=1 npm test and review the diff');
  });
});
