// Checks an append-only datafile before it is loaded. A record is one JSON line written with a single
// append, so a power cut or a full disk can leave only the last line cut short: that torn tail is
// dropped (the write it belonged to was never acknowledged). Any other unreadable line is real
// damage, and the start stops naming the file and line rather than loading around it.
import { createReadStream } from 'node:fs';
import { stat, truncate } from 'node:fs/promises';
import { StoreCorrupt } from '../port.ts';

export interface DatafileCheck {
  /** Bytes of a torn final record cut off the end of the file (0 when it was whole). */
  droppedBytes: number;
}

/** The datafile is damaged in a way no automatic repair should guess at. */
export class DatafileCorrupt extends StoreCorrupt {
  constructor(
    readonly file: string,
    readonly line: number,
    problem: string,
  ) {
    super(file, `line ${line}`, problem);
    this.message =
      `The embedded store file ${file} is damaged at line ${line} (${problem}). ohmymkt stopped rather than ` +
      'lose or guess at data: restore the file from a backup, or remove that line if you know what it held.';
    this.name = 'DatafileCorrupt';
  }
}

const NEWLINE = 0x0a;

/** Where a whole record sits in the file: its first byte and its length without the newline. */
export type RecordVisitor = (record: unknown, offset: number, length: number) => void | Promise<void>;

/**
 * Reads every complete line of `file` through `parse`, handing each record to `visit` with its place
 * in the file, and drops a torn last line; a missing file is fine. Damage elsewhere throws
 * DatafileCorrupt naming the line.
 */
export async function scanDatafile(
  file: string,
  visit: RecordVisitor = () => undefined,
  parse: (text: string) => unknown = JSON.parse,
): Promise<DatafileCheck> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { droppedBytes: 0 };
    throw error;
  }
  let pending: Buffer[] = [];
  let line = 0;
  let offset = 0;
  const parseLine = async (bytes: Buffer) => {
    line += 1;
    const at = offset;
    offset += bytes.length + 1;
    if (bytes.length === 0) return;
    let record: unknown;
    try {
      record = parse(bytes.toString('utf8'));
    } catch (error) {
      throw new DatafileCorrupt(file, line, (error as Error).message);
    }
    const visiting = visit(record, at, bytes.length);
    if (visiting) await visiting;
  };
  for await (const chunk of createReadStream(file, { end: Math.max(0, size - 1) }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
      pending.push(chunk.subarray(start, at));
      await parseLine(pending.length === 1 ? (pending[0] as Buffer) : Buffer.concat(pending));
      pending = [];
      start = at + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  const tail = Buffer.concat(pending);
  if (tail.length === 0) return { droppedBytes: 0 };
  let record: unknown;
  try {
    // An unterminated line that parses is a whole record that lost only its newline: keep it.
    record = parse(tail.toString('utf8'));
  } catch {
    await truncate(file, size - tail.length);
    return { droppedBytes: tail.length };
  }
  await visit(record, offset, tail.length);
  return { droppedBytes: 0 };
}

/** Validates every complete line of `file` and drops a torn last line; a missing file is fine. */
export function checkDatafile(file: string): Promise<DatafileCheck> {
  return scanDatafile(file);
}

/** The datafile's length in bytes; 0 while it does not exist. */
export async function datafileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
}
