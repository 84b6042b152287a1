const PREFIX = Buffer.from('\x1ecairn-pid ', 'latin1');

/**
 * Takes the wrapper's "\x1ecairn-pid N\n" line off the front of stderr and
 * passes everything else through untouched.
 */
export class PidMarker {
  pid: number | null = null;
  private pending: Buffer | null = Buffer.alloc(0);

  /** Returns the part of this chunk that is the command's own stderr. */
  take(chunk: Buffer): Buffer {
    if (this.pending === null) return chunk;
    const data = Buffer.concat([this.pending, chunk]);
    const head = data.subarray(0, PREFIX.length);
    if (!PREFIX.subarray(0, head.length).equals(head)) return this.giveUp(data);
    const newline = data.indexOf(0x0a);
    if (newline === -1) {
      this.pending = data;
      return Buffer.alloc(0);
    }
    const pid = Number(data.subarray(PREFIX.length, newline).toString('latin1'));
    if (Number.isInteger(pid) && pid > 1) this.pid = pid;
    this.pending = null;
    return data.subarray(newline + 1);
  }

  /** Whatever is still held back when the stream ends. */
  flush(): Buffer {
    return this.pending === null ? Buffer.alloc(0) : this.giveUp(this.pending);
  }

  private giveUp(data: Buffer): Buffer {
    this.pending = null;
    return data;
  }
}
