// Activation: apigw-lens activates for YAML/JSON documents and analyses CloudFormation templates only.
import * as assert from 'node:assert/strict';
import { diagnosticViews, extension, openFixture, ourDiagnostics, settleDiagnostics, waitForDiagnosticState } from './helpers';

// The manifest activates on onLanguage:yaml / onLanguage:json, so "not for unrelated YAML" means "no analysis", not
// "not active". (In code-server the workbench itself creates a JSON model at startup, which fires onLanguage:json
// before any test runs, so "inactive before the first document" cannot be asserted there.)
describe('activation', () => {
  it('activates on a CloudFormation template and publishes its diagnostics', async () => {
    const { document } = await openFixture('bad-key.yaml');
    const count = await waitForDiagnosticState(document.uri, () => ourDiagnostics(document.uri).length, (n) => n > 0);
    assert.equal(extension().isActive, true);
    assert.ok(count > 0, 'no apigw-lens diagnostics on bad-key.yaml');
  });

  it('does not analyse a YAML file that is not a CloudFormation template', async () => {
    // plain.yaml contains `IntegrationResponseKey: 200`, which would be reported inside a template.
    const { document } = await openFixture('plain.yaml');
    await settleDiagnostics();
    assert.deepEqual(diagnosticViews(document), []);
  });
});
