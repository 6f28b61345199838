// Which managed_identity policy usage each Kusto command needs (Kusto docs:
// "Managed Identity policy" usages, and the pages of each command and plugin),
// and how a finding's position in a file maps to the command around it.

import assert from 'node:assert/strict';
import { flowAt } from '../../../src/core/flows/flowAt';
import { flowForCommand, QUEUED_INGESTION_FLOW } from '../../../src/core/flows/flowForCommand';

describe('flowForCommand', () => {
  const table: Array<[string, string | undefined, ('read' | 'write')?]> = [
    [".ingest into table T (h'https://a.blob.core.windows.net/c/f.csv')", 'NativeIngestion', 'read'],
    ['.ingest async into table T (...)', 'NativeIngestion', 'read'],
    ['.export to csv (h@"https://a.blob.core.windows.net/c") <| T', 'ExportRequest', 'write'],
    ['.export async compressed to parquet (...) <| T', 'ExportRequest', 'write'],
    ['.create external table E (a:int) kind=storage dataformat=csv (...)', 'ExternalTable', 'read'],
    ['.create-or-alter external table E (a:int) kind=sql table=T (...)', 'ExternalTable', 'read'],
    ['.alter-merge external table E (...)', 'ExternalTable', 'read'],
    ['.create-or-alter continuous-export CE over (T) to table E with (managedIdentity="system") <| T', 'AutomatedFlows', 'write'],
    ['.alter external table E policy query_acceleration \'{"IsEnabled": true}\'', 'AutomatedFlows', 'read'],
    ['.alter table T policy update @\'[{"Source": "S"}]\'', 'AutomatedFlows', 'read'],
    ['externaldata (a:string) [h@"https://a.blob.core.windows.net/c/f.csv"]', 'ExternalDataRequest', 'read'],
    ['evaluate infer_storage_schema(options)', 'ExternalDataRequest', 'read'],
    ['external_table("E") | take 10', 'ExternalTable', 'read'],
    ["evaluate sql_request('Server=...', 'select 1')", 'SqlRequest', 'read'],
    ["evaluate cosmosdb_sql_request('AccountEndpoint=...', 'select 1')", 'SqlRequest', 'read'],
    ["T | evaluate hint.distribution=per_node python(typeof(*), 'result = df', bag_pack(), bag_pack('a', 'https://a.blob.core.windows.net/c/a.zip'))", 'SandboxArtifacts', 'read'],
    ['evaluate ai_embeddings("text", cs)', 'AzureAI', 'read'],
    ['evaluate ai_chat_completion_prompt("hi", cs)', 'AzureAI', 'read'],
    ['T | take 10', undefined],
    ['.show tables', undefined],
  ];
  for (const [command, usage, access] of table) {
    it(`${command.slice(0, 48)} → ${usage ?? 'no flow'}`, () => {
      const flow = flowForCommand(command);
      assert.equal(flow?.usage, usage);
      if (access) assert.equal(flow?.access, access);
    });
  }

  it('marks SandboxArtifacts as cluster-level only', () => {
    assert.equal(flowForCommand("evaluate python(typeof(*), 'x')")?.clusterOnly, true);
  });
});

describe('flowAt', () => {
  it('takes the blank-line separated block of a KQL file', () => {
    const text = '.export to csv (\n  h@"URI"\n) <| T\n\n.ingest into table T (\n  h\'URI\'\n)\n';
    assert.equal(flowAt(text, text.indexOf('URI'), 'q.kql')?.usage, 'ExportRequest');
    assert.equal(flowAt(text, text.lastIndexOf('URI'), 'q.kql')?.usage, 'NativeIngestion');
  });

  it('finds no flow for a KQL block that names none', () => {
    assert.equal(flowAt('print "URI"', 7, 'q.csl'), undefined);
  });

  it('finds a command embedded in a string of another language, else queued ingestion', () => {
    const cs = 'var cmd = ".create external table E (a:int) kind=storage (h@\'URI\')";\n\nvar uri = "URI";';
    assert.equal(flowAt(cs, cs.indexOf('URI'), 'x.cs')?.usage, 'ExternalTable');
    assert.equal(flowAt(cs, cs.lastIndexOf('URI'), 'x.cs'), QUEUED_INGESTION_FLOW);
    const md = '```kusto\n.export to json (h"URI") <| T\n```';
    assert.equal(flowAt(md, md.indexOf('URI'), 'README.md')?.usage, 'ExportRequest');
  });
});
