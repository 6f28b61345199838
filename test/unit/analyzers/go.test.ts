import assert from 'node:assert/strict';
import { assertFix, assertNone, single } from './helpers';

const MI = 'https://acct.blob.core.windows.net/c/data.csv;managed_identity=system';
const SAS = 'https://acct.blob.core.windows.net/c/data.csv?sv=2022-11-02&sig=abc';

function file(body: string, imports = '\t"github.com/Azure/azure-kusto-go/kusto/ingest"', topLevel = ''): string {
  const lines = body.split('\n').map((l) => (l ? `\t${l}` : l)).join('\n');
  return `package loader

import (
\t"context"
\t"fmt"

${imports}
)
${topLevel}
func Load(ctx context.Context, in *ingest.Ingestion, objectID string, rawSize int64) error {
${lines}
\treturn nil
}
`;
}

describe('mi-blob-size-missing: Go', () => {
  it('reports FromFile without RawDataSize and adds ingest.RawDataSize(0)', async () => {
    const finding = await assertFix('go',
      file(`uri := "${MI}"\n_, err := in.FromFile(ctx, uri, ingest.FileFormat(ingest.CSV))\nif err != nil {\n\treturn err\n}`),
      'FromFile',
      file(`uri := "${MI}"\n_, err := in.FromFile(ctx, uri, ingest.FileFormat(ingest.CSV), ingest.RawDataSize(0))\nif err != nil {\n\treturn err\n}`));
    assert.equal(finding.fixes[0]?.title, 'Add ingest.RawDataSize(0) (let the service discover the blob size)');
  });

  it('uses the alias the file imports the package as', async () => {
    await assertFix('go',
      file(`in.FromFile(ctx, "${MI}")`, '\tkingest "github.com/Azure/azure-kusto-go/kusto/ingest"').replace('*ingest.Ingestion', '*kingest.Ingestion'),
      'FromFile',
      file(`in.FromFile(ctx, "${MI}", kingest.RawDataSize(0))`, '\tkingest "github.com/Azure/azure-kusto-go/kusto/ingest"').replace('*ingest.Ingestion', '*kingest.Ingestion'));
    await assertFix('go',
      file(`in.FromFile(ctx, "${MI}")`, '\t"github.com/Azure/azure-kusto-go/azkustoingest"'),
      'FromFile',
      file(`in.FromFile(ctx, "${MI}", azkustoingest.RawDataSize(0))`, '\t"github.com/Azure/azure-kusto-go/azkustoingest"'));
  });

  it('keeps a multi-line call with a trailing comma', async () => {
    await assertFix('go',
      file(`in.FromFile(\n\tctx,\n\t"${MI}",\n\tingest.FileFormat(ingest.CSV),\n)`),
      'FromFile',
      file(`in.FromFile(\n\tctx,\n\t"${MI}",\n\tingest.FileFormat(ingest.CSV),\n\tingest.RawDataSize(0),\n)`));
  });

  it('follows Sprintf, concatenation, var and top-level constants', async () => {
    await single('go', file('uri := fmt.Sprintf("https://a.blob.core.windows.net/c/x.csv;managed_identity=%s", objectID)\nin.FromFile(ctx, uri)'), 'FromFile');
    await single('go', file('var uri = base + ";managed_identity=system"\nin.FromFile(ctx, uri)'), 'FromFile');
    await single('go', file('in.FromFile(ctx, blobURI)', undefined, `\nconst blobURI = "${MI}"\n`), 'FromFile');
    await single('go', file('in.FromFile(ctx, blobURI)', undefined, `\nconst (\n\tcontainer = "https://a.blob.core.windows.net/c"\n\tblobURI   = container + "/x.csv" + ";managed_identity=system"\n)\n`), 'FromFile');
    await single('go', file(`upload := func() error {\n\t_, err := in.FromFile(ctx, "${MI}")\n\treturn err\n}\n_ = upload`), 'FromFile');
  });

  it('does not report RawDataSize given, a variadic option slice or options built elsewhere', async () => {
    await assertNone('go', file(`in.FromFile(ctx, "${MI}", ingest.RawDataSize(0))`));
    await assertNone('go', file(`in.FromFile(ctx, "${MI}", ingest.FileFormat(ingest.CSV), ingest.RawDataSize(rawSize))`));
    await assertNone('go', file(`opts := []ingest.FileOption{ingest.RawDataSize(rawSize)}\nin.FromFile(ctx, "${MI}", opts...)`));
    await assertNone('go', file(`in.FromFile(ctx, "${MI}", sizeOption)`));
  });

  it('does not report without the ingest import, for SAS URIs, parameters, comments or strings', async () => {
    await assertNone('go', file(`in.FromFile(ctx, "${MI}")`, '\t"example.com/other/ingest"'));
    await assertNone('go', file(`in.FromFile(ctx, "${SAS}")`));
    await assertNone('go', file('in.FromFile(ctx, objectID)'));
    await assertNone('go', file(`u := "${MI}"\nfor _, u := range sasURIs {\n\tin.FromFile(ctx, u)\n}`));
    await assertNone('go', file(`// in.FromFile(ctx, "${MI}")\ns := "in.FromFile(ctx, \\"${MI}\\")"\nr := \`in.FromFile(ctx, "${MI}")\`\n_, _ = s, r`));
  });
});
