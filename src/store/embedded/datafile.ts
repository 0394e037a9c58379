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

/** Validates every complete line of `file` and drops a torn last line; a missing file is fine. */
export async function checkDatafile(file: string): Promise<DatafileCheck> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { droppedBytes: 0 };
    throw error;
  }
  let pending: Buffer[] = [];
  let line = 0;
  const parseLine = (bytes: Buffer) => {
    line += 1;
    if (bytes.length === 0) return;
    try {
      JSON.parse(bytes.toString('utf8'));
    } catch (error) {
      throw new DatafileCorrupt(file, line, (error as Error).message);
    }
  };
  for await (const chunk of createReadStream(file, { end: Math.max(0, size - 1) }) as AsyncIterable<Buffer>) {
    let start = 0;
    for (let at = chunk.indexOf(NEWLINE); at !== -1; at = chunk.indexOf(NEWLINE, start)) {
      pending.push(chunk.subarray(start, at));
      parseLine(Buffer.concat(pending));
      pending = [];
      start = at + 1;
    }
    if (start < chunk.length) pending.push(chunk.subarray(start));
  }
  const tail = Buffer.concat(pending);
  if (tail.length === 0) return { droppedBytes: 0 };
  try {
    // An unterminated line that parses is a whole record that lost only its newline: keep it.
    JSON.parse(tail.toString('utf8'));
    return { droppedBytes: 0 };
  } catch {
    await truncate(file, size - tail.length);
    return { droppedBytes: tail.length };
  }
}
