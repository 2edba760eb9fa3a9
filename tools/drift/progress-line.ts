// One line on a terminal, rewritten in place: probes done, window slots in use, and an ETA.
// Off a terminal nothing is written, so CI logs hold only the summary.

export interface ProgressSink {
  update(done: number, total: number, inUse: number, capacity: number, etaMs: number, note?: string): void;
  stop(): void;
}

export function progressLine(stream: { write(text: string): unknown; isTTY?: boolean }): ProgressSink {
  if (!stream.isTTY) return { update: () => undefined, stop: () => undefined };
  let drawn = false;
  return {
    update(done, total, inUse, capacity, etaMs, note) {
      const eta = etaMs > 0 ? `, ETA ${Math.ceil(etaMs / 1000)} s` : '';
      stream.write(
        `\r\x1b[2Kdrift: ${done}/${total} probes, ${inUse}/${capacity} slots in use${eta}${note ? ` (${note})` : ''}`,
      );
      drawn = true;
    },
    stop() {
      if (drawn) stream.write('\r\x1b[2K');
      drawn = false;
    },
  };
}
