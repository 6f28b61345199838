// Writes a pretty-printed JSON document whose one big array is written an item
// at a time, byte for byte as JSON.stringify(document, null, 2) would print it,
// so a report of many findings never exists as one string (nor as a list of
// objects) in memory.

/** Stands where the streamed array goes in the document given to jsonArrayStream. */
export const STREAMED_ITEMS = 'kusto-mi:streamed-items';

export interface JsonArrayStream {
  add(item: unknown): void;
  /** Writes the rest of the document and a final newline. */
  end(): void;
}

export function jsonArrayStream(document: unknown, write: (chunk: string) => void): JsonArrayStream {
  const text = JSON.stringify(document, null, 2);
  const marker = JSON.stringify(STREAMED_ITEMS);
  const at = text.indexOf(marker);
  if (at === -1 || text.indexOf(marker, at + 1) !== -1) throw new Error('jsonArrayStream: the document must hold STREAMED_ITEMS once');
  const head = text.slice(0, at);
  const tail = text.slice(at + marker.length);
  const lineStart = head.lastIndexOf('\n') + 1;
  const pad = /^ */.exec(head.slice(lineStart))![0];
  const itemPad = `${pad}  `;
  let count = 0;
  return {
    add(item) {
      const json = JSON.stringify(item, null, 2).split('\n').map((line) => itemPad + line).join('\n');
      write(`${count++ === 0 ? `${head}[\n` : ',\n'}${json}`);
    },
    end() {
      write(count === 0 ? `${head}[]${tail}\n` : `\n${pad}]${tail}\n`);
    },
  };
}
