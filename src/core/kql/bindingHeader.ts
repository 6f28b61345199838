// A KQL file can say which cluster and database it is written for, in its
// leading comment lines, as Kusto tools write it:
//   // cluster: https://help.kusto.windows.net database: Samples
// (on one line or two). The language service loads that database's schema.

export interface KqlBinding {
  readonly cluster: string;
  readonly database: string;
}

const HEADER_LINES = 20;

export function bindingFromHeader(text: string): KqlBinding | undefined {
  let cluster: string | undefined;
  let database: string | undefined;
  const lines = text.split(/\r?\n/, HEADER_LINES);
  for (const line of lines) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (!trimmed.startsWith('//')) break;
    cluster ??= /\bcluster\s*:\s*(\S+)/i.exec(trimmed)?.[1];
    database ??= /\bdatabase\s*:\s*(\S+)/i.exec(trimmed)?.[1];
  }
  if (!cluster || !database) return undefined;
  const clean = (s: string) => s.replace(/^['"[]+|['"\]]+$/g, '');
  return { cluster: clean(cluster), database: clean(database) };
}

/** `help/Samples` for https://help.kusto.windows.net, `127.0.0.1:8080/Samples` for a local one. */
export function bindingLabel(binding: KqlBinding): string {
  let host = binding.cluster;
  try {
    const url = new URL(binding.cluster);
    host = /^[\d.]+$|^\[/.test(url.hostname) || url.hostname === 'localhost' ? url.host : url.hostname.split('.')[0];
  } catch {
    // Not a URL: show it as written.
  }
  return `${host}/${binding.database}`;
}
