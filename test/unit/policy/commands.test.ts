import assert from 'node:assert/strict';
import {
  alterMergePolicyCommand, alterPolicyCommand, deletePolicyCommand, PolicyCommandError, policyLiteral, showDatabasesCommand, showPolicyCommand,
} from '../../../src/core/kql/commands';
import { CLUSTER_TARGET, databaseTarget } from '../../../src/core/policy/model';

const ID = '6a5820b9-fdf6-4cc4-81b9-b416b444fd6d';

describe('kql/commands', () => {
  it('emits the documented literal form for .alter-merge at both levels', () => {
    assert.equal(
      alterMergePolicyCommand(CLUSTER_TARGET, [{ ObjectId: ID, AllowedUsages: ['NativeIngestion'] }]),
      `.alter-merge cluster policy managed_identity "[ { 'ObjectId' : '${ID}', 'AllowedUsages' : 'NativeIngestion' } ]"`,
    );
    assert.equal(
      alterMergePolicyCommand(databaseTarget('Ops-Archive'), [{ ObjectId: 'system', AllowedUsages: ['NativeIngestion', 'ExternalTable'] }]),
      `.alter-merge database ['Ops-Archive'] policy managed_identity "[ { 'ObjectId' : 'system', 'AllowedUsages' : 'NativeIngestion, ExternalTable' } ]"`,
    );
  });

  it('builds .alter with several entries, and an empty one', () => {
    const cmd = alterPolicyCommand(databaseTarget('Sales'), [
      { ObjectId: 'system', AllowedUsages: ['ExternalTable'] },
      { ObjectId: ID, AllowedUsages: ['All'] },
    ]);
    assert.equal(cmd, `.alter database ['Sales'] policy managed_identity "[ { 'ObjectId' : 'system', 'AllowedUsages' : 'ExternalTable' }, { 'ObjectId' : '${ID}', 'AllowedUsages' : 'All' } ]"`);
    assert.equal(alterPolicyCommand(CLUSTER_TARGET, []), '.alter cluster policy managed_identity "[]"');
  });

  it('builds .show and .delete', () => {
    assert.equal(showDatabasesCommand(), '.show databases');
    assert.equal(showPolicyCommand(CLUSTER_TARGET), '.show cluster policy managed_identity');
    assert.equal(showPolicyCommand(databaseTarget("it's")), ".show database ['it\\'s'] policy managed_identity");
    assert.equal(deletePolicyCommand(databaseTarget('Staging')), ".delete database ['Staging'] policy managed_identity");
  });

  it('normalises object ids and usage spelling, and drops duplicate usages', () => {
    const lit = policyLiteral(CLUSTER_TARGET, [{ ObjectId: ` ${ID.toUpperCase()} `, AllowedUsages: ['nativeingestion', 'NativeIngestion'] }]);
    assert.equal(lit, `"[ { 'ObjectId' : '${ID}', 'AllowedUsages' : 'NativeIngestion' } ]"`);
    assert.match(policyLiteral(CLUSTER_TARGET, [{ ObjectId: 'SYSTEM', AllowedUsages: ['All'] }]), /'ObjectId' : 'system'/);
  });

  it('rejects anything but system or a GUID as object id, with a clear message', () => {
    for (const bad of ['', 'not-a-guid', `${ID}' } ]" | .drop table T`, 'user@contoso.com']) {
      assert.throws(() => alterMergePolicyCommand(CLUSTER_TARGET, [{ ObjectId: bad, AllowedUsages: ['All'] }]),
        (e: Error) => e instanceof PolicyCommandError && /use 'system' or the identity's principal \(object\) id/.test(e.message));
    }
  });

  it('rejects unknown usages, no usages, and cluster-only usages on a database', () => {
    assert.throws(() => policyLiteral(CLUSTER_TARGET, [{ ObjectId: ID, AllowedUsages: ['NativeIngest'] }]), /Unknown managed identity usage 'NativeIngest'/);
    assert.throws(() => policyLiteral(CLUSTER_TARGET, [{ ObjectId: ID, AllowedUsages: [] }]), /No usage given/);
    assert.throws(() => policyLiteral(databaseTarget('db'), [{ ObjectId: ID, AllowedUsages: ['SandboxArtifacts'] }]), /cluster-level/);
    assert.doesNotThrow(() => policyLiteral(CLUSTER_TARGET, [{ ObjectId: ID, AllowedUsages: ['SandboxArtifacts'] }]));
  });

  it('rejects an empty merge and invalid database names', () => {
    assert.throws(() => alterMergePolicyCommand(CLUSTER_TARGET, []), /Nothing to merge/);
    assert.throws(() => showPolicyCommand(databaseTarget('')), (e: Error) => e instanceof PolicyCommandError && /empty/.test(e.message));
    assert.throws(() => showPolicyCommand(databaseTarget('a\nb')), /line breaks/);
  });
});
