import { JSONParser } from '@streamparser/json';
import { ImportError } from '../errors.ts';
import type { ImportLimits } from '../limits.ts';

export interface JsonElement {
  /** 1-based position among the selected elements. */
  index: number;
  value: unknown;
}

/**
 * Streams the elements at `path` (e.g. `$.locations.*`) of a JSON document without holding the
 * document: parsed elements are handed out and dropped. A run of more than `maxRecordBytes` bytes
 * without a complete element (one huge element or string) is refused.
 */
export async function* readJsonElements(stream: AsyncIterable<Buffer>, path: string, file: string, limits: ImportLimits): AsyncGenerator<JsonElement> {
  const parser = new JSONParser({ paths: [path], keepStack: false });
  const ready: unknown[] = [];
  let failure: Error | null = null;
  parser.onValue = ({ value }) => {
    ready.push(value);
  };
  parser.onError = (err: Error) => {
    failure ??= err;
  };
  let index = 0;
  let pending = 0;
  const malformed = (e: Error) => new ImportError('malformed_json', { file, row: index + 1 }, `is not well-formed JSON: ${e.message}`);
  for await (const chunk of stream) {
    try {
      parser.write(chunk);
    } catch (e) {
      failure ??= e as Error;
    }
    if (failure) throw malformed(failure);
    pending = ready.length > 0 ? 0 : pending + chunk.length;
    if (pending > limits.maxRecordBytes) {
      throw new ImportError('record_too_large', { file, row: index + 1 }, `holds an element larger than the limit of ${limits.maxRecordBytes} bytes`);
    }
    while (ready.length > 0) {
      index++;
      yield { index, value: ready.shift() };
    }
  }
  if (!parser.isEnded) {
    try {
      parser.end();
    } catch (e) {
      failure ??= e as Error;
    }
  }
  if (failure) throw malformed(failure);
  while (ready.length > 0) {
    index++;
    yield { index, value: ready.shift() };
  }
}
