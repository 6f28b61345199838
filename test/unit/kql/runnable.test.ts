import assert from 'node:assert/strict';
import { changedPolicyTarget, changesState, isManagementCommand } from '../../../src/core/kql/runnable';

describe('runnable blocks', () => {
  it('tells queries from management commands, past leading comments', () => {
    assert.equal(isManagementCommand('StormEvents | take 10'), false);
    assert.equal(isManagementCommand('// the policy\n.show database Sales policy managed_identity'), true);
  });

  it('flags the commands that change state, and only those', () => {
    for (const cmd of ['.alter-merge database Sales policy managed_identity "[]"', '.alter table T policy retention "{}"', '.delete database Sales policy managed_identity',
      '.drop table T', '.set T <| print 1', '.append T <| print 1', '.ingest into table T (h@"x")', '.create table T (a:int)', '.add database Sales admins ("aaduser=x")']) {
      assert.equal(changesState(cmd), true, cmd);
    }
    for (const cmd of ['.show databases', 'T | take 1', '// .drop table T\nT | count', '.alter-mergex']) assert.equal(changesState(cmd), false, cmd);
  });

  it('names the managed_identity policy a block changes', () => {
    assert.deepEqual(changedPolicyTarget('.alter-merge database Sales policy managed_identity "[ { \'ObjectId\' : \'system\', \'AllowedUsages\' : \'NativeIngestion\' } ]"'),
      { kind: 'database', database: 'Sales' });
    assert.deepEqual(changedPolicyTarget('.delete cluster policy managed_identity'), { kind: 'cluster' });
    assert.deepEqual(changedPolicyTarget(".delete database ['Ops-Archive'] policy managed_identity"), { kind: 'database', database: 'Ops-Archive' });
    assert.equal(changedPolicyTarget('.alter table T policy retention "{}"'), undefined);
  });
});
